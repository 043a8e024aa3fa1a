"""Real AWS service implementations on loopback for the aws_kinesis / aws_firehose tests, and
the osqueryd runs those tests share.

  Kinesalite  kinesalite (npm, installed by scripts/install-test-services.sh into
              $BUILD_DIR/test-services) bound to 127.0.0.1 on a free port; stream helpers speak
              Kinesis' JSON API with urllib (kinesalite checks no signature), so no boto3.
  MotoServer  moto_server (Python) for Firehose: a delivery stream with an ExtendedS3
              destination into a moto S3 bucket; the output is read back from the bucket.

Each test reaches a server either directly or through tests/integration/fault_proxy.py.
Only the standard library is used; a missing server makes the tests skip with the reason.
"""

import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import oqtest
import test_daemon
from fault_proxy import FaultProxy

REGION = "us-east-1"
HOST_ID = "test-host"
KINESIS_TARGET = "Kinesis_20131202"
FIREHOSE_TARGET = "Firehose_20150804"
# moto routes a request to a service by the credential scope of its Authorization header and
# checks no signature: a well-formed header with a dummy signature is enough.
_FAKE_AUTH = ("AWS4-HMAC-SHA256 Credential=AKID/20240101/" + REGION +
              "/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0" * 64)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=15.0, proc=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def test_services_dir():
    """Where scripts/install-test-services.sh put the npm packages."""
    if os.environ.get("OQM_TEST_SERVICES"):
        return os.environ["OQM_TEST_SERVICES"]
    build = os.environ.get("BUILD_DIR") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "build")
    return os.path.join(build, "test-services")


class _Server:
    """A child process serving on 127.0.0.1:port; stop() ends it (and only it)."""

    proc = None
    port = None

    def _spawn(self, cmd, log_name):
        self.log = tempfile.NamedTemporaryFile(prefix=log_name, suffix=".log", delete=False)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)

    def output(self):
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            return f.read()[-3000:]

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc is not None:
            self.log.close()
            os.unlink(self.log.name)
            self.proc = None

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# kinesalite's cli.js listens on every interface and cannot pick a free port: this starts its
# server on 127.0.0.1 port 0 and prints the port it got.
_KINESALITE_MAIN = """
const kinesalite = require(process.argv[1]);
const server = kinesalite({createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0,
                           shardLimit: 50});
server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));
process.on('SIGTERM', () => process.exit(0));
"""


class Kinesalite(_Server):
    def __init__(self):
        module = os.path.join(test_services_dir(), "node_modules", "kinesalite")
        node = shutil.which("node") or shutil.which("nodejs")
        if node is None or not os.path.isdir(module):
            raise unittest.SkipTest(
                f"kinesalite is not installed in {module} (or node is missing): run "
                "scripts/install-test-services.sh BUILD_DIR (needs node and npm)")
        self._spawn([node, "-e", _KINESALITE_MAIN, os.path.abspath(module)], "kinesalite-")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and self.port is None:
            m = re.search(r"PORT (\d+)", self.output())
            if m:
                self.port = int(m.group(1))
            elif self.proc.poll() is not None:
                break
            else:
                time.sleep(0.05)
        if self.port is None:
            out = self.output()
            self.stop()
            raise AssertionError(f"kinesalite did not start:\n{out}")


class MotoServer(_Server):
    def __init__(self):
        exe = shutil.which("moto_server")
        if exe is None:
            raise unittest.SkipTest("moto_server is not on PATH (pip install 'moto[server]'); "
                                    "the Firehose tests need it")
        for _attempt in range(5):  # another process may take the free port first
            self.port = free_port()
            self._spawn([exe, "-H", "127.0.0.1", "-p", str(self.port)], "moto-")
            if wait_port(self.port, 30, self.proc):
                return
            out = self.output()
            self.stop()
        raise AssertionError(f"moto_server did not start:\n{out}")


# --- the JSON and REST APIs, stdlib only -----------------------------------------------------


