#!/usr/bin/env bash
# Whole-process timings of the files module against the coreutils it replaces:
#   1. SELECT sha256 FROM hash WHERE path = <1 GiB file>   vs  sha256sum   (target: within 1.2x)
#   2. all three digests vs sha256 alone: one read of the file, so the extra cost is only the
#      MD5 and SHA-1 compression work, never a second read
#   3. SELECT path FROM file WHERE path LIKE '/usr/%%'     vs  find /usr   (target: within 2x)
# The page cache is warm (hyperfine --warmup), so these measure CPU work, not the disk.
#
# usage: bench/files/bench_files.sh [BUILD_DIR]   (default: build)
# needs hyperfine; writes a 1 GiB file in ${TMPDIR:-/tmp} and deletes it at exit.
set -euo pipefail

build_dir="${1:-build}"
osqueryi="$build_dir/bin/osqueryi"
modules="$build_dir/lib/osquery/modules"
[[ -x "$osqueryi" ]] || { echo "no $osqueryi: build the osqueryi and files targets first" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine is not installed" >&2; exit 1; }

big="$(mktemp "${TMPDIR:-/tmp}/oqm_hash_bench.XXXXXX")"
trap 'rm -f "$big"' EXIT
# Random bytes, so no file system can shortcut the reads.
head -c $((1 << 30)) /dev/urandom > "$big"

oq() { printf '%q --modules_dir %q --json %q' "$osqueryi" "$modules" "$1"; }

echo "== sha256 of a 1 GiB file"
hyperfine --warmup 2 --runs 5 \
  -n sha256sum "sha256sum '$big'" \
  -n "hash.sha256" "$(oq "SELECT sha256 FROM hash WHERE path = '$big'")"

echo "== one read for three digests"
hyperfine --warmup 1 --runs 5 \
  -n "hash.sha256" "$(oq "SELECT sha256 FROM hash WHERE path = '$big'")" \
  -n "hash.md5+sha1+sha256" "$(oq "SELECT md5, sha1, sha256 FROM hash WHERE path = '$big'")" \
  -n "md5sum+sha1sum+sha256sum" "md5sum '$big'; sha1sum '$big'; sha256sum '$big'"

echo "== recursive listing of /usr ($(find /usr | wc -l) entries)"
hyperfine --warmup 2 --runs 10 \
  -n "find /usr" "find /usr" \
  -n "file.path LIKE /usr/%%" "$(oq "SELECT path FROM file WHERE path LIKE '/usr/%%'")"
