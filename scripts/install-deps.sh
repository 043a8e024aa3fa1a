#!/bin/sh
# Installs, with apt-get, the Debian 12 packages the build and the tests need and that are not
# installed yet. Run as root (or with sudo available). Safe to run again: it does nothing when
# everything is present.
set -eu

PACKAGES="build-essential cmake ninja-build pkg-config
  libsqlite3-dev libboost-dev libboost-program-options-dev rapidjson-dev
  libssl-dev libmagic-dev libblkid-dev libip4tc-dev libzstd-dev libgoogle-glog-dev libgtest-dev libgmock-dev libbenchmark-dev libedit-dev libcurl4-openssl-dev
  hyperfine python3"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
# Node.js and npm start kinesalite, the Kinesis server of the AWS logger tests. Any node with npm
# will do (a NodeSource node already brings its own npm; Debian's npm would conflict with it).
if ! command -v npm >/dev/null 2>&1; then
  missing="$missing nodejs npm"
fi
[ -z "$missing" ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing:$missing" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
