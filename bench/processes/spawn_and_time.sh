#!/usr/bin/env bash
# spawn_and_time.sh: times the processes table against its floor with many processes running.
#
#   bench/processes/spawn_and_time.sh [BUILD_DIR] [EXTRA_PROCESSES]
#
# BUILD_DIR defaults to ./build (it needs bin/osqueryi and bin/proc_floor), EXTRA_PROCESSES to
# 2000. The script starts that many extra `sleep 600` processes (all killed on exit), then uses
# hyperfine to time
#   1. `osqueryi --json "SELECT * FROM processes"` against proc_floor (a plain C++ loop over the
#      same /proc files); the target is at most 1.5x the floor;
#   2. `SELECT * FROM processes WHERE pid = 1` with 100 and with EXTRA_PROCESSES extra
#      processes; the target is the same time for both (the table reads only /proc/1).
# Results (hyperfine JSON and markdown) go to $RESULTS_DIR (default: a new temporary directory).
set -euo pipefail

BUILD_DIR=${1:-./build}
EXTRA=${2:-2000}
SMALL=100
RUNS=${RUNS:-20}
OSQUERYI="$BUILD_DIR/bin/osqueryi"
FLOOR="$BUILD_DIR/bin/proc_floor"
RESULTS_DIR=${RESULTS_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/processes-bench.XXXXXX")}

die() {
  echo "spawn_and_time.sh: $*" >&2
  exit 1
}
command -v hyperfine >/dev/null || die "hyperfine is not installed"
[[ -x "$OSQUERYI" ]] || die "$OSQUERYI not found: build the kernel and shell first"
[[ -x "$FLOOR" ]] || die "$FLOOR not found: build with -DOQM_BUILD_BENCH=ON"
((EXTRA >= SMALL)) || die "EXTRA_PROCESSES must be at least $SMALL"
mkdir -p "$RESULTS_DIR"

# The extra processes, killed however the script ends.
sleepers=()
cleanup() {
  if ((${#sleepers[@]} > 0)); then
    kill "${sleepers[@]}" 2>/dev/null || true
    wait "${sleepers[@]}" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

spawn_until() {
  local target=$1
  while ((${#sleepers[@]} < target)); do
    sleep 600 &
    sleepers+=($!)
  done
}

process_count() { find /proc -maxdepth 1 -name '[0-9]*' | wc -l; }

# Mean run time in seconds from a hyperfine JSON export (result number $2).
mean_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["mean"])' "$1" "$2"; }

ratio() { python3 -c 'import sys; print(f"{float(sys.argv[1]) / float(sys.argv[2]):.2f}")' "$1" "$2"; }

echo "== pid = 1 with $SMALL extra processes"
spawn_until "$SMALL"
echo "processes running: $(process_count)"
hyperfine -N --warmup 3 --runs "$RUNS" \
  --export-json "$RESULTS_DIR/pid1_small.json" \
  "$OSQUERYI --json 'SELECT * FROM processes WHERE pid = 1'"

echo
echo "== SELECT * FROM processes vs proc_floor with $EXTRA extra processes"
spawn_until "$EXTRA"
echo "processes running: $(process_count)"
# Both must see the same processes; a large difference means one of them skips some.
rows=$("$OSQUERYI" --json "SELECT * FROM processes" |
  python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') || rows="?"
echo "osqueryi rows: $rows; proc_floor: $("$FLOOR")"
hyperfine -N --warmup 3 --runs "$RUNS" \
  --export-json "$RESULTS_DIR/full_scan.json" \
  --export-markdown "$RESULTS_DIR/full_scan.md" \
  "$OSQUERYI --json 'SELECT * FROM processes'" \
  "$FLOOR"

echo
echo "== pid = 1 with $EXTRA extra processes"
hyperfine -N --warmup 3 --runs "$RUNS" \
  --export-json "$RESULTS_DIR/pid1_large.json" \
  "$OSQUERYI --json 'SELECT * FROM processes WHERE pid = 1'"

full=$(mean_of "$RESULTS_DIR/full_scan.json" 0)
floor=$(mean_of "$RESULTS_DIR/full_scan.json" 1)
small=$(mean_of "$RESULTS_DIR/pid1_small.json" 0)
large=$(mean_of "$RESULTS_DIR/pid1_large.json" 0)
echo
echo "== summary (results in $RESULTS_DIR)"
echo "SELECT * FROM processes / proc_floor:           $(ratio "$full" "$floor")x  (target <= 1.5)"
echo "pid = 1 with $EXTRA / with $SMALL extra processes: $(ratio "$large" "$small")x  (target ~1.0)"
