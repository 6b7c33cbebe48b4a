// One package's description from a resolved `nfpms` entry, a format and a target's binaries.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { resolveContents } from "./contents.js";
import { overriddenFor, type ResolvedNfpm } from "./defaults.js";
import { NfpmConfigError } from "./errors.js";
import { type PackageFile, type PackageInfo, type PackageScripts, splitVersion } from "./info.js";
import type { PackageFormat } from "./naming.js";

export interface PackageBinary {
  /** File name installed under bindir. */
  readonly name: string;
  readonly data: Uint8Array;
}

export interface AssembleInput {
  readonly nfpm: ResolvedNfpm;
  /** The entry's index in `nfpms`, for error paths. */
  readonly index: number;
  readonly format: PackageFormat;
  /** nfpm's arch key (GOARCH + GOARM/GOMIPS) and the GOAMD64 level. */
  readonly arch: string;
  readonly amd64Level: string;
  readonly version: string;
  /** Commit time (or SOURCE_DATE_EPOCH), Unix seconds. */
  readonly time: number;
  readonly moduleDir: string;
  readonly binaries: readonly PackageBinary[];
  /** Module documents (README, LICENSE) for zero config, installed under /usr/share/doc/<name>/. */
  readonly docs: readonly { readonly name: string; readonly data: Uint8Array }[];
  readonly render: (source: string, key: string) => string;
}

const list = (values: readonly string[] | undefined): string[] => [...(values ?? [])];

export async function assemblePackage(input: AssembleInput): Promise<PackageInfo> {
  const { nfpm, format, render } = input;
  const at = `nfpms[${input.index}].`;
  const merged = overriddenFor(nfpm, format);
  const name = render(nfpm.packageName, `${at}package_name`);
  const mtimeText = render(nfpm.mtime, `${at}mtime`);
  const mtime = mtimeText ? Math.floor(Date.parse(mtimeText) / 1000) : input.time;
  if (Number.isNaN(mtime))
    throw new NfpmConfigError(`${at}mtime ${JSON.stringify(mtimeText)} is not an RFC 3339 time`);
  const files: PackageFile[] = await resolveContents({
    moduleDir: input.moduleDir,
    contents: merged.contents ?? [],
    format,
    umask: merged.umask ?? 0o002,
    mtime,
    render,
    keyPrefix: at,
  });
  const bindir = render(nfpm.bindir, `${at}bindir`);
  if (!nfpm.meta) {
    for (const binary of input.binaries) {
      files.push(packaged(path.posix.join(bindir, binary.name), binary.data, 0o755, mtime));
    }
  }
  for (const doc of input.docs)
    files.push(packaged(`/usr/share/doc/${name}/${doc.name}`, doc.data, 0o644, mtime));
  const overrides = merged.deb?.lintian_overrides ?? [];
  if (format === "deb" && overrides.length > 0) {
    // GoReleaser's form: "<package>: <tag>" lines, no trailing newline.
    const text = overrides.map((line) => `${name}: ${line}`).join("\n");
    files.push(packaged(`/usr/share/lintian/overrides/${name}`, Buffer.from(text), 0o644, mtime));
  }
  checkUnique(files, at);
  files.sort((a, b) => Buffer.compare(Buffer.from(a.dst), Buffer.from(b.dst)));
  const split = splitVersion(input.version);
  const signature = format === "deb" || format === "rpm" ? merged[format]?.signature?.key_file : undefined;
  if (signature) {
    throw new NfpmConfigError(
      `${at}${format}.signature.key_file: goship does not sign ${format} packages yet; remove the key or sign the file with gpg after the release`,
    );
  }
  return {
    name,
    arch: input.arch,
    amd64Level: input.amd64Level,
    version: split.version,
    prerelease: nfpm.prerelease || split.prerelease,
    versionMetadata: nfpm.versionMetadata || split.metadata,
    release: nfpm.release,
    epoch: nfpm.epoch,
    section: nfpm.section,
    priority: nfpm.priority,
    maintainer: render(nfpm.maintainer, `${at}maintainer`),
    description: render(nfpm.description, `${at}description`),
    vendor: nfpm.vendor,
    homepage: render(nfpm.homepage, `${at}homepage`),
    license: nfpm.license,
    depends: list(merged.dependencies),
    recommends: list(merged.recommends),
    suggests: list(merged.suggests),
    conflicts: list(merged.conflicts),
    replaces: list(merged.replaces),
    provides: list(merged.provides),
    scripts: await readScripts(input, merged.scripts ?? {}, at),
    files,
    mtime,
    deb: {
      predepends: list(merged.deb?.predepends),
      breaks: list(merged.deb?.breaks),
      fields: merged.deb?.fields ?? {},
      compression:
        merged.deb?.compression === "zstd" || merged.deb?.compression === "none"
          ? merged.deb.compression
          : "gzip",
    },
    rpm: {
      summary: merged.rpm?.summary ?? "",
      group: merged.rpm?.group ?? "",
      packager: merged.rpm?.packager ?? "",
      // The machine's host name would make every build differ; rpm only displays this field.
      buildHost: merged.rpm?.buildhost || "goship",
      compression:
        merged.rpm?.compression === "zstd" || merged.rpm?.compression === "none"
          ? merged.rpm.compression
          : "gzip",
      prefixes: list(merged.rpm?.prefixes),
    },
    archlinux: { pkgbase: merged.archlinux?.pkgbase ?? "", packager: merged.archlinux?.packager ?? "" },
  };
}

function packaged(dst: string, data: Uint8Array, mode: number, mtime: number): PackageFile {
  return { dst, type: "file", mode, owner: "root", group: "root", mtime, data };
}

function checkUnique(files: readonly PackageFile[], at: string): void {
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.dst)) {
      throw new NfpmConfigError(`${at}contents: ${file.dst} is installed twice; keep one entry for it`);
    }
    seen.add(file.dst);
  }
}

async function readScripts(
  input: AssembleInput,
  scripts: NonNullable<ResolvedNfpm["base"]["scripts"]>,
  at: string,
): Promise<PackageScripts> {
  const out: Record<string, string> = {};
  for (const key of ["preinstall", "postinstall", "preremove", "postremove"] as const) {
    const file = input.render(scripts[key] ?? "", `${at}scripts.${key}`);
    if (!file) continue;
    const bytes = await readFile(path.resolve(input.moduleDir, file)).catch(() => undefined);
    if (bytes === undefined) {
      throw new NfpmConfigError(
        `${at}scripts.${key} ${JSON.stringify(file)} does not exist in the module; fix the path`,
      );
    }
    out[key] = bytes.toString("utf8");
  }
  return out;
}
