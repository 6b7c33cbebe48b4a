// Likely causes, recognised from what differs: a different toolchain or goship, other build
// flags, a dirty tree, another commit, an untracked file the build reads, or archive metadata
// (owners, times, modes) written by another tool.
import { ABSENT, type FieldDifference } from "./archive-diff.js";
import type { BinaryDiff } from "./binary-diff.js";
import type { ArtifactResult } from "./compare.js";
import type { UntrackedInput } from "./untracked.js";

export interface Cause {
  /** Stable identifier: `untracked-input`, `toolchain`, `build-flags`, `archive-owners`… */
  readonly id: string;
  readonly message: string;
}

export interface CauseInput {
  readonly results: readonly ArtifactResult[];
  readonly untracked: readonly UntrackedInput[];
  /** Output of a rebuild that failed. */
  readonly rebuildError?: string | undefined;
}

type Test = (field: string) => boolean;

const OWNER_FIELDS = new Set(["uid", "gid", "uname", "gname"]);
const isOwner: Test = (f) => OWNER_FIELDS.has(f);
// -ldflags, -tags, -trimpath, CGO_ENABLED, GOAMD64…, and whether VCS facts were stamped at all.
const isFlag: Test = (f) => /^build (-|CGO_|GO|vcs$)/.test(f);

/** Up to four distinct differences of the matching fields, as `uid 1001 → 0`. */
function pairs(fields: readonly FieldDifference[], test: Test): string {
  const seen = new Set(
    fields.filter((f) => test(f.field)).map((f) => `${f.field} ${f.release} → ${f.rebuild}`),
  );
  return [...seen].slice(0, 4).join(", ");
}

function binaryDiffs(results: readonly ArtifactResult[]): BinaryDiff[] {
  return results.flatMap((r) => {
    const d = r.diagnosis;
    if (d?.kind === "binary") return [d.diff];
    if (d?.kind === "archive") return d.binaries.map((b) => b.diff);
    return [];
  });
}

function archiveFields(results: readonly ArtifactResult[]): {
  entries: FieldDifference[];
  container: FieldDifference[];
} {
  const archives = results.flatMap((r) => (r.diagnosis?.kind === "archive" ? [r.diagnosis.diff] : []));
  return {
    entries: archives.flatMap((a) => a.entries.flatMap((e) => e.fields)),
    container: archives.flatMap((a) => a.container),
  };
}

function fromUntracked(untracked: readonly UntrackedInput[], rebuildError: string | undefined): Cause[] {
  if (untracked.length > 0) {
    const files = untracked.map((u) => `${u.path} (${u.ignored ? "ignored by git" : "untracked"})`);
    return [
      {
        id: "untracked-input",
        message: `the build reads ${files.join(", ")}, which git does not track, so a clone of the commit does not have it; commit it, or stop the build from reading it`,
      },
    ];
  }
  const embed = rebuildError && /pattern ([^:\n]+): no matching files found/.exec(rebuildError);
  return embed
    ? [
        {
          id: "untracked-input",
          message: `the //go:embed pattern ${embed[1]} matches no file in a clean clone: the file exists only in a work tree, not in the commit`,
        },
      ]
    : [];
}

