// What goship derives from the repository before building, computed the same way by the
// hand-written contenders so that their binaries match goship's byte for byte.
import { runSync } from "./proc.mjs";

export function readReleaseMeta(dir, env) {
  const git = (...args) => runSync("git", args, { cwd: dir, env }).trim();
  const version = git("describe", "--tags", "--always", "--dirty");
  const commit = git("rev-parse", "HEAD");
  const commitTime = Number(git("log", "-1", "--format=%ct"));
  // RFC 3339 in UTC ("…Z"), the form GoReleaser's {{ .CommitDate }} has too.
  const date = new Date(commitTime * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return { version, commit, commitTime, date };
}

/** goship's file names: `<name>-<version>-<os>-<arch>`, plus `.exe` for Windows binaries. */
export function baseName(name, version, target) {
  const [goos, goarch] = target.split("/");
  return `${name}-${version}-${goos}-${goarch}`;
}

/** The exact `go build` argv goship runs for one target (see its CLI contract). */
export function goBuildArgs({ meta, output, name }) {
  const ldflags = `-s -w -buildid= -X main.version=${meta.version} -X main.commit=${meta.commit} -X main.date=${meta.date}`;
  return [
    "build",
    "-trimpath",
    "-mod=readonly",
    "-buildvcs=true",
    `-ldflags=${ldflags}`,
    "-o",
    output,
    `./cmd/${name}`,
  ];
}
