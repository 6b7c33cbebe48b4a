// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${artifact} and friends are GoReleaser's os.Expand variables, not JS templates
import { describe, expect, it } from "vitest";
import { expandVars, passesIf, planSignJob, redact } from "./command.js";
import { duplicateIds, withSignDefaults } from "./config.js";

// A stand-in for the template engine: only `{{ .Env.x }}` is needed here.
const render = (template: string, _key: string, env: Readonly<Record<string, string>>) =>
  template.replace(/\{\{ *\.Env\.(\w+) *\}\}/g, (_, name: string) => env[name] ?? "");

const subject = { name: "checksums.txt", file: "/rel/stage/checksums.txt", id: "" };

describe("signing commands", () => {
  it("defaults to GoReleaser's gpg detached signature of nothing", () => {
    const entry = withSignDefaults({}, "signs");
    expect(entry).toMatchObject({
      id: "default",
      cmd: "gpg",
      artifacts: "none",
      signature: "${artifact}.sig",
    });
    expect(withSignDefaults({}, "binary_signs").artifacts).toBe("binary");
    expect(withSignDefaults({ key: "env:K" }, "signs")).toMatchObject({
      cmd: "",
      artifacts: "checksum",
      key: "env:K",
    });
    expect(withSignDefaults({ key: "env:K", cmd: "cosign" }, "signs").key).toBe("");
  });

  it("expands the artifact, signature and certificate, then renders templates", () => {
    const entry = withSignDefaults(
      {
        artifacts: "checksum",
        certificate: "${artifact}.pem",
        env: ["PW={{ .Env.HOME_PW }}"],
        args: ["-u", "{{ .Env.PW }}", "--output", "${signature}", "--detach-sig", "$artifact"],
        stdin: "{{ .Env.PW }}",
      },
      "signs",
    );
    const job = planSignJob(entry, subject, "/rel/stage", (t, k, env) =>
      render(t, k, { HOME_PW: "s3cret", ...env }),
    );
    expect(job.args).toEqual([
      "-u",
      "s3cret",
      "--output",
      "/rel/stage/checksums.txt.sig",
      "--detach-sig",
      "/rel/stage/checksums.txt",
    ]);
    expect(job.signature).toEqual({ file: "/rel/stage/checksums.txt.sig", name: "checksums.txt.sig" });
    expect(job.certificate).toEqual({ file: "/rel/stage/checksums.txt.pem", name: "checksums.txt.pem" });
    expect(job.stdin).toBe("s3cret");
    expect(job.env).toMatchObject({ PW: "s3cret", artifact: "/rel/stage/checksums.txt" });
  });

  it("places relative signature names in the release directory", () => {
    const entry = withSignDefaults({ signature: "sigs/{{ .Env.NAME }}.asc" }, "signs");
    const job = planSignJob(entry, subject, "/rel/stage", (t, k, env) => render(t, k, { ...env, NAME: "x" }));
    expect(job.signature).toEqual({ file: "/rel/stage/sigs/x.asc", name: "x.asc" });
  });

  it("follows os.Expand, `if`, duplicate ids and redaction", () => {
    expect(expandVars("$a-${b}-$missing", { a: "1", b: "2" })).toBe("1-2-");
    expect(passesIf(withSignDefaults({ if: "{{ .Env.OK }}" }, "signs"), render, { OK: "true" })).toBe(true);
    expect(passesIf(withSignDefaults({ if: "{{ .Env.OK }}" }, "signs"), render, { OK: "false" })).toBe(false);
    expect(duplicateIds([withSignDefaults({}, "signs"), withSignDefaults({}, "signs")])).toEqual(["default"]);
    expect(redact("pass is hunter22 ok", { GPG_PASSPHRASE: "hunter22", HOME: "ok" })).toBe(
      "pass is [redacted] ok",
    );
  });
});
