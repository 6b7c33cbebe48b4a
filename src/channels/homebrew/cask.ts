// A Homebrew cask (`homebrew_casks`), written stanza by stanza in the order and layout GoReleaser
// v2.15 gives it, so a tap moves from GoReleaser to goship without a diff beyond the header line.
import { byArch, collapseBlankLines, goQuote, type ReleasedAsset, splitLines } from "../assets.js";
import { ChannelConfigError } from "../errors.js";

export interface CaskUninstall {
  readonly launchctl: readonly string[];
  readonly quit: readonly string[];
  readonly loginItem: readonly string[];
  readonly delete: readonly string[];
  readonly trash: readonly string[];
}

export interface CaskUrlOptions {
  readonly verified: string;
  readonly using: string;
  readonly cookies: Readonly<Record<string, string>>;
  readonly referer: string;
  readonly headers: readonly string[];
  readonly userAgent: string;
  readonly data: Readonly<Record<string, string>>;
}

export interface CaskCompletionsFromExecutable {
  readonly executable: string;
  readonly args: readonly string[];
  readonly baseName: string;
  readonly shellParameterFormat: string;
  readonly shells: readonly string[];
}

/** A cask's content, every template already rendered. */
export interface CaskSpec {
  /** The first line of the file. */
  readonly header: string;
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly homepage: string;
  readonly customBlock: string;
  readonly binaries: readonly string[];
  /** Manpage paths, already matched against the archives' files. */
  readonly manpages: readonly string[];
  readonly completions: { readonly bash: string; readonly zsh: string; readonly fish: string };
  readonly generateCompletions: CaskCompletionsFromExecutable;
  readonly service: string;
  readonly hooks: {
    readonly pre: { readonly install: string; readonly uninstall: string };
    readonly post: { readonly install: string; readonly uninstall: string };
  };
  readonly uninstall: CaskUninstall;
  readonly zap: CaskUninstall;
  readonly caveats: string;
  readonly conflicts: readonly { readonly cask?: string; readonly formula?: string }[];
  readonly dependencies: readonly { readonly cask?: string; readonly formula?: string }[];
  readonly url: CaskUrlOptions;
}

/** The cask token: lower case, spaces as dashes. */
export function caskToken(name: string): string {
  return name.replaceAll(" ", "-").toLowerCase();
}

const sorted = (items: Iterable<string>) => [...items].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function group(name: string, items: readonly string[]): string {
  return `${name}: [\n${items.map((i) => `      ${goQuote(i)},\n`).join("")}    ]`;
}

function joinGroups(stanza: string, groups: readonly string[]): string {
  if (groups.length === 0) return "";
  return `${stanza} ${groups.map((g, i) => `${i > 0 ? "    " : ""}${g}${i < groups.length - 1 ? "," : ""}\n`).join("")}`;
}

function uninstallLike(stanza: string, u: CaskUninstall): string {
  const groups: string[] = [];
  if (u.launchctl.length) groups.push(group("launchctl", u.launchctl));
  if (u.quit.length) groups.push(group("quit", u.quit));
  if (u.loginItem.length) groups.push(group("login_item", u.loginItem));
  if (u.delete.length) groups.push(group("delete", u.delete));
  if (u.trash.length) groups.push(group("trash", u.trash));
  return joinGroups(stanza, groups);
}

function dependsOn(deps: CaskSpec["dependencies"]): string {
  const casks = sorted(deps.flatMap((d) => (d.cask ? [d.cask] : [])));
  const formulas = sorted(deps.flatMap((d) => (d.formula ? [d.formula] : [])));
  const groups = [
    ...(casks.length ? [group("cask", casks)] : []),
    ...(formulas.length ? [group("formula", formulas)] : []),
  ];
  return joinGroups("depends_on", groups);
}

function conflictsWith(conflicts: CaskSpec["conflicts"]): string {
  const casks = sorted(conflicts.flatMap((c) => (c.cask ? [c.cask] : [])));
  return joinGroups("conflicts_with", casks.length ? [group("cask", casks)] : []);
}

