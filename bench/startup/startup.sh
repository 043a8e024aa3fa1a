#!/usr/bin/env bash
# startup.sh: time from process start to exit of `osqueryi --json "SELECT 1"` with every module
# loaded (the target is under 15 ms), against the cost of starting any dynamically linked
# program (`/bin/true`) measured in the same run, and with no modules at all.
#
#   bench/startup/startup.sh [BUILD_DIR]
set -euo pipefail

BUILD_DIR=${1:-./build}
RUNS=${RUNS:-100}
OSQUERYI="$BUILD_DIR/bin/osqueryi"
command -v hyperfine >/dev/null || { echo "startup.sh: hyperfine is not installed" >&2; exit 1; }
[[ -x "$OSQUERYI" ]] || { echo "startup.sh: $OSQUERYI not found: build first" >&2; exit 1; }

echo "modules loaded: $("$OSQUERYI" --list --header=false "SELECT count(*) FROM osquery_extensions WHERE type = 'extension'")"
RESULTS=$(mktemp "${TMPDIR:-/tmp}/startup.XXXXXX.json")
hyperfine -N --warmup 10 --runs "$RUNS" --export-json "$RESULTS" \
  "$OSQUERYI --json 'SELECT 1'" \
  "$OSQUERYI --disable_modules --json 'SELECT 1'" \
  "/bin/true"
python3 - "$RESULTS" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
full, bare, true = (x["mean"] * 1000 for x in r)
print(f"\nosqueryi --json 'SELECT 1', all modules: {full:.2f} ms (target < 15 ms)")
print(f"osqueryi without modules:                {bare:.2f} ms")
print(f"/bin/true (process start floor):         {true:.2f} ms")
PY
