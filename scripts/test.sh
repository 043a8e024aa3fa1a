#!/bin/sh
# Installs missing dependencies, builds, installs the test servers (kinesalite, from npm) and
# runs every test (unit and integration) with ctest.
set -eu
cd "$(dirname "$0")/.."
./scripts/build.sh
./scripts/install-test-services.sh build
ctest --test-dir build --output-on-failure -j"$(nproc)"
