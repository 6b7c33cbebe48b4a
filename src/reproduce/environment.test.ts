import { describe, expect, it } from "vitest";
import { otherLang, otherUmask, otherZone, rebuildEnv } from "./environment.js";

const dirs = {
  home: "/w/home",
  tmp: "/w/tmp",
  gocache: "/w/gocache",
  gopath: "/w/gopath",
  goshipCache: "/w/cache",
};
const shared = { gomodcache: "/u/go/pkg/mod", goenv: "/u/.config/go/env" };
const user = {
  PATH: "/usr/bin",
  HOME: "/u",
  TMPDIR: "/u/tmp",
  GOCACHE: "/u/.cache/go-build",
  GOCACHEPROG: "/u/bin/cacher",
  GOTMPDIR: "/u/gotmp",
  XDG_CACHE_HOME: "/u/.cache",
  TZ: "Europe/Berlin",
  LANG: "de_DE.UTF-8",
  LC_ALL: "de_DE.UTF-8",
  GOFLAGS: "-mod=mod",
  SOURCE_DATE_EPOCH: "1700000000",
};

describe("rebuildEnv", () => {
  it("replaces every piece of state and changes HOME, TMPDIR, TZ, LANG and the umask", () => {
    const { env, umask } = rebuildEnv(user, 0o022, dirs, shared);
    expect(env).toMatchObject({
      PATH: "/usr/bin",
      HOME: "/w/home",
      TMPDIR: "/w/tmp",
      GOCACHE: "/w/gocache",
      GOPATH: "/w/gopath",
      GOSHIP_CACHE_DIR: "/w/cache",
      GOMODCACHE: "/u/go/pkg/mod",
      GOENV: "/u/.config/go/env",
      TZ: "Pacific/Chatham",
      LANG: "tr_TR.UTF-8",
      SOURCE_DATE_EPOCH: "1700000000",
    });
    for (const name of ["GOCACHEPROG", "GOTMPDIR", "XDG_CACHE_HOME", "LC_ALL"])
      expect(env[name]).toBeUndefined();
    expect(umask).toBe("077");
  });

  it("lists the differences without any path of either machine", () => {
    const { differences } = rebuildEnv(user, 0o022, dirs, shared, { SOURCE_DATE_EPOCH: "1709294400" });
    const text = JSON.stringify(differences);
    for (const p of ["/u", "/w"]) expect(text).not.toContain(`"${p}`);
    expect(differences).toContainEqual({ name: "umask", user: "022", rebuild: "077" });
    expect(differences).toContainEqual({ name: "TZ", user: "Europe/Berlin", rebuild: "Pacific/Chatham" });
    expect(differences).toContainEqual({ name: "GOCACHEPROG", user: "set", rebuild: "unset" });
    expect(differences).toContainEqual({
      name: "SOURCE_DATE_EPOCH",
      user: "1700000000",
      rebuild: "1709294400",
    });
  });

  it("always picks a value other than the user's", () => {
    expect(otherZone("Pacific/Chatham")).not.toBe("Pacific/Chatham");
    expect(otherLang("tr_TR.UTF-8")).not.toBe("tr_TR.UTF-8");
    expect(otherUmask(0o077)).toBe("022");
  });
});
