#!/usr/bin/env bash
# idle.sh: an osqueryd with a 10-query schedule (intervals 10-60 s) left alone for a minute:
# its resident memory (target < 12 MB) and CPU use (target < 0.5%) over that minute.
#
#   bench/daemon/idle.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
BUILD_DIR=${1:-./build}
SECONDS_TO_RUN=${2:-60}
T=$(mktemp -d "${TMPDIR:-/tmp}/osqueryd-idle.XXXXXX")
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$T"' EXIT
mkdir -p "$T/logs"
cat > "$T/osquery.conf" <<CONF
{"schedule": {
  "q1": {"query": "SELECT * FROM uptime", "interval": 10},
  "q2": {"query": "SELECT * FROM load_average", "interval": 10},
  "q3": {"query": "SELECT * FROM memory_info", "interval": 20},
  "q4": {"query": "SELECT * FROM os_version", "interval": 30},
  "q5": {"query": "SELECT * FROM kernel_info", "interval": 30},
  "q6": {"query": "SELECT name, pid FROM processes WHERE pid = 1", "interval": 15},
  "q7": {"query": "SELECT * FROM users", "interval": 60},
  "q8": {"query": "SELECT * FROM mounts", "interval": 60},
  "q9": {"query": "SELECT * FROM listening_ports", "interval": 20},
  "q10": {"query": "SELECT * FROM osquery_info", "interval": 60}
}}
CONF
"$BUILD_DIR/bin/osqueryd" --config_path "$T/osquery.conf" --database_path "$T/db/osquery.db" \
  --logger_path "$T/logs" --pidfile "$T/pid" &
pid=$!
sleep 5  # start-up is not idle
ticks=$(getconf CLK_TCK)
cpu_start=$(awk '{print $14 + $15}' "/proc/$pid/stat")
max_rss=0
for ((i = 0; i < SECONDS_TO_RUN; i++)); do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  ((rss > max_rss)) && max_rss=$rss
  sleep 1
done
cpu_end=$(awk '{print $14 + $15}' "/proc/$pid/stat")
python3 - "$cpu_start" "$cpu_end" "$ticks" "$SECONDS_TO_RUN" "$max_rss" <<'PY'
import sys
start, end, ticks, seconds, rss = map(float, sys.argv[1:])
print(f"peak resident memory: {rss / 1024:.1f} MB (target < 12 MB)")
print(f"CPU over {seconds:.0f} s: {100 * (end - start) / ticks / seconds:.2f}% (target < 0.5%)")
PY