class AwsError(Exception):
    def __init__(self, status, body):
        super().__init__(f"HTTP {status}: {body[:500]}")
        self.status = status
        self.body = body


def api_headers(target, action, service):
    """The headers of an AWS JSON-1.1 call (X-Amz-Target target.action) to `service`."""
    return {"X-Amz-Target": f"{target}.{action}",
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Date": "20240101T000000Z",
            "Authorization": _FAKE_AUTH.format(service=service)}


def json_call(endpoint, target, action, body, service, timeout=30):
    """One AWS JSON-1.1 API call; returns the decoded answer."""
    req = urllib.request.Request(endpoint + "/", data=json.dumps(body).encode(), method="POST",
                                 headers=api_headers(target, action, service))
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            data = resp.read()
    except urllib.error.HTTPError as e:
        raise AwsError(e.code, e.read().decode(errors="replace")) from None
    return json.loads(data) if data else {}


def kinesis(endpoint, action, body, timeout=30):
    return json_call(endpoint, KINESIS_TARGET, action, body, "kinesis", timeout)


def firehose(endpoint, action, body, timeout=30):
    return json_call(endpoint, FIREHOSE_TARGET, action, body, "firehose", timeout)


def s3(endpoint, method, path, query="", timeout=30):
    url = f"{endpoint}/{path}" + (f"?{query}" if query else "")
    req = urllib.request.Request(url, method=method, data=b"" if method == "PUT" else None,
                                 headers={"X-Amz-Date": "20240101T000000Z",
                                          "Authorization": _FAKE_AUTH.format(service="s3")})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.read()


def create_stream(endpoint, name, shards=1, timeout=20):
    """Creates a Kinesis stream and waits until it is ACTIVE."""
    kinesis(endpoint, "CreateStream", {"StreamName": name, "ShardCount": shards})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desc = kinesis(endpoint, "DescribeStream", {"StreamName": name})["StreamDescription"]
        if desc["StreamStatus"] == "ACTIVE":
            return [s["ShardId"] for s in desc["Shards"]]
        time.sleep(0.1)
    raise AssertionError(f"stream {name} is not ACTIVE after {timeout} s")


def read_stream(endpoint, name):
    """Every record of the stream: {shard_id: [(sequence, partition_key, data bytes, arrival
    time)]}, each shard in sequence order."""
    desc = kinesis(endpoint, "DescribeStream", {"StreamName": name})["StreamDescription"]
    shards = {}
    for shard in desc["Shards"]:
        it = kinesis(endpoint, "GetShardIterator",
                     {"StreamName": name, "ShardId": shard["ShardId"],
                      "ShardIteratorType": "TRIM_HORIZON"})["ShardIterator"]
        records = shards[shard["ShardId"]] = []
        while it:
            page = kinesis(endpoint, "GetRecords", {"ShardIterator": it, "Limit": 10000})
            for r in page["Records"]:
                records.append((int(r["SequenceNumber"]), r["PartitionKey"],
                                base64.b64decode(r["Data"]),
                                r.get("ApproximateArrivalTimestamp")))
            if not page["Records"] and not page.get("MillisBehindLatest"):
                break
            it = page.get("NextShardIterator")
    return shards


def create_bucket(s3_endpoint, bucket):
    s3(s3_endpoint, "PUT", bucket)


