#!/usr/bin/env bash
# Times issue 3's second query (process_open_sockets joined with processes) against
# `ss -tanp` in the same run, with 2,000 loopback TCP sockets held by one helper process.
#
#   bench/network/sockets_vs_ss.sh BUILD_DIR [PAIRS]
#
# Needs python3, hyperfine and ss (iproute2). Target: osqueryi within 2x of ss.
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR [PAIRS]}
pairs=${2:-1000}
here=$(cd "$(dirname "$0")" && pwd)
osqueryi="$build/bin/osqueryi"
modules="$build/lib/osquery/modules"

query="SELECT DISTINCT processes.uid, process_open_sockets.pid, process_open_sockets.remote_address, process_open_sockets.local_port, process_open_sockets.remote_port FROM process_open_sockets INNER JOIN processes WHERE processes.pid = process_open_sockets.pid AND processes.uid = 0 AND process_open_sockets.remote_address <> '' AND process_open_sockets.remote_address <> '0.0.0.0' AND process_open_sockets.remote_address <> '::';"

coproc HOLDER { python3 "$here/hold_sockets.py" "$pairs"; }
trap 'exec {HOLDER[1]}>&-; wait "$HOLDER_PID" 2>/dev/null || true' EXIT
read -r ready holder_pid <&"${HOLDER[0]}"
echo "helper $holder_pid holds $((2 * pairs)) connected sockets"
echo "osqueryi rows: $("$osqueryi" --modules_dir "$modules" --json "$query" | grep -c '"pid"')"
echo "ss lines:      $(ss -tanp | wc -l)"

hyperfine --warmup 3 --runs 30 -N \
  --command-name "osqueryi --json (issue 3 query 2)" \
  "$osqueryi --modules_dir $modules --json \"$query\"" \
  --command-name "ss -tanp" "ss -tanp"
