#!/usr/bin/env bash
# throughput.sh: sustained aws_kinesis throughput to kinesalite on loopback. osqueryd (logger
# aws_kinesis only, period 1 s) runs a 5,000-row query with a 1 KB column tagged with the time
# every second: 10,000 records/s of ~1.1 KB (5,000 removed + 5,000 added). After 10 s of warm-up
# it prints the records/s that arrived in the stream over SECONDS (by kinesalite's arrival
# timestamps; target >= 10,000) and osqueryd's CPU (utime + stime from /proc/PID/stat over the
# same window).
#
#   bench/aws/throughput.sh [BUILD_DIR] [SECONDS] [ROWS]     (defaults: ./build, 30, 5000)
# With ROWS above 5,000 the daemon is offered more than it may deliver: the records/s that
# arrive are then its capacity (or kinesalite's: its CPU is printed too).
# Needs kinesalite: scripts/install-test-services.sh BUILD_DIR (run here when missing).
set -euo pipefail
BUILD_DIR=$(cd "${1:-./build}" && pwd)
cd "$(dirname "$0")/../.."
./scripts/install-test-services.sh "$BUILD_DIR"
exec python3 bench/aws/aws_bench.py throughput "$BUILD_DIR" "${2:-30}" "${3:-5000}"
