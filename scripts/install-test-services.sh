#!/bin/sh
# Installs the servers the AWS logger integration tests start on loopback (kinesalite, pinned by
# tests/services/package-lock.json) into BUILD_DIR/test-services with `npm ci`. Idempotent: a
# second run with the same lock file returns at once. Reaches only the npm registry. The tests
# find the packages there (or in $OQM_TEST_SERVICES) and skip with the reason when missing.
#
#   scripts/install-test-services.sh [BUILD_DIR]        (default: ./build)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${1:-$ROOT/build}
DEST="$BUILD_DIR/test-services"
SRC="$ROOT/tests/services"
STAMP="$DEST/.installed-lock"

if [ -f "$STAMP" ] && [ -d "$DEST/node_modules/kinesalite" ] &&
  cmp -s "$SRC/package-lock.json" "$STAMP"; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "install-test-services: npm is missing (Debian: apt-get install nodejs npm);" \
    "the Kinesis integration tests will be skipped" >&2
  exit 1
fi
mkdir -p "$DEST"
cp "$SRC/package.json" "$SRC/package-lock.json" "$DEST/"
# No install scripts: kinesalite runs in memory and never needs leveldown's native build.
(cd "$DEST" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
cp "$SRC/package-lock.json" "$STAMP"
