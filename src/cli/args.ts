// Turns argv into a command name and typed options; knows nothing about releases.
import path from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "../errors.js";

/** Release notes from files instead of git; `-tmpl` files are templates (GoReleaser's flags). */
export const notesFlags = {
  "release-notes": { type: "string" },
  "release-notes-tmpl": { type: "string" },
  "release-header": { type: "string" },
  "release-header-tmpl": { type: "string" },
  "release-footer": { type: "string" },
  "release-footer-tmpl": { type: "string" },
} as const;

export interface NotesFlagValues {
  "release-notes"?: string;
  "release-notes-tmpl"?: string;
  "release-header"?: string;
  "release-header-tmpl"?: string;
  "release-footer"?: string;
  "release-footer-tmpl"?: string;
}

/** The notes flags as release options; paths typed on the command line are relative to where the user is. */
export function notesOptions(values: NotesFlagValues) {
  const at = (file: string | undefined) => (file === undefined ? undefined : path.resolve(file));
  return {
    notes: at(values["release-notes"]),
    notesTemplate: at(values["release-notes-tmpl"]),
    header: at(values["release-header"]),
    headerTemplate: at(values["release-header-tmpl"]),
    footer: at(values["release-footer"]),
    footerTemplate: at(values["release-footer-tmpl"]),
  };
}

export const releaseFlags = {
  dir: { type: "string" },
  dist: { type: "string" },
  config: { type: "string" },
  clean: { type: "boolean" },
  targets: { type: "string" },
  "single-target": { type: "boolean" },
  main: { type: "string" },
  snapshot: { type: "boolean" },
  parallelism: { type: "string" },
  "no-cache": { type: "boolean" },
  "skip-verify": { type: "boolean" },
  "allow-unimplemented": { type: "boolean" },
  "verify-reproducible": { type: "boolean" },
  diffoscope: { type: "boolean" },
  packages: { type: "string" },
  image: { type: "string" },
  json: { type: "boolean" },
  shard: { type: "string" },
  split: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  publish: { type: "boolean" },
  "dry-run": { type: "boolean" },
  ...notesFlags,
} as const;

export interface ReleaseFlags {
  dir?: string;
  dist?: string;
  config?: string;
  clean: boolean;
  targets?: string[];
  singleTarget: boolean;
  mains?: string[];
  snapshot: boolean;
  parallelism?: number;
  noCache: boolean;
  skipVerify: boolean;
  allowUnimplemented: boolean;
  /** Absent unless given, like the other optional flags. */
  verifyReproducible?: boolean;
  diffoscope?: boolean;
  /** Linux package formats for zero config: deb, rpm, apk, archlinux. */
  packages?: string[];
  /** `--image <registry/repository[:tag]>`: a scratch image of the main binary. */
  image?: string;
  json: boolean;
  /** `--shard i/n`, as typed. */
  shard?: string;
  split: boolean;
  help: boolean;
  publish: boolean;
  dryRun: boolean;
  releaseNotes: ReturnType<typeof notesOptions>;
}

export function parseReleaseFlags(args: readonly string[]): ReleaseFlags {
  const { values } = parse(args, releaseFlags);
  return {
    dir: values.dir,
    dist: values.dist,
    ...(values.config === undefined ? {} : { config: values.config }),
    clean: values.clean ?? false,
    targets: values.targets === undefined ? undefined : splitList(values.targets, "--targets"),
    singleTarget: values["single-target"] ?? false,
    ...(values.main === undefined ? {} : { mains: splitList(values.main, "--main") }),
    snapshot: values.snapshot ?? false,
    parallelism:
      values.parallelism === undefined ? undefined : parsePositiveInt(values.parallelism, "--parallelism"),
    noCache: values["no-cache"] ?? false,
    skipVerify: values["skip-verify"] ?? false,
    allowUnimplemented: values["allow-unimplemented"] ?? false,
    verifyReproducible: values["verify-reproducible"],
    diffoscope: values.diffoscope,
    ...(values.packages === undefined ? {} : { packages: parsePackageFormats(values.packages) }),
    ...(values.image === undefined ? {} : { image: values.image }),
    json: values.json ?? false,
    ...(values.shard === undefined ? {} : { shard: values.shard }),
    split: values.split ?? false,
    help: values.help ?? false,
    publish: values.publish ?? false,
    dryRun: values["dry-run"] ?? false,
    releaseNotes: notesOptions(values),
  };
}

const packageFormats = ["deb", "rpm", "apk", "archlinux"];

function parsePackageFormats(value: string): string[] {
  const formats = splitList(value, "--packages");
  const unknown = formats.filter((f) => !packageFormats.includes(f));
  if (unknown.length > 0) {
    throw new UsageError(`--packages does not know ${unknown.join(", ")}; use ${packageFormats.join(", ")}`);
  }
  return formats;
}

type Options = NonNullable<ParseArgsConfig["options"]>;
type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: boolean; strict: true }>
>;

/** parseArgs with its TypeError turned into a usage error that names the flag. */
export function parse<O extends Options>(
  args: readonly string[],
  options: O,
  positionals = false,
): Parsed<O> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: positionals, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    // `--parallelism -1`: parseArgs takes "-1" for a flag; say how to pass such a value.
    const ambiguous = /^Option '(--[\w-]+)[^']*' argument is ambiguous/.exec(message);
    if (ambiguous)
      throw new UsageError(
        `${ambiguous[1]} needs a value; one that starts with "-" is written ${ambiguous[1]}=<value>`,
      );
    throw new UsageError(`${message.replace(/\.$/, "")}; see \`goship --help\``);
  }
}

export function splitList(value: string, flag: string): string[] {
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0)
    throw new UsageError(`${flag} needs at least one value, e.g. ${flag} linux/amd64,darwin/arm64`);
  return items;
}

export function parsePositiveInt(value: string, flag: string, max = 1024): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new UsageError(`${flag} must be a whole number from 1 to ${max}, not "${value}"`);
  }
  return Number(value);
}