const shellFormats = new Set(["arg", "clap", "click", "cobra", "flag", "none", "typer"]);

function generateCompletions(g: CaskCompletionsFromExecutable): string {
  if (!g.executable) return "";
  const args = [g.executable, ...g.args].map(goQuote).join(", ");
  const kwargs: string[] = [];
  if (g.baseName) kwargs.push(`base_name: ${goQuote(g.baseName)}`);
  if (g.shellParameterFormat) {
    kwargs.push(
      `shell_parameter_format: ${shellFormats.has(g.shellParameterFormat) ? `:${g.shellParameterFormat}` : goQuote(g.shellParameterFormat)}`,
    );
  }
  if (g.shells.length) kwargs.push(`shells: [${g.shells.map((s) => `:${s}`).join(", ")}]`);
  return `generate_completions_from_executable ${args}${kwargs.length ? `,\n    ${kwargs.join(",\n    ")}` : ""}`;
}

function urlParameters(u: CaskUrlOptions): string {
  const hash = (entries: Readonly<Record<string, string>>) =>
    sorted(Object.keys(entries))
      .map((k) => `\n        "${k}" => "${entries[k]}",`)
      .join("");
  let out = "";
  if (u.verified) out += `,\n      verified: "${u.verified}"`;
  if (u.using) out += `,\n      using: ${u.using}`;
  if (Object.keys(u.cookies).length) out += `,\n      cookies: {${hash(u.cookies)}\n      }`;
  if (u.referer) out += `,\n      referer: "${u.referer}"`;
  if (u.headers.length)
    out += `,\n      header: [${u.headers.map((h) => `\n        "${h}",`).join("")}\n      ]`;
  if (u.userAgent) out += `,\n      user_agent: "${u.userAgent}"`;
  if (Object.keys(u.data).length) out += `,\n      data: {${hash(u.data)}\n      }`;
  return out;
}

interface CaskPackage {
  readonly asset: ReleasedAsset;
  /** The download URL with each occurrence of the version as `#{version}`. */
  readonly url: string;
}

function packageLines(pkg: CaskPackage, spec: CaskSpec, pad: string, renames: boolean): string {
  const { asset } = pkg;
  let out = `\n${pad}url "${pkg.url}"${urlParameters(spec.url)}\n${pad}sha256 "${asset.sha256}"`;
  if (asset.type === "binary") out += `\n${pad}binary "${asset.name}", target: "${asset.binaries[0] ?? ""}"`;
  if (renames && asset.type === "archive" && asset.wrappedIn) {
    for (const b of asset.binaries) out += `\n${pad}rename "${asset.wrappedIn}/${b}", "${b}"`;
  }
  return out;
}

function archBlock(pkg: CaskPackage, spec: CaskSpec): string {
  const opener =
    pkg.asset.goarch === "amd64" ? "\n  on_intel do" : pkg.asset.goarch === "arm64" ? "\n  on_arm do" : "";
  return `${opener}${packageLines(pkg, spec, "    ", true)}\n  end`;
}

const indent2 = (text: string) => `  ${text.replaceAll("\n", "\n  ")}`;

function macosBlock(packages: readonly CaskPackage[], spec: CaskSpec, token: string): string {
  const onlyAmd64 = packages.length === 1 && packages[0]?.asset.goarch === "amd64";
  return packages
    .map((pkg) => {
      const body = pkg.asset.goarch === "all" ? packageLines(pkg, spec, "  ", false) : archBlock(pkg, spec);
      const armCaveat = onlyAmd64
        ? `\n  on_arm do\n    def caveats\n      <<~EOS\n        The darwin_arm64 architecture is not supported for the ${token}\n        formula at this time. The darwin_amd64 binary may work in compatibility\n        mode, but it might not be fully supported.\n      EOS\n    end\n  end`
        : "";
      return body + armCaveat;
    })
    .join("");
}

