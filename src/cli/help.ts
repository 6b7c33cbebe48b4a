// The text of `goship --help`.
export const helpText = `goship — zero-config, reproducible, verified releases of Go modules

Usage:
  goship release [flags]     build every target, archive, checksum and write metadata into dist
  goship build [flags]       build the binaries of every target into dist/bin
  goship publish [dist]      publish a release's dist: the GitHub or Gitea release, its notes and
                             assets; re-runs upload only what is missing (goship publish --help)
  goship verify [dist]       prove a release from its own bytes (goship verify --help)
  goship inspect <path>...   what Go binaries, archives and directories contain (goship inspect --help)
  goship sbom <binary|archive> [--format cyclonedx|spdx]
                             print a CycloneDX 1.6 or SPDX 2.3 SBOM read from the build info
  goship rebuild <dist|checksums.txt> [--ref <tag|commit>] [--dir <module>] [--json] [--diffoscope]
                             rebuild a published release from a fresh clone of its commit and compare
  goship merge <part>...     bring the dists of sharded runs together into one release (goship merge --help)
  goship ci <github|gitlab>  write a CI pipeline that shards the release and merges it (goship ci --help)
  goship check [--config <file>]
                             validate goship.yaml (or the GoReleaser file) and list every problem
  goship init [--from-goreleaser]
                             write a commented goship.yaml for this module (never overwrites)
  goship schema              print the JSON schema of goship.yaml
  goship --version           print goship's version
  goship --help              print this help

Flags of build and release:
  --dir <path>               module root (default: the current directory)
  --dist <path>              output directory, relative to the current directory
                             (default: the config's dist, else <dir>/dist)
  --config <file>            config file (default: goship.yaml/.yml/.json, else .goreleaser.yaml and
                             GoReleaser's other names; see the Configuration section of the README)
  --clean                    remove an existing dist first (without it a non-empty dist is an error)
  --targets <list>           os/arch[/level],... e.g. linux/amd64/v3,linux/arm/7
                             (default: linux, darwin and windows on amd64 and arm64)
  --single-target            build only the host's os/arch
  --main <list>              main packages to release, e.g. ./cmd/api,./cmd/worker (default: the
                             module-root main and cmd/*; other mains are listed as left out)
  --snapshot                 allow a dirty, untagged or non-git tree (a test release)
  --parallelism <n>          targets built at once (default: the config's, else the number of CPUs)
  --skip-verify              do not verify the release's own bytes before publishing it
  --allow-unimplemented      release a GoReleaser file whose artifact sections goship does not
                             implement yet (universal_binaries, source, ...) without those artifacts
  --verify-reproducible      release only: before publishing, rebuild from a fresh clone in another
                             place and environment (empty GOCACHE) and compare every artifact;
                             writes dist/reproducibility.json
  --diffoscope               with --verify-reproducible: run diffoscope on each differing pair
  --packages <list>          release only: Linux packages of every linux target when the config has
                             no nfpms: deb,rpm,apk,archlinux (binaries in /usr/bin, README and
                             LICENSE in /usr/share/doc/<project>)
  --image <ref>              release only: also build a multi-platform scratch image of the main
                             binary for the linux targets into dist/images (registry/repo[:tag];
                             tags default to the version and latest); goship publish pushes it
  --shard <i/n>              release only: build the i-th of n balanced shares of the targets (a CI
                             runner's part) and write dist/shard.json for \`goship merge\`
  --split                    release only: build the targets of GOOS=$GGOOS (and GOARCH=$GGOARCH),
                             default the runner's own platform; GoReleaser Pro's --split
  --no-cache                 always link, never reuse a binary from goship's output cache
  --json                     print a machine-readable summary on stdout (logs stay on stderr)
  --publish                  release only: then publish dist (as \`goship publish\` does)
  --dry-run                  with --publish: print what would be published, send nothing
  --release-notes <file>     release only: use this file as the notes instead of the git log
  --release-header <file>    text before the changelog; --release-footer <file>: after it
                             (each also as --release-*-tmpl <file>: a template)

Environment:
  SOURCE_DATE_EPOCH          replaces the commit time in stamps and archive entries
  GOSHIP_DEBUG=1             log every command goship runs
  GOSHIP_CACHE_DIR           where the output cache lives (default: the user cache dir + /goship)
  GOSHIP_ZIG                 the zig binary cgo builds use (default: zig on PATH)
  GOSHIP_INSTALL_ZIG=1       install zig (ziglang on PyPI, GOSHIP_ZIG_VERSION or 0.17.1) when none is found
  GITHUB_TOKEN, GITEA_TOKEN  the token publish uses (or env_files in the config)
  GOSHIP_PREVIOUS_TAG        the tag the changelog starts after (GORELEASER_PREVIOUS_TAG works too)
`;
