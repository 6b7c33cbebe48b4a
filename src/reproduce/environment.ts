// The environment of the independent rebuild: the user's configuration, but fresh state and
// deliberately different HOME, TMPDIR, TZ, LANG and umask, so that none of them can hide in a
// release. Pure: the caller creates the directories.

/** Where the rebuild keeps its state; every directory is fresh and empty. */
export interface RebuildDirs {
  readonly home: string;
  readonly tmp: string;
  readonly gocache: string;
  readonly gopath: string;
  readonly goshipCache: string;
}

/** Shared with the user: the module cache (content is checked against go.sum) and go's own config file. */
export interface SharedGoState {
  readonly gomodcache: string;
  /** `go env GOENV`: settings made with `go env -w` (GOPROXY, GOTOOLCHAIN…) apply to the rebuild too. */
  readonly goenv: string;
}

/** One way the rebuild's environment differs from the one goship ran in, without machine paths. */
export interface EnvDifference {
  readonly name: string;
  /** The environment goship was started in (for `release --verify-reproducible`, the release's). */
  readonly user: string;
  readonly rebuild: string;
}

export interface RebuildEnv {
  readonly env: NodeJS.ProcessEnv;
  /** Octal umask for the rebuild's shell, e.g. "077". */
  readonly umask: string;
  readonly differences: readonly EnvDifference[];
}

/** Zones with offsets no CI runner uses by default, so a local-time leak shows. */
export function otherZone(tz: string | undefined): string {
  return tz === "Pacific/Chatham" ? "America/St_Johns" : "Pacific/Chatham";
}

/** Turkish has the dotted/dotless i, which breaks case folding that depends on the locale. */
export function otherLang(lang: string | undefined): string {
  return lang === "tr_TR.UTF-8" ? "C" : "tr_TR.UTF-8";
}

export function otherUmask(umask: number): string {
  return umask === 0o077 ? "022" : "077";
}

const octal = (n: number) => n.toString(8).padStart(3, "0");

/**
 * Variables removed because they would point the rebuild at the user's state or override the
 * choices above: GOCACHEPROG would share the build cache, LC_* would win over LANG, XDG dirs and
 * GOTMPDIR would lead back to the user's cache and temp directories.
 */
const cleared = [
  "GOCACHEPROG",
  "GOTMPDIR",
  "XDG_CACHE_HOME",
  "XDG_CONFIG_HOME",
  "XDG_DATA_HOME",
  "LC_ALL",
  "LC_CTYPE",
  "LC_COLLATE",
  "LC_MESSAGES",
  "LC_TIME",
  "LC_NUMERIC",
  "LANGUAGE",
];

export function rebuildEnv(
  user: NodeJS.ProcessEnv,
  userUmask: number,
  dirs: RebuildDirs,
  shared: SharedGoState,
  extra: Readonly<Record<string, string>> = {},
): RebuildEnv {
  const env: NodeJS.ProcessEnv = { ...user };
  for (const name of cleared) delete env[name];
  const tz = otherZone(user.TZ);
  const lang = otherLang(user.LC_ALL ?? user.LANG);
  const umask = otherUmask(userUmask);
  Object.assign(env, {
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    GOCACHE: dirs.gocache,
    GOPATH: dirs.gopath,
    GOMODCACHE: shared.gomodcache,
    GOENV: shared.goenv,
    GOSHIP_CACHE_DIR: dirs.goshipCache,
    TZ: tz,
    LANG: lang,
    NO_COLOR: "1",
    // Signatures prove who published, not what was built: the rebuild makes none (it has no keys).
    GOSHIP_SKIP_SIGN: "1",
    ...extra,
  });
  const fresh = "a fresh, empty directory";
  const differences: EnvDifference[] = [
    { name: "source", user: "the work tree", rebuild: "a fresh clone of the commit, at another path" },
    { name: "HOME", user: "the user's home", rebuild: fresh },
    { name: "TMPDIR", user: user.TMPDIR ? "the user's temp directory" : "unset", rebuild: fresh },
    { name: "GOCACHE", user: "the user's build cache", rebuild: fresh },
    { name: "GOPATH", user: "the user's GOPATH", rebuild: fresh },
    { name: "goship output cache", user: "the user's", rebuild: fresh },
    { name: "TZ", user: user.TZ ?? "unset", rebuild: tz },
    { name: "LANG", user: user.LC_ALL ?? user.LANG ?? "unset", rebuild: lang },
    { name: "umask", user: octal(userUmask), rebuild: umask },
    { name: "GOMODCACHE", user: "shared", rebuild: "shared (module contents are checked against go.sum)" },
  ];
  if (user.GOCACHEPROG) differences.push({ name: "GOCACHEPROG", user: "set", rebuild: "unset" });
  for (const [name, value] of Object.entries(extra)) {
    if (user[name] !== value) differences.push({ name, user: user[name] ?? "unset", rebuild: value });
  }
  return { env, umask, differences };
}
