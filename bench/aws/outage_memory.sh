#!/usr/bin/env bash
# outage_memory.sh: osqueryd's memory while aws_kinesis buffers 1,000,000 records during an
# outage. The endpoint is a closed loopback port (every connection refused); a 10,000-row query
# tagged with the time yields 20,000 records/s; --buffered_log_max 0 keeps everything. The
# buffered count is read from osquery_logger_status (a snapshot query, filesystem logger). It
# prints VmRSS when buffering has started (5,000 records) and at RECORDS buffered, and the growth
# (target < 5 MB).
#
#   bench/aws/outage_memory.sh [BUILD_DIR] [RECORDS]     (defaults: ./build, 1000000)
set -euo pipefail
BUILD_DIR=$(cd "${1:-./build}" && pwd)
cd "$(dirname "$0")/../.."
exec python3 bench/aws/aws_bench.py outage-memory "$BUILD_DIR" "${2:-1000000}"
