#!/bin/sh
# Installs missing dependencies, builds, and runs every test (unit and integration) with ctest.
set -eu
cd "$(dirname "$0")/.."
./scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
