// The goship.yaml example in the README is a valid config.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { parseConfigText } from "./load.js";
import { resolveGoshipConfig } from "./resolve.js";

it("the README's goship.yaml example validates", () => {
  const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Configuration"));
  const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  expect(example).toBeDefined();
  const platforms = ["linux/amd64", "linux/arm", "darwin/arm64", "windows/amd64"].map((p) => {
    const [goos = "", goarch = ""] = p.split("/");
    return { goos, goarch, firstClass: true };
  });
  const config = resolveGoshipConfig(
    { file: "goship.yaml", name: "goship.yaml", kind: "goship", ...parseConfigText(example!, "goship.yaml") },
    {
      module: {
        path: "example.com/acme",
        mains: [{ importPath: "example.com/acme/cmd/api", relativePath: "./cmd/api", binary: "api" }],
      },
      platforms,
    },
  );
  expect(config.builds[0]?.targets).toHaveLength(5);
});