function block(stanza: string, text: string): string {
  const lines = splitLines(text);
  return lines.length ? `${stanza} do${lines.map((l) => `\n    ${l}`).join("")}\n  end` : "";
}

/** Refuses two assets for one OS/architecture, which a cask cannot tell apart. */
function checkOnePerPlatform(assets: readonly ReleasedAsset[]): void {
  const seen = new Set<string>();
  for (const a of assets) {
    const key = `${a.goos}/${a.goarch}`;
    if (seen.has(key)) {
      throw new ChannelConfigError(
        `two archives for ${key} match this cask, which can hold one per OS and architecture: pick one with \`ids\``,
      );
    }
    seen.add(key);
  }
}

/** The cask file's bytes. */
export function writeCask(spec: CaskSpec, assets: readonly ReleasedAsset[]): string {
  checkOnePerPlatform(assets);
  const token = caskToken(spec.name);
  const toPackage = (asset: ReleasedAsset): CaskPackage => ({
    asset,
    url: spec.version ? asset.url.replaceAll(spec.version, "#{version}") : asset.url,
  });
  const mac = byArch(assets.filter((a) => a.goos === "darwin")).map(toPackage);
  const linux = byArch(assets.filter((a) => a.goos === "linux")).map(toPackage);
  const onlyBinaries = assets.length > 0 && assets.every((a) => a.type === "binary");
  const custom = splitLines(spec.customBlock);
  const deps = dependsOn(spec.dependencies);
  const conflicts = conflictsWith(spec.conflicts);
  const generated = generateCompletions(spec.generateCompletions);
  const caveats = splitLines(spec.caveats);
  const raw = [
    `${spec.header}\ncask "${token}" do`,
    custom.length ? `${custom.map((l) => `\n  ${l}`).join("")}\n\n  ` : "",
    `\n  version "${spec.version}"\n\n  `,
    mac.length ? `\n  on_macos do${indent2(macosBlock(mac, spec, token))}\n  end\n  ` : "",
    "\n\n  ",
    linux.length ? `\n  on_linux do${indent2(linux.map((p) => archBlock(p, spec)).join(""))}\n  end\n  ` : "",
    `\n\n  name "${token}"\n  desc "${spec.description}"\n  homepage "${spec.homepage}"`,
    '\n\n  livecheck do\n    skip "Auto-generated on release."\n  end',
    conflicts ? `\n  ${conflicts}` : "",
    deps ? `\n  ${deps}` : "",
    "\n\n  ",
    onlyBinaries ? "" : spec.binaries.map((b) => `\n  binary "${b}"`).join(""),
    spec.manpages.map((m) => `\n  manpage "${m}"`).join(""),
    spec.completions.bash ? `\n  bash_completion "${spec.completions.bash}"` : "",
    spec.completions.fish ? `\n  fish_completion "${spec.completions.fish}"` : "",
    spec.completions.zsh ? `\n  zsh_completion "${spec.completions.zsh}"` : "",
    generated ? `\n  ${generated}` : "",
    `\n\n  ${spec.service ? `service "${spec.service}"` : ""}`,
    `\n\n  ${block("preflight", spec.hooks.pre.install)}`,
    `\n\n  ${block("postflight", spec.hooks.post.install)}`,
    `\n\n  ${block("uninstall_preflight", spec.hooks.pre.uninstall)}`,
    `\n\n  ${block("uninstall_postflight", spec.hooks.post.uninstall)}`,
    `\n\n  ${uninstallLike("uninstall", spec.uninstall)}`,
    `\n\n  ${uninstallLike("zap", spec.zap) || "# No zap stanza required"}`,
    `\n\n  ${caveats.length ? `caveats <<~EOS${caveats.map((l) => `\n    ${l}`).join("")}\n  EOS` : ""}`,
    "\nend\n",
  ].join("");
  return collapseBlankLines(raw);
}
