"""The AWS logger benchmarks behind throughput.sh and outage_memory.sh (see their headers).

Reuses tests/integration/aws_services.py (kinesalite on loopback, the Kinesis JSON API) and the
Daemon class of tests/integration/test_daemon.py.

  aws_bench.py throughput BUILD_DIR [SECONDS [ROWS]]
  aws_bench.py outage-memory BUILD_DIR [RECORDS]
"""

import json
import os
import shutil
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # nothing written into the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "integration"))


def setup_env(build_dir):
    build_dir = os.path.abspath(build_dir)
    os.environ.setdefault("OSQUERYI", os.path.join(build_dir, "bin", "osqueryi"))
    os.environ.setdefault("MODULES_DIR", os.path.join(build_dir, "lib", "osquery", "modules"))
    os.environ.setdefault("BUILD_DIR", build_dir)
    os.environ.setdefault("SOURCE_DIR", SOURCE_DIR)


def rows_query(rows, pad):
    """`rows` rows tagged with the current second: every run removes the previous second's
    rows and adds new ones, 2 x rows records per second."""
    padding = f", printf('%.{pad}c', 'x') AS pad" if pad else ""
    return (f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) "
            f"SELECT i{padding}, (SELECT unix_time FROM time) AS t FROM n")


class Proc:
    """CPU time and resident memory of a process, from /proc."""

    TICKS = os.sysconf("SC_CLK_TCK")

    def __init__(self, pid):
        self.pid = pid

    def cpu_seconds(self):
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / self.TICKS  # utime + stime

    def rss_kb(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0


def start_daemon(root, args, config):
    import test_daemon
    d = test_daemon.Daemon(root, args)
    test_daemon.write_config(d.config, config)
    return d.start()


def throughput(build_dir, seconds=30, rows=5000, pad=1000, warmup=10):
    """Records/s arriving in kinesalite while osqueryd produces 2 x rows records/s."""
    import aws_services as aws
    setup_env(build_dir)
    root = tempfile.mkdtemp(prefix="oqm-aws-bench-")
    server = aws.Kinesalite()
    d = None
    try:
        aws.create_stream(server.endpoint, "bench")
        # Only the AWS logger: its cost, not the filesystem logger's.
        args = aws.daemon_args("aws_kinesis", "bench", server.endpoint, filesystem=False)
        d = start_daemon(root, args, {"schedule": {
            "rows": {"query": rows_query(rows, pad), "interval": 1}}})
        proc, node = Proc(d.proc.pid), Proc(server.proc.pid)
        time.sleep(warmup)
        t0, cpu0, node0 = time.time(), proc.cpu_seconds(), node.cpu_seconds()
        time.sleep(seconds)
        t1, cpu1, node1 = time.time(), proc.cpu_seconds(), node.cpu_seconds()
        rss = proc.rss_kb()
        d.stop(30)
        arrived = sizes = 0
        for recs in aws.read_stream(server.endpoint, "bench").values():
            for _seq, _key, data, when in recs:
                if t0 <= when < t1:
                    arrived += 1
                    sizes += len(data)
        print(f"query: {rows} rows of ~{pad} B every second = {2 * rows} records/s produced")
        print(f"records arrived in kinesalite over {seconds} s: {arrived} = "
              f"{arrived / (t1 - t0):.0f} records/s (target >= 10000), "
              f"mean record {sizes / max(arrived, 1):.0f} B")
        print(f"osqueryd CPU over the same window: {100 * (cpu1 - cpu0) / (t1 - t0):.1f}% "
              f"of one core; resident memory {rss / 1024:.1f} MB")
        print(f"kinesalite (node) CPU: {100 * (node1 - node0) / (t1 - t0):.1f}% of one core; "
              f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    finally:
        if d is not None and d.proc.poll() is None:
            d.proc.kill()
        server.stop()
        shutil.rmtree(root, True)


def outage_memory(build_dir, target=1_000_000, rows=10000, start_at=5000, timeout=600):
    import aws_services as aws
    setup_env(build_dir)
    root = tempfile.mkdtemp(prefix="oqm-aws-outage-")
    closed = aws.free_port()  # nothing listens there: every connection is refused
    args = aws.daemon_args("aws_kinesis", "bench", f"http://127.0.0.1:{closed}")
    d = start_daemon(root, args, {"schedule": {
        "rows": {"query": rows_query(rows, 0), "interval": 1},
        "logger_status": {"query": aws.STATUS_QUERY, "interval": 1, "snapshot": True}}})
    try:
        proc = Proc(d.proc.pid)
        start = time.monotonic()
        first = None
        buffered = 0
        peak = 0
        while buffered < target:
            if time.monotonic() - start > timeout:
                raise SystemExit(f"only {buffered} records buffered after {timeout} s")
            if d.proc.poll() is not None:
                raise SystemExit(f"osqueryd exited\n{d.describe()}")
            time.sleep(1)
            row = aws.logger_status(d, "aws_kinesis")
            buffered = int(row["buffered"]) if row else 0
            rss = proc.rss_kb()
            peak = max(peak, rss)
            if first is None and buffered >= start_at:
                first = (buffered, rss, time.monotonic())
        last = (buffered, proc.rss_kb(), time.monotonic())
        assert first is not None, "buffering was never observed"
        growth = (last[1] - first[1]) / 1024
        print(f"buffered {first[0]} records: VmRSS {first[1] / 1024:.1f} MB")
        print(f"buffered {last[0]} records: VmRSS {last[1] / 1024:.1f} MB "
              f"({(last[0] - first[0]) / (last[2] - first[2]):.0f} records/s buffered; "
              f"peak {peak / 1024:.1f} MB)")
        print(f"growth: {growth:.1f} MB (target < 5 MB)")
        print("last osquery_logger_status row: " + json.dumps(aws.logger_status(d, "aws_kinesis")))
        db = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in
                 os.walk(os.path.dirname(d.database)) for f in fs)
        print(f"database on disk: {db / 1e6:.0f} MB")
    finally:
        if d.proc.poll() is None:
            d.proc.kill()
            d.proc.wait()
        shutil.rmtree(root, True)


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("throughput", "outage-memory"):
        sys.exit(__doc__)
    if sys.argv[1] == "throughput":
        throughput(sys.argv[2], *map(int, sys.argv[3:5]))
    else:
        outage_memory(sys.argv[2], *map(int, sys.argv[3:4]))
