// A Homebrew formula (the deprecated `brews`), laid out as GoReleaser v2.15 writes it: prebuilt
// archives per OS and CPU, each with its own install block.
import { byArch, type ReleasedAsset, splitLines, trimTrailingSpaces } from "../assets.js";
import { ChannelConfigError } from "../errors.js";

export interface FormulaDependency {
  readonly name: string;
  readonly type: string;
  readonly version: string;
  /** `mac` or `linux`: depend only there. */
  readonly os: string;
}

/** A formula's content, every template already rendered. */
export interface FormulaSpec {
  /** The comment line after the `# typed` and `# frozen_string_literal` lines. */
  readonly header: string;
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly homepage: string;
  readonly license: string;
  readonly customRequire: string;
  readonly customBlock: string;
  readonly dependencies: readonly FormulaDependency[];
  readonly conflicts: readonly string[];
  readonly caveats: string;
  readonly postInstall: string;
  readonly service: string;
  readonly test: string;
  readonly downloadStrategy: string;
  readonly urlHeaders: readonly string[];
}

/** A released asset with its rendered install lines. */
export interface FormulaPackage {
  readonly asset: ReleasedAsset;
  readonly install: readonly string[];
}

/** GoReleaser's class name: `-_. ` capitalise the next letter, `+` → `x`, `@<digit>` → `AT<digit>`. */
export function formulaClassName(name: string): string {
  if (!name) return name;
  const lower = name.toLowerCase();
  let out = (lower[0] ?? "").toUpperCase();
  for (let i = 1; i < lower.length; i++) {
    const c = lower[i] as string;
    if ("-_. ".includes(c)) {
      if (i + 1 < lower.length) out += (lower[++i] as string).toUpperCase();
    } else if (c === "+") out += "x";
    else if (c === "@" && /[0-9]/.test(lower[i + 1] ?? "")) out += `AT${lower[++i]}`;
    else out += c;
  }
  return out;
}

/** The install lines GoReleaser guesses: `bin.install` of each binary, sorted, plus extra_install. */
export function defaultInstall(asset: ReleasedAsset, install: string, extraInstall: string): string[] {
  if (install.trim()) return [...splitLines(install), ...splitLines(extraInstall)];
  const guessed =
    asset.type === "binary"
      ? [`bin.install ${JSON.stringify(asset.name)} => ${JSON.stringify(asset.binaries[0] ?? "")}`]
      : asset.binaries.map((b) => `bin.install ${JSON.stringify(b)}`);
  return [...[...new Set(guessed)].sort(), ...splitLines(extraInstall)];
}

const indentBy = (spaces: number, text: string) => {
  const pad = " ".repeat(spaces);
  return pad + text.replaceAll("\n", `\n${pad}`);
};

function urlLine(spec: FormulaSpec, url: string, pad: string): string {
  let out = `\n${pad}url "${url}"`;
  if (spec.downloadStrategy) out += `, using: ${spec.downloadStrategy}`;
  if (spec.urlHeaders.length) {
    out += `,\n${pad}  headers: [\n${indentBy(8, spec.urlHeaders.map((h) => `"${h}"`).join(",\n"))}\n${pad}  ]`;
  }
  return out;
}

const installBlock = (lines: readonly string[], pad: string) =>
  `\n${pad}define_method(:install) do${lines.map((l) => `\n${pad}  ${l}`).join("")}\n${pad}end`;

function macosPackages(packages: readonly FormulaPackage[], spec: FormulaSpec, className: string): string {
  const onlyAmd64 = packages.length === 1 && packages[0]?.asset.goarch === "amd64";
  return packages
    .map(({ asset, install }) => {
      if (asset.goarch === "all" || onlyAmd64) {
        const base = `${urlLine(spec, asset.url, "  ")}\n  sha256 "${asset.sha256}"\n${installBlock(install, "  ")}`;
        if (asset.goarch === "all") return base;
        return `${base}\n\n  if Hardware::CPU.arm?\n    def caveats\n      <<~EOS\n        The darwin_arm64 architecture is not supported for the ${className}\n        formula at this time. The darwin_amd64 binary may work in compatibility\n        mode, but it might not be fully supported.\n      EOS\n    end\n  end`;
      }
      const opener =
        asset.goarch === "amd64"
          ? "\n  if Hardware::CPU.intel?"
          : asset.goarch === "arm64"
            ? "\n  if Hardware::CPU.arm?"
            : "";
      return `${opener}${urlLine(spec, asset.url, "    ")}\n    sha256 "${asset.sha256}"\n${installBlock(install, "    ")}\n  end`;
    })
    .join("");
}

