import { describe, expect, it } from "vitest";
import type { Exec } from "../../process/exec.js";
import { credentialFor, helperFor, staticCredential } from "./credentials.js";

const auth = (u: string, p: string) => Buffer.from(`${u}:${p}`).toString("base64");

describe("Docker config.json credentials", () => {
  const config = {
    auths: {
      "https://index.docker.io/v1/": { auth: auth("hub", "hubpass") },
      "ghcr.io": { auth: auth("gh", "ghpass") },
      "https://quay.io": { username: "q", password: "qpass" },
      "token.example": { identitytoken: "refresh" },
    },
    credHelpers: { "123.dkr.ecr.example": "ecr-login" },
    credsStore: "desktop",
  };

  it("finds static entries by host, Docker Hub under its v1 URL", () => {
    expect(staticCredential(config, "docker.io")).toEqual({ username: "hub", password: "hubpass" });
    expect(staticCredential(config, "ghcr.io")).toEqual({ username: "gh", password: "ghpass" });
    expect(staticCredential(config, "quay.io")).toEqual({ username: "q", password: "qpass" });
    expect(staticCredential(config, "token.example")).toEqual({ identityToken: "refresh" });
    expect(staticCredential(config, "other.example")).toBeUndefined();
  });

  it("picks the registry's helper, else the store", () => {
    expect(helperFor(config, "123.dkr.ecr.example")).toBe("ecr-login");
    expect(helperFor(config, "ghcr.io")).toBe("desktop");
  });

  it("asks a helper with the server on stdin and reads its JSON", async () => {
    const calls: Array<[string, string | undefined]> = [];
    const exec: Exec = async (command, _args, options) => {
      calls.push([command, options.input]);
      if (options.input === "ghcr.io")
        return { stdout: '{"Username":"<token>","Secret":"id"}', stderr: "", exitCode: 0 };
      return { stdout: "credentials not found in native keychain", stderr: "", exitCode: 1 };
    };
    expect(await credentialFor(config, "ghcr.io", exec, {})).toEqual({ identityToken: "id" });
    // The helper has nothing for Docker Hub: the static entry is used.
    expect(await credentialFor(config, "docker.io", exec, {})).toEqual({
      username: "hub",
      password: "hubpass",
    });
    expect(calls).toEqual([
      ["docker-credential-desktop", "ghcr.io"],
      ["docker-credential-desktop", "https://index.docker.io/v1/"],
    ]);
  });
});
