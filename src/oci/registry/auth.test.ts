import { describe, expect, it } from "vitest";
import { parseChallenge, tokenOf, tokenRequest } from "./auth.js";

describe("registry auth", () => {
  it("parses bearer and basic challenges", () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"',
      ),
    ).toEqual({
      scheme: "bearer",
      params: {
        realm: "https://auth.example/token",
        service: "registry.example",
        scope: "repository:a/b:pull",
      },
    });
    expect(parseChallenge('Basic realm="x"')).toEqual({ scheme: "basic", params: { realm: "x" } });
    expect(parseChallenge("Negotiate")).toBeUndefined();
    expect(parseChallenge(null)).toBeUndefined();
  });

  it("asks the token endpoint with every scope and Basic credentials", () => {
    const challenge = {
      scheme: "bearer" as const,
      params: { realm: "https://auth.example/token", service: "reg" },
    };
    const { url, init } = tokenRequest(challenge, ["repository:a:pull,push", "repository:b:pull"], {
      username: "u",
      password: "p",
    });
    expect(url).toBe(
      "https://auth.example/token?service=reg&scope=repository%3Aa%3Apull%2Cpush&scope=repository%3Ab%3Apull",
    );
    expect(init.headers).toEqual({ authorization: `Basic ${Buffer.from("u:p").toString("base64")}` });
    const refresh = tokenRequest(challenge, ["repository:a:pull"], { identityToken: "tok" });
    expect(refresh.init.method).toBe("POST");
    expect(String(refresh.init.body)).toContain("grant_type=refresh_token");
  });

  it("reads token and access_token answers", () => {
    expect(tokenOf({ token: "a" })).toBe("a");
    expect(tokenOf({ access_token: "b" })).toBe("b");
    expect(tokenOf({})).toBeUndefined();
  });
});