function fromBuild(meta: readonly FieldDifference[], binaries: readonly BinaryDiff[]): Cause[] {
  const causes: Cause[] = [];
  const info = binaries.flatMap((b) => b.buildInfo);
  const find = (fields: readonly FieldDifference[], name: string) => fields.find((f) => f.field === name);
  const goVersion = find(meta, "goVersion") ?? find(info, "Go version");
  const unquote = (v: string) => v.replaceAll('"', "");
  if (goVersion) {
    causes.push({
      id: "toolchain",
      message: `a different Go toolchain: ${unquote(goVersion.release)} built the release, ${unquote(goVersion.rebuild)} the rebuild; rebuild with GOTOOLCHAIN=${unquote(goVersion.release)}`,
    });
  }
  const goship = find(meta, "goship");
  if (goship) {
    causes.push({
      id: "goship-version",
      message: `a different goship: ${unquote(goship.release)} made the release, ${unquote(goship.rebuild)} the rebuild; rebuild with the release's goship`,
    });
  }
  const commit = [find(meta, "commit"), find(info, "build vcs.revision")].find(
    (f) => f !== undefined && f.release !== ABSENT && f.rebuild !== ABSENT,
  );
  if (commit)
    causes.push({ id: "other-commit", message: `built from another commit: ${pairs([commit], () => true)}` });
  const version = find(meta, "version");
  if (version && !commit) {
    causes.push({
      id: "version",
      message: `another version name (${pairs([version], () => true)}): the tags git describe sees differ between the repositories`,
    });
  }
  if (info.some((f) => f.field === "build vcs.modified" && f.release === "true")) {
    causes.push({
      id: "dirty-tree",
      message:
        "the release was built from a modified work tree (vcs.modified=true), which a clean clone cannot reproduce",
    });
  }
  if (info.some((f) => isFlag(f.field))) {
    causes.push({
      id: "build-flags",
      message: `other build flags or settings (${pairs(info, isFlag)}): goship's release flags are fixed and GOFLAGS is ignored, so the release was built with another command or tool`,
    });
  }
  if (info.some((f) => f.field.startsWith("dep "))) {
    causes.push({
      id: "dependencies",
      message: `other dependency versions (${pairs(info, (f) => f.startsWith("dep "))}): go.mod, go.sum or a replace directive differ`,
    });
  }
  const hidden = binaries.filter((b) => b.buildInfo.length === 0 && !b.unreadable && b.sections.length > 0);
  if (hidden.length > 0 && !goVersion) {
    const sections = [...new Set(hidden.flatMap((b) => b.sections.map((s) => s.name)))].slice(0, 6);
    causes.push({
      id: "link-flags",
      message: `binaries differ in ${sections.join(", ")} while their build info is identical: link flags that -trimpath keeps out of build info differ (-ldflags: -X values, -s -w, -buildid)`,
    });
  }
  return causes;
}

function fromArchives(results: readonly ArtifactResult[]): Cause[] {
  const causes: Cause[] = [];
  const { entries, container } = archiveFields(results);
  if (entries.some((f) => isOwner(f.field))) {
    causes.push({
      id: "archive-owners",
      message: `archive entries carry other owners (${pairs(entries, isOwner)}): the archive was written by a tool that records who ran it, not by goship's writers`,
    });
  }
  if (entries.some((f) => f.field === "mtime")) {
    causes.push({
      id: "archive-times",
      message: `archive entries carry other times (${pairs(entries, (f) => f === "mtime")}): checkout or build times leaked in instead of the commit time`,
    });
  }
  if (entries.some((f) => f.field === "mode")) {
    causes.push({
      id: "archive-modes",
      message: `archive entries have other modes (${pairs(entries, (f) => f === "mode")}): the umask or the checkout's file modes leaked in`,
    });
  }
  if (container.length > 0 || entries.some((f) => f.field === "extra headers")) {
    causes.push({
      id: "archive-tool",
      message: `the archive was written or compressed by another tool (${pairs([...container, ...entries], (f) => f.startsWith("gzip") || f === "format" || f === "extra headers")})`,
    });
  }
  return causes;
}

export function likelyCauses(input: CauseInput): Cause[] {
  const meta = input.results.flatMap((r) =>
    r.path === "metadata.json" && r.diagnosis?.kind === "metadata" ? r.diagnosis.fields : [],
  );
  return [
    ...fromUntracked(input.untracked, input.rebuildError),
    ...fromBuild(meta, binaryDiffs(input.results)),
    ...fromArchives(input.results),
    ...(input.rebuildError && /dial tcp|no such host|connection refused|i\/o timeout/.test(input.rebuildError)
      ? [
          {
            id: "network",
            message: "the rebuild had to download modules or a toolchain and could not reach the network",
          },
        ]
      : []),
  ];
}
