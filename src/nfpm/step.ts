// Step: Linux packages (GoReleaser's `nfpms`) of the linux binaries, one per entry, format and
// target, written by goship's own deterministic writers.
import { createPrivateKey } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { docFilesOf } from "../archive/files.js";
import type { ArtifactOf } from "../artifacts/artifact.js";
import { byKind } from "../artifacts/registry.js";
import { sectionOf } from "../config/section.js";
import { effectiveLevel, formatTarget, type Target } from "../go/targets.js";
import { need, type ReleaseContext } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { releaseFields, render, targetFields } from "../pipeline/templates.js";
import { readStaged, writeStaged } from "../staging/staging.js";
import { assemblePackage } from "./assemble.js";
import { overriddenFor, type ResolvedNfpm, zeroConfigNfpm } from "./defaults.js";
import { NfpmConfigError } from "./errors.js";
import { installedSize, type PackageInfo } from "./info.js";
import {
  apkVersion,
  archlinuxVersion,
  conventionalExtension,
  conventionalFileName,
  debVersion,
  formatArch,
  hasArchlinuxArch,
  type PackageFormat,
  rpmVersion,
} from "./naming.js";
import { type PackagerOptions, packagers } from "./packagers.js";
import { nfpmSection } from "./section.js";
import { linuxPackageContents, verifyLinuxPackage } from "./verify.js";

declare module "../artifacts/artifact.js" {
  interface ArtifactKinds {
    "linux-package": {
      readonly target: Target;
      readonly format: PackageFormat;
      /** The `nfpms` entry's id. */
      readonly id: string;
      readonly packageName: string;
      /** Version and architecture as the package's own metadata states them. */
      readonly packageVersion: string;
      readonly packageArch: string;
      /** Installed paths of everything but directories, sorted. */
      readonly files: readonly string[];
      /** Installed paths of the Go binaries inside. */
      readonly binaries: readonly string[];
    };
  }
}

export const nfpmStep: Step = {
  name: "packaging for Linux",
  section: nfpmSection,
  produces: {
    "linux-package": {
      category: "package",
      checksummed: true,
      uploaded: true,
      verify: verifyLinuxPackage,
      contents: linuxPackageContents,
    },
  },
  skip(ctx) {
    return entriesOf(ctx).length === 0 ? "no nfpms configured (or --packages deb,rpm,apk)" : undefined;
  },
  async run(ctx) {
    const entries = entriesOf(ctx);
    for (const [index, nfpm] of entries.entries()) {
      for (const [target, binaries] of linuxBinaries(ctx, nfpm)) {
        // Read once per target, whatever the number of formats packaging them.
        const payload = await Promise.all(
          binaries.map(async (b) => ({
            name: path.posix.basename(b.binary),
            data: await readStaged(ctx, b.path),
          })),
        );
        for (const format of nfpm.formats) {
          if (format === "archlinux" && !hasArchlinuxArch(nfpmArch(target))) continue;
          await writePackage(ctx, nfpm, index, format, target, binaries, payload);
        }
      }
    }
  },
};

function entriesOf(ctx: ReleaseContext): readonly ResolvedNfpm[] {
  const configured = sectionOf(need(ctx, "config"), nfpmSection);
  if (configured.length > 0) return configured;
  const formats = ctx.options.packages ?? [];
  if (formats.length === 0) return [];
  return [zeroConfigNfpm(formats as PackageFormat[], need(ctx, "config").projectName, [])];
}

/** nfpm's arch key: GOARCH with GOARM (`arm7`) or GOMIPS appended, as GoReleaser passes it. */
function nfpmArch(target: Target): string {
  if (target.goarch === "arm") return `arm${effectiveLevel(target) ?? ""}`;
  return target.goarch;
}

/** The linux binaries an entry takes, grouped by target, in build order. */
function linuxBinaries(ctx: ReleaseContext, nfpm: ResolvedNfpm): Map<Target, ArtifactOf<"binary">[]> {
  const groups = new Map<string, { target: Target; binaries: ArtifactOf<"binary">[] }>();
  for (const binary of ctx.artifacts.filter(byKind("binary"))) {
    if (binary.target.goos !== "linux") continue;
    if (nfpm.ids !== undefined && !nfpm.ids.includes(binary.build)) continue;
    const key = formatTarget(binary.target);
    const group = groups.get(key) ?? { target: binary.target, binaries: [] };
    group.binaries.push(binary);
    groups.set(key, group);
  }
  return new Map([...groups.values()].map((g) => [g.target, g.binaries]));
}

