// Ready-made CI pipelines for a sharded release: n build jobs, each `goship release --shard i/n`
// with its own Go build cache, then one job that merges the parts and publishes. Pure text.

export interface WorkflowOptions {
  /** How many runners build at once. */
  readonly shards: number;
  /** The goship version every job installs: parts from different versions are refused by merge. */
  readonly goshipVersion: string;
}

const shardList = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** .github/workflows/release.yml */
export function githubWorkflow({ shards, goshipVersion }: WorkflowOptions): string {
  return `# Written by \`goship ci github\`: a release split across ${shards} runners, merged byte for byte.
name: release

on:
  push:
    tags: ["v*"]

# Build jobs only read the repository; the release job alone may write.
permissions:
  contents: read

jobs:
  build:
    name: build shard \${{ matrix.shard }}/${shards}
    runs-on: ubuntu-latest
    strategy:
      # A release with a missing part is refused by merge anyway: stop the others early.
      fail-fast: true
      matrix:
        shard: [${shardList(shards).join(", ")}]
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - id: go
        uses: actions/setup-go@v5
        with:
          go-version-file: go.mod
          cache: false
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      # Each shard compiles other targets, so each keeps its own build cache, keyed on the Go
      # version and go.sum.
      - uses: actions/cache@v4
        with:
          path: |
            ~/.cache/go-build
            ~/go/pkg/mod
          key: goship-shard\${{ matrix.shard }}of${shards}-go\${{ steps.go.outputs.go-version }}-\${{ hashFiles('**/go.sum') }}
          restore-keys: |
            goship-shard\${{ matrix.shard }}of${shards}-go\${{ steps.go.outputs.go-version }}-
      - run: npm install --global goship@${goshipVersion}
      - run: goship release --shard \${{ matrix.shard }}/${shards} --dist dist
      - uses: actions/upload-artifact@v4
        with:
          name: goship-part-\${{ matrix.shard }}
          path: dist/
          if-no-files-found: error
          retention-days: 1

  release:
    needs: [build]
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-go@v5
        with:
          go-version-file: go.mod
          cache: false
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm install --global goship@${goshipVersion}
      # One directory per part: merging them into one folder would let same-named files overwrite.
      - uses: actions/download-artifact@v4
        with:
          pattern: goship-part-*
          path: parts
          merge-multiple: false
      - run: goship merge parts/* --dist dist
      - run: goship publish dist
        env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
`;
}

/** .gitlab-ci.yml */
export function gitlabPipeline({ shards, goshipVersion }: WorkflowOptions): string {
  return `# Written by \`goship ci gitlab\`: a release split across ${shards} runners, merged byte for byte.
stages:
  - build
  - release

variables:
  GIT_DEPTH: "0"
  GOSHIP_VERSION: "${goshipVersion}"
  GOCACHE: "$CI_PROJECT_DIR/.go-cache"
  GOMODCACHE: "$CI_PROJECT_DIR/.go-mod"

# Node 20 for goship, and the Go version of go.mod's toolchain (or go) line for the build.
.goship:
  image: node:20-bookworm
  rules:
    - if: $CI_COMMIT_TAG
  before_script:
    # The caches live in the checkout (GitLab caches only paths inside it): keep them out of
    # git's view, or the tree would look dirty to goship.
    - printf '%s\\n' /.go-cache/ /.go-mod/ /parts/ >> .git/info/exclude
    - GO_VERSION=$(sed -n -e 's/^toolchain go//p' go.mod | head -n1); [ -n "$GO_VERSION" ] || GO_VERSION=$(sed -n -e 's/^go //p' go.mod | head -n1)
    - curl -fsSL "https://go.dev/dl/go\${GO_VERSION}.linux-amd64.tar.gz" | tar -C /usr/local -xz
    - export PATH="/usr/local/go/bin:$PATH"
    - npm install --global "goship@$GOSHIP_VERSION"

goship-build:
  extends: .goship
  stage: build
  parallel:
    matrix:
      - SHARD: [${shardList(shards)
        .map((i) => `"${i}"`)
        .join(", ")}]
  cache:
    key:
      files: [go.sum]
      prefix: goship-shard-$SHARD-of-${shards}
    paths:
      - .go-cache/
      - .go-mod/
  script:
    - goship release --shard "$SHARD/${shards}" --dist "parts/shard-$SHARD"
  # One directory per job: artifacts of the same path from several jobs would overwrite each other.
  artifacts:
    paths:
      - parts/shard-$SHARD/
    expire_in: 1 day

goship-release:
  extends: .goship
  stage: release
  needs: [goship-build]
  script:
    - goship merge parts/* --dist dist
    - goship publish dist
  artifacts:
    paths:
      - dist/
`;
}
