#!/usr/bin/env bash
# The hand-rolled release that goship replaces: one `go build` per target, one after another, each
# followed by a tarball (zip on Windows) and a .sha256 file. Flags, names and packaging are the
# ones from the "Building Executables" guide goship started from (§7 "Packaging into a tarball"
# and §8 "Putting it together"); only the loop over targets and the zip branch are added.
#
# Run from the module root:  DIST=<dir> [TARGETS="linux/amd64 …"] [BINARY=name] seed-loop.sh
set -euo pipefail

DIST=${DIST:?set DIST to the output directory}
BINARY=${BINARY:-benchsubject}
TARGETS=${TARGETS:-"linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64"}

VERSION=$(git describe --tags --always --dirty)
rm -rf "$DIST"
mkdir -p "$DIST/bin"

for target in $TARGETS; do
  GOOS=${target%/*}
  GOARCH=${target#*/}
  EXT=""; [ "$GOOS" = "windows" ] && EXT=".exe"
  TARGET="${BINARY}-${VERSION}-${GOOS}-${GOARCH}"
  OUT="$DIST/bin/${TARGET}${EXT}"

  CGO_ENABLED=0 GOOS="$GOOS" GOARCH="$GOARCH" \
  go build \
    -trimpath \
    -mod=readonly \
    -ldflags="-s -w -X main.version=${VERSION}" \
    -o "${OUT}" \
    "./cmd/${BINARY}"

  mkdir -p "$DIST/${TARGET}"
  cp "$OUT" "$DIST/${TARGET}/${BINARY}${EXT}"
  cp README.md LICENSE "$DIST/${TARGET}/"
  if [ "$GOOS" = "windows" ]; then
    ARCHIVE="${TARGET}.zip"
    (cd "$DIST" && zip -q -r "$ARCHIVE" "${TARGET}")
  else
    ARCHIVE="${TARGET}.tar.gz"
    tar -C "$DIST" -czf "$DIST/$ARCHIVE" "${TARGET}"
  fi
  (cd "$DIST" && sha256sum "$ARCHIVE" > "$ARCHIVE.sha256")
done