async function writePackage(
  ctx: ReleaseContext,
  nfpm: ResolvedNfpm,
  index: number,
  format: PackageFormat,
  target: Target,
  binaries: readonly ArtifactOf<"binary">[],
  payload: ReadonlyArray<{ readonly name: string; readonly data: Uint8Array }>,
): Promise<void> {
  const release = need(ctx, "release");
  const moduleDir = need(ctx, "module").dir;
  const arch = nfpmArch(target);
  const fields: Record<string, unknown> = {
    ...releaseFields(ctx),
    ...targetFields(target),
    Release: nfpm.release,
    Epoch: nfpm.epoch,
    Format: format,
  };
  const renderField = (source: string, key: string) => render(ctx, source, key, fields);
  fields.PackageName = renderField(nfpm.packageName, `nfpms[${index}].package_name`);
  const zeroConfig = sectionOf(need(ctx, "config"), nfpmSection).length === 0;
  const docs = zeroConfig ? await docFilesOf(ctx) : [];
  const info = await assemblePackage({
    nfpm: zeroConfig ? withModuleFacts(ctx, nfpm) : nfpm,
    index,
    format,
    arch,
    amd64Level: target.goarch === "amd64" ? (effectiveLevel(target) ?? "v1") : "",
    version: release.version,
    time: release.time,
    moduleDir,
    binaries: payload,
    docs,
    render: renderField,
  });
  const ext = conventionalExtension(format);
  let name = render(
    ctx,
    overriddenFor(nfpm, format).file_name_template,
    `nfpms[${index}].file_name_template`,
    {
      ...fields,
      ConventionalFileName: conventionalFileName(format, info),
      ConventionalExtension: ext,
    },
  );
  if (!name.endsWith(ext)) name += ext;
  ctx.artifacts.claimName(name, `nfpms[${index}].file_name_template`);
  const bytes = await packagers[format](
    info,
    await packagerOptions(ctx, nfpm, index, format, info.maintainer),
  );
  const written = await writeStaged(ctx, name, bytes);
  const installed = (dst: string) => info.files.some((f) => f.dst === dst);
  const binaryPaths = nfpm.meta
    ? []
    : binaries.map((b) => path.posix.join(nfpm.bindir, path.posix.basename(b.binary)));
  ctx.artifacts.add({
    kind: "linux-package",
    name,
    path: name,
    ...written,
    target,
    format,
    id: nfpm.id,
    packageName: info.name,
    packageVersion: packageVersionOf[format](info),
    packageArch: formatArch(format, info.arch),
    files: info.files
      .filter((f) => f.type !== "dir" && !(f.type === "ghost" && format !== "rpm"))
      .map((f) => f.dst)
      .sort(),
    binaries: binaryPaths.filter(installed),
    producedBy: {
      step: "packaging for Linux",
      id: nfpm.id,
      inputs: binaries.map((b) => ({ name: b.name, sha256: b.sha256 })),
      installedSize: installedSize(info.files),
    },
  });
}

/** The version as the package's own metadata states it (what verify reads back). */
const packageVersionOf: Record<PackageFormat, (info: PackageInfo) => string> = {
  deb: debVersion,
  rpm: rpmVersion,
  apk: apkVersion,
  archlinux: archlinuxVersion,
};

/** Zero config: description and homepage from the module when the entry leaves them out. */
function withModuleFacts(ctx: ReleaseContext, nfpm: ResolvedNfpm): ResolvedNfpm {
  const modulePath = need(ctx, "module").path;
  const hosted = /^[a-z0-9.-]+\.[a-z]{2,}\//.test(modulePath);
  return {
    ...nfpm,
    description: nfpm.description || `${need(ctx, "config").projectName}, built from ${modulePath}`,
    homepage: nfpm.homepage || (hosted ? `https://${modulePath}` : ""),
  };
}

/** The apk signing key, read from `apk.signature.key_file` with its passphrase from the environment. */
async function packagerOptions(
  ctx: ReleaseContext,
  nfpm: ResolvedNfpm,
  index: number,
  format: PackageFormat,
  maintainer: string,
): Promise<PackagerOptions> {
  if (format !== "apk") return {};
  const signature = overriddenFor(nfpm, format).apk?.signature;
  const keyFile = signature?.key_file
    ? render(ctx, signature.key_file, `nfpms[${index}].apk.signature.key_file`, {})
    : "";
  if (!keyFile) return {};
  const at = `nfpms[${index}].apk.signature.key_file`;
  const pem = await readFile(path.resolve(need(ctx, "module").dir, keyFile)).catch(() => {
    throw new NfpmConfigError(`${at} ${JSON.stringify(keyFile)} cannot be read; fix the path`);
  });
  const id = nfpm.id.toUpperCase();
  // GoReleaser's lookup order for the passphrase; its value never reaches a log or an error.
  const passphrase =
    ctx.env[`NFPM_${id}_APK_PASSPHRASE`] ?? ctx.env[`NFPM_${id}_PASSPHRASE`] ?? ctx.env.NFPM_PASSPHRASE;
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey({ key: pem, passphrase });
  } catch {
    throw new NfpmConfigError(
      `${at} is not an RSA private key this passphrase opens; set NFPM_${id}_APK_PASSPHRASE or NFPM_PASSPHRASE`,
    );
  }
  const email = /<([^>]+)>/.exec(maintainer)?.[1] ?? "";
  let keyName = signature?.key_name || email;
  if (!keyName)
    throw new NfpmConfigError(`${at}: set apk.signature.key_name or a maintainer with an e-mail address`);
  if (!keyName.endsWith(".rsa.pub")) keyName += ".rsa.pub";
  return { apkKey: { key, name: keyName } };
}