def create_delivery_stream(endpoint, name, bucket, timeout=20):
    """A Firehose delivery stream into the moto S3 bucket (which must exist)."""
    firehose(endpoint, "CreateDeliveryStream", {
        "DeliveryStreamName": name,
        "DeliveryStreamType": "DirectPut",
        "ExtendedS3DestinationConfiguration": {
            "RoleARN": "arn:aws:iam::123456789012:role/firehose",
            "BucketARN": f"arn:aws:s3:::{bucket}",
            "Prefix": "osquery/",
            "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}}})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desc = firehose(endpoint, "DescribeDeliveryStream",
                        {"DeliveryStreamName": name})["DeliveryStreamDescription"]
        if desc["DeliveryStreamStatus"] == "ACTIVE":
            return
        time.sleep(0.1)
    raise AssertionError(f"delivery stream {name} is not ACTIVE after {timeout} s")


_S3_NS = "{http://s3.amazonaws.com/doc/2006-03-01/}"


def read_bucket(s3_endpoint, bucket):
    """The objects of the bucket: [(key, bytes)] in key order (moto writes one object per
    PutRecordBatch; the key holds the second it was written, so the order across objects of
    the same second is not the delivery order)."""
    objects, token = [], None
    while True:
        query = "list-type=2" + (f"&continuation-token={urllib.parse.quote(token)}"
                                 if token else "")
        root = ET.fromstring(s3(s3_endpoint, "GET", bucket, query))
        for c in root.iter(_S3_NS + "Contents"):
            key = c.find(_S3_NS + "Key").text
            objects.append((key, s3(s3_endpoint, "GET",
                                    f"{bucket}/{urllib.parse.quote(key)}")))
        if root.findtext(_S3_NS + "IsTruncated") != "true":
            return objects
        token = root.findtext(_S3_NS + "NextContinuationToken")


def firehose_records(s3_endpoint, bucket):
    """Every record Firehose delivered into the bucket; each must end with its newline."""
    records = []
    for key, body in read_bucket(s3_endpoint, bucket):
        if body and not body.endswith(b"\n"):
            raise AssertionError(f"object {key} does not end with a newline: {body[-200:]!r}")
        records.extend(line + b"\n" for line in body.split(b"\n")[:-1])
    return records


# --- comparing the stream with the filesystem results log ------------------------------------


def stringify(value):
    """osquery's re-serialisation (boost property_tree): every JSON scalar becomes a string."""
    if isinstance(value, dict):
        return {k: stringify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [stringify(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def expected_record(result_line):
    """The record the AWS loggers must send for one line of osqueryd.results.log."""
    rec = stringify(json.loads(result_line))
    rec["log_type"] = "result"
    return rec


def record_key(rec):
    """What identifies one result (event or snapshot line): query, action, run and rows."""
    rows = rec.get("columns", rec.get("snapshot"))
    return (rec.get("name"), rec.get("action"), str(rec.get("counter")),
            str(rec.get("unixTime")), json.dumps(stringify(rows), sort_keys=True))


def results_of(datas):
    """The decoded records with log_type "result" (status records are interleaved)."""
    out = []
    for data in datas:
        rec = json.loads(data)
        if rec.get("log_type") == "result":
            out.append(rec)
    return out


# --- the daemon --------------------------------------------------------------------------------

# Queries whose rows change every second, so each run yields known added and removed records.
TICK_QUERY = "SELECT (SELECT unix_time FROM time) AS t"
ROWS_QUERY = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) "
              "SELECT i, (SELECT unix_time FROM time) AS t FROM n")
BIG_QUERY = "SELECT printf('%.2000000c', 'x') AS big"
STATUS_QUERY = "SELECT * FROM osquery_logger_status"


def schedule(rows=5, big=False, status=False):
    sched = {"tick": {"query": TICK_QUERY, "interval": 1},
             "rows": {"query": ROWS_QUERY.format(rows=rows), "interval": 1}}
    if big:
        # A 2 MB row now and then: its runs alternate an added/removed pair of 2 MB records.
        sched["big"] = {"query": BIG_QUERY + ", (SELECT unix_time FROM time) / 3 AS t",
                        "interval": 1}
    if status:
        sched["logger_status"] = {"query": STATUS_QUERY, "interval": 1, "snapshot": True}
    return {"schedule": sched}


def daemon_args(plugin, stream, endpoint, extra=(), filesystem=True):
    """osqueryd flags for one AWS logger plugin ("aws_kinesis" or "aws_firehose"), which also
    logs to the filesystem unless told not to (the results log is the ground truth of what was
    produced)."""
    service = plugin.split("_", 1)[1]
    return ["--logger_plugin", f"filesystem,{plugin}" if filesystem else plugin,
            f"--aws_{service}_stream", stream, f"--aws_{service}_endpoint", endpoint,
            f"--aws_{service}_period", "1", "--aws_region", REGION,
            "--aws_access_key_id", "AKID", "--aws_secret_access_key", "SECRET",
            "--host_identifier", "specified", "--specified_identifier", HOST_ID,
            "--buffered_log_max", "0", *extra]


def osqueryd_available():
    path = test_daemon.osqueryd()
    if not os.path.exists(path):
        raise unittest.SkipTest(f"{path} is not built")
    aws = os.path.join(oqtest.modules_dir(), "aws.so")
    if not os.path.exists(aws):
        raise unittest.SkipTest(f"{aws} is not built (the aws module)")


def wait_until(predicate, timeout, interval=0.25, what="condition", describe=None):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}"
                                 + (f"\n{describe()}" if describe else ""))
        time.sleep(interval)


def warning_text(daemon):
    """The daemon's status lines: its stderr plus the filesystem logger's INFO/WARNING files."""
    text = daemon.stderr()
    for name in ("osqueryd.INFO", "osqueryd.WARNING", "osqueryd.ERROR"):
        try:
            with open(os.path.join(daemon.logs, name), encoding="utf-8", errors="replace") as f:
                text += f.read()
        except FileNotFoundError:
            pass
    return text


def logger_status(daemon, logger):
    """The last osquery_logger_status snapshot row of `logger` (a dict), or None."""
    for line in reversed(daemon.snapshots()):
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if rec.get("name") != "logger_status":
            continue
        for row in rec.get("snapshot", []):
            if row.get("logger") == logger:
                return row
    return None


# --- the streams the daemon writes to, read back -----------------------------------------------


class KinesisStream:
    plugin = "aws_kinesis"
    # Kinesis takes a record (data + partition key) below 1 MB - 256 bytes.
    max_record = 999_744

    def __init__(self, server, name, shards=1):
        self.server, self.name = server, name
        create_stream(server.endpoint, name, shards)

    def read(self):
        """Every record's data, shard after shard, each shard in sequence order."""
        return [r[2] for recs in read_stream(self.server.endpoint, self.name).values()
                for r in recs]

    def partition_keys(self):
        return [r[1] for recs in read_stream(self.server.endpoint, self.name).values()
                for r in recs]


class FirehoseStream:
    plugin = "aws_firehose"
    max_record = 1_000_000

    def __init__(self, server, name):
        self.server, self.name, self.bucket = server, name, f"{name}-bucket"
        create_bucket(server.endpoint, self.bucket)
        create_delivery_stream(server.endpoint, name, self.bucket)

    def read(self):
        """Every record's data without its newline (firehose_records checks each has one)."""
        return [r[:-1] for r in firehose_records(self.server.endpoint, self.bucket)]


# --- the tests' common frame ---------------------------------------------------------------------


class DeliveryCase(unittest.TestCase):
    """One server (server_class) for the test class; each test makes its own stream
    (stream_class), fault proxy and osqueryd logging to filesystem + the AWS plugin."""

    server_class = None
    stream_class = None

    @classmethod
    def setUpClass(cls):
        if cls.server_class is None:
            raise unittest.SkipTest("abstract")
        osqueryd_available()
        cls.server = cls.server_class()
        cls.streams = 0

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        type(self).streams += 1
        self.stream = self.stream_class(self.server, f"osq-{self._testMethodName[5:20]}-"
                                                     f"{self.streams}".replace("_", "-"))
        self.proxy = FaultProxy(self.server.port)
        self.addCleanup(self.proxy.close)
        self.root = tempfile.mkdtemp(prefix="oqm-aws-")
        self.addCleanup(shutil.rmtree, self.root, True)

    def start_daemon(self, config=None, extra=(), database=None):
        """Starts osqueryd in self.root (same config, logs and database on a restart)."""
        d = test_daemon.Daemon(self.root, daemon_args(self.stream.plugin, self.stream.name,
                                                      self.proxy.endpoint, extra),
                               database=database)
        test_daemon.write_config(d.config, config or schedule())
        d.start()
        self.addCleanup(self._stop, d)
        return d

    def _stop(self, d):
        if d.proc is not None and d.proc.poll() is None:
            d.proc.kill()
            d.proc.wait()

    def describe(self, d):
        text = warning_text(d)
        delivery = [x for x in text.splitlines() if "delivery" in x or "dropped" in x]
        return (f"{d.describe()}\nproxy: {self.proxy.stats()}\n"
                f"status lines:\n{text[-3000:]}\n"
                f"delivery status lines:\n" + "\n".join(delivery[-20:]))

    def produced(self, d):
        """The records the AWS plugin must deliver: every results- and snapshot-log line (in
        log order) the service can take, as the plugin re-serialises them."""
        out = []
        for line in d.results() + d.snapshots():
            if line.strip() and len(line) + 40 < self.stream.max_record:
                out.append(expected_record(line))
        return out

    def wait_delivered(self, d, timeout, allow_duplicates=(), quiet=3.0):
        """Waits until every record produced so far is in the stream, then `quiet` seconds more;
        checks that each appears once (records in allow_duplicates, as bytes: at most twice) and
        that the stream holds nothing the daemon did not produce. Returns (stream results in
        stream order, produced records)."""
        target = {record_key(r) for r in self.produced(d)}
        self.assertGreater(len(target), 0, self.describe(d))

        def complete():
            return target <= {record_key(r) for r in results_of(self.stream.read())}

        wait_until(complete, timeout, 0.5, f"{len(target)} records in {self.stream.name}",
                   lambda: self.describe(d) + self.missing(d, target))
        time.sleep(quiet)
        datas = self.stream.read()
        produced = self.produced(d)  # read after the stream: a superset of what it holds
        results = results_of(datas)
        allowed = {record_key(json.loads(a)) for a in allow_duplicates}
        counts = {}
        for r in results:
            counts[record_key(r)] = counts.get(record_key(r), 0) + 1
        dups = {k: n for k, n in counts.items() if n > (2 if k in allowed else 1)}
        self.assertEqual(dups, {}, "records delivered more than allowed")
        unknown = set(counts) - {record_key(r) for r in produced}
        self.assertEqual(unknown, set(), "records in the stream that the daemon never logged")
        return results, produced

    def missing(self, d, target):
        got = {record_key(r) for r in results_of(self.stream.read())}
        lost = sorted(target - got)
        with self.proxy.lock:
            forwarded = {record_key(r) for r in results_of(self.proxy.forwarded_data)}
            throttled = [record_key(r) for r in results_of(self.proxy.throttled_data)]
        return (f"\n{len(lost)} missing, e.g. {lost[:5]}; of them, forwarded by the proxy and "
                f"accepted by the server: {len(set(lost) & forwarded)}; times each was "
                f"throttled: {[throttled.count(k) for k in lost[:5]]}")

    def first_delivery(self, d, timeout=15):
        return wait_until(lambda: results_of(self.stream.read()), timeout, 0.25,
                          "the first result in the stream", lambda: self.describe(d))

    def status_line(self, d, pattern, timeout):
        return wait_until(lambda: re.search(pattern, warning_text(d)), timeout, 0.25,
                          f"a status line matching {pattern!r}", lambda: self.describe(d))

    def run_outage(self, seconds=30, restart=False):
        """The proxy refuses connections for `seconds` while the daemon logs (restarted with
        the same database in the middle if `restart`): afterwards every result arrives once;
        the stall and the recovery are reported in status lines and osquery_logger_status."""
        plugin = self.stream.plugin
        d = self.start_daemon(schedule(status=True))
        self.first_delivery(d)
        self.proxy.refuse(True)
        cut = time.monotonic()
        self.status_line(d, f"Logger {plugin}: delivery stalled", 15)
        row = wait_until(lambda: (r := logger_status(d, plugin)) and r.get("stalled") == "1"
                         and int(r["buffered"]) > 0 and r, 10, 0.5,
                         "stalled = 1 and buffered > 0", lambda: self.describe(d))
        self.assertNotEqual(row["last_error"], "", row)
        if restart:
            time.sleep(seconds / 3)
            self.assertEqual(d.stop(), 0, self.describe(d))
            logged = len(d.results())
            d = self.start_daemon(schedule(status=True))
            d.wait_for(lambda d: len(d.results()) > logged, 10, "results of the second run")
        time.sleep(max(0.0, cut + seconds - time.monotonic()))
        produced_during = len(d.results())
        self.proxy.refuse(False)
        # Backoff doubles up to 60 s: the first attempt after the outage may come ~30 s late.
        self.wait_delivered(d, 75)
        self.assertGreater(produced_during, seconds, "the daemon kept logging")
        wait_until(lambda: (r := logger_status(d, plugin)) and r.get("stalled") == "0", 10, 0.5,
                   "stalled = 0 after the recovery", lambda: self.describe(d))
        # INFO lines reach osqueryd.INFO up to 30 s late (buffered like glog's); a clean exit
        # flushes them.
        self.assertEqual(d.stop(), 0, self.describe(d))
        self.status_line(d, rf"Logger {plugin}: delivery recovered after \d+ s", 5)

    def run_for(self, d, seconds):
        """Lets the daemon log for about `seconds` with at least one delivered result."""
        self.first_delivery(d)
        d.wait_for(lambda d: len(d.results()) >= seconds * 2, timeout=seconds + 10,
                   what=f"{seconds} s of results")

    def run_throttled(self, seconds, timeout):
        """Half of the records are refused by the proxy with the service's throttling error:
        all arrive exactly once, and osquery_logger_status counts retries and no drop."""
        plugin = self.stream.plugin
        self.proxy.throttle_fraction(0.5)
        d = self.start_daemon(schedule(rows=20, status=True))
        self.run_for(d, seconds)
        self.wait_delivered(d, timeout)
        self.assertGreater(self.proxy.records_throttled, 0)
        row = wait_until(lambda: (r := logger_status(d, plugin)) and r["retried"] != "0" and r,
                         10, 0.5, "retried > 0 in osquery_logger_status",
                         lambda: self.describe(d))
        self.assertEqual(row["dropped"], "0", row)
        return d

    def run_oversized(self, seconds, timeout):
        """2 MB records among the results: each is dropped with a status line naming the
        plugin, counted in osquery_logger_status; every other record arrives exactly once."""
        plugin = self.stream.plugin
        d = self.start_daemon(schedule(big=True, status=True))
        self.run_for(d, seconds)
        d.wait_for(lambda d: any(len(x) > 2_000_000 for x in d.results()), timeout=15,
                   what="a 2 MB result line")
        results, _ = self.wait_delivered(d, timeout)  # every record below the limit arrived
        self.assertTrue(all(len(json.dumps(r)) < 10_000 for r in results))
        self.status_line(d, f"{plugin}.*dropped|dropped.*{plugin}", 10)
        row = wait_until(lambda: (r := logger_status(d, plugin)) and int(r["dropped"]) >= 1
                         and r, 10, 0.5, "dropped >= 1 in osquery_logger_status",
                         lambda: self.describe(d))
        # Only the 2 MB records were dropped (the table may lag the results log, not lead it).
        big = [x for x in d.results() if len(x) > 2_000_000]
        self.assertLessEqual(int(row["dropped"]), len(big), row)
        self.assertGreater(int(row["sent"]), 0, row)
        return d


if __name__ == "__main__":
    raise SystemExit("helper module; run test_aws_*.py")
