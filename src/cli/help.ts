// The text of `goship --help`.
export const helpText = `goship — zero-config, reproducible, verified releases of Go modules

Usage:
  goship release [flags]     build every target, archive, checksum and write metadata into dist
  goship build [flags]       build the binaries of every target into dist/bin
  goship verify [dist]       prove a release from its own bytes (goship verify --help)
  goship inspect <path>...   what Go binaries, archives and directories contain (goship inspect --help)
  goship rebuild <dist|checksums.txt> [--ref <tag|commit>] [--dir <module>] [--json] [--diffoscope]
                             rebuild a published release from a fresh clone of its commit and compare
  goship check [--config <file>]
                             validate goship.yaml (or the GoReleaser file) and list every problem
  goship init [--from-goreleaser]
                             write a commented goship.yaml for this module (never overwrites)
  goship schema              print the JSON schema of goship.yaml
  goship --version           print goship's version
  goship --help              print this help

Flags of build and release:
  --dir <path>               module root (default: the current directory)
  --dist <path>              output directory, relative to --dir (default: the config's dist, else dist)
  --config <file>            config file (default: goship.yaml/.yml/.json, else .goreleaser.yaml and
                             GoReleaser's other names; see the Configuration section of the README)
  --clean                    remove an existing dist first (without it a non-empty dist is an error)
  --targets <list>           os/arch[/level],... e.g. linux/amd64/v3,linux/arm/7
                             (default: linux, darwin and windows on amd64 and arm64)
  --single-target            build only the host's os/arch
  --snapshot                 allow a dirty, untagged or non-git tree (a test release)
  --parallelism <n>          targets built at once (default: the config's, else the number of CPUs)
  --skip-verify              do not verify the release's own bytes before publishing it
  --verify-reproducible      release only: before publishing, rebuild from a fresh clone in another
                             place and environment (empty GOCACHE) and compare every artifact;
                             writes dist/reproducibility.json
  --diffoscope               with --verify-reproducible: run diffoscope on each differing pair
  --no-cache                 always link, never reuse a binary from goship's output cache
  --json                     print a machine-readable summary on stdout (logs stay on stderr)

Environment:
  SOURCE_DATE_EPOCH          replaces the commit time in stamps and archive entries
  GOSHIP_DEBUG=1             log every command goship runs
  GOSHIP_CACHE_DIR           where the output cache lives (default: the user cache dir + /goship)
  GOSHIP_ZIG                 the zig binary cgo builds use (default: zig on PATH)
  GOSHIP_INSTALL_ZIG=1       install zig (ziglang on PyPI, GOSHIP_ZIG_VERSION or 0.17.1) when none is found
`;