function linuxPackages(packages: readonly FormulaPackage[], spec: FormulaSpec): string {
  const openers: Record<string, string> = {
    amd64: "\n  if Hardware::CPU.intel? && Hardware::CPU.is_64_bit?",
    arm64: "\n  if Hardware::CPU.arm? && Hardware::CPU.is_64_bit?",
    arm: "\n  if Hardware::CPU.arm? && !Hardware::CPU.is_64_bit?",
  };
  return packages
    .map(
      ({ asset, install }) =>
        `${openers[asset.goarch] ?? ""}${urlLine(spec, asset.url, "    ")}\n    sha256 "${asset.sha256}"${installBlock(install, "    ")}\n  end`,
    )
    .join("");
}

function dependencyLine(d: FormulaDependency): string {
  const kind = d.type ? ` => :${d.type}` : d.version ? ` => "${d.version}"` : "";
  return `\n  depends_on "${d.name}"${kind}${d.os ? ` if OS.${d.os}?` : ""}`;
}

/** The formula file's bytes. */
export function writeFormula(spec: FormulaSpec, packages: readonly FormulaPackage[]): string {
  const seen = new Set<string>();
  for (const { asset } of packages) {
    const key = `${asset.goos}/${asset.goarch}`;
    if (seen.has(key)) {
      throw new ChannelConfigError(
        `two archives for ${key} match this formula, which can hold one per OS and architecture: pick one with \`ids\``,
      );
    }
    seen.add(key);
  }
  const className = formulaClassName(spec.name);
  const mac = byArch(
    packages.map((p) => ({ ...p, goarch: p.asset.goarch })).filter((p) => p.asset.goos === "darwin"),
  );
  const linux = byArch(
    packages.map((p) => ({ ...p, goarch: p.asset.goarch })).filter((p) => p.asset.goos === "linux"),
  );
  const deps = [...spec.dependencies].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const lines = (text: string, pad: string) =>
    splitLines(text)
      .map((l) => `\n${pad}${l}`)
      .join("");
  let body = "";
  if (mac.length && linux.length) {
    body = `\n  on_macos do${indentBy(2, macosPackages(mac, spec, className))}\n  end\n\n  on_linux do${indentBy(2, linuxPackages(linux, spec))}\n  end`;
  } else if (mac.length) body = macosPackages(mac, spec, className);
  else if (linux.length) body = linuxPackages(linux, spec);
  const raw = [
    `# typed: false\n# frozen_string_literal: true\n\n${spec.header}\n`,
    spec.customRequire ? `require_relative "${spec.customRequire}"\n` : "",
    `class ${className} < Formula\n  desc "${spec.description}"\n  homepage "${spec.homepage}"\n  version "${spec.version}"`,
    spec.license ? `\n  license "${spec.license}"` : "",
    deps.length ? `\n  ${deps.map(dependencyLine).join("")}` : "",
    mac.length && !linux.length ? "\n  depends_on :macos" : "",
    linux.length && !mac.length ? "\n  depends_on :linux" : "",
    "\n",
    body,
    spec.conflicts.length ? `\n  ${spec.conflicts.map((c) => `\n  conflicts_with "${c}"`).join("")}` : "",
    splitLines(spec.customBlock).length ? `\n  ${lines(spec.customBlock, "  ")}` : "",
    splitLines(spec.postInstall).length
      ? `\n\n  def post_install${lines(spec.postInstall, "    ")}\n  end`
      : "",
    splitLines(spec.caveats).length
      ? `\n\n  def caveats\n    <<~EOS${lines(spec.caveats, "      ")}\n    EOS\n  end`
      : "",
    splitLines(spec.service).length ? `\n\n  service do${lines(spec.service, "    ")}\n  end` : "",
    splitLines(spec.test).length ? `\n\n  test do${lines(spec.test, "    ")}\n  end` : "",
    "\nend\n",
  ].join("");
  return trimTrailingSpaces(raw);
}
