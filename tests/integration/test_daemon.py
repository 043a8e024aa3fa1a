"""osqueryd end to end: the schedule, the result log formats, packs, --config_check and
--config_dump, SIGHUP reloads, the pidfile lock and several logger plugins.

Each test runs the real osqueryd (built next to osqueryi) in its own temporary directory with
interval-1 queries and no splay (--schedule_splay_percent 101). The expected formats are those
of ../shared/reference/osquery-behaviour.md §2, §3, §4 and §11.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

import oqtest

# asctime in UTC plus " UTC"; single-digit days are space-padded ("May  2").
CALENDAR_TIME = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) "
                           r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                           r"[ 123]\d \d\d:\d\d:\d\d \d{4} UTC$")
EVENT_KEYS = ["name", "hostIdentifier", "calendarTime", "unixTime", "epoch", "counter",
              "numerics", "columns", "action"]
EVENT_KEYS_DECORATED = EVENT_KEYS[:7] + ["decorations"] + EVENT_KEYS[7:]
BATCH_KEYS = ["diffResults", "name", "hostIdentifier", "calendarTime", "unixTime", "epoch",
              "counter", "numerics"]
SNAPSHOT_KEYS = ["snapshot", "action", "name", "hostIdentifier", "calendarTime", "unixTime",
                 "epoch", "counter", "numerics"]


def osqueryd():
    return os.path.join(os.path.dirname(oqtest.osqueryi()), "osqueryd")


def read_lines(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read().splitlines()
    except FileNotFoundError:
        return []


def parse_lines(lines):
    """JSON objects of the lines, keeping the key order (Python dicts are ordered)."""
    return [json.loads(line) for line in lines if line.strip()]


def write_config(path, config):
    text = config if isinstance(config, str) else json.dumps(config, indent=1)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)  # the daemon never sees half a file


class Daemon:
    """One osqueryd process in `root` (config, db, logs, pidfile and its stdout/stderr)."""

    def __init__(self, root, extra_args=(), pidfile=None, database=None):
        self.root = root
        self.config = os.path.join(root, "osquery.conf")
        self.logs = os.path.join(root, "logs")
        os.makedirs(self.logs, exist_ok=True)
        self.pidfile = pidfile or os.path.join(root, "osqueryd.pid")
        self.database = database or os.path.join(root, "db", "osquery.db")
        self.stdout_path = os.path.join(root, f"stdout.{time.monotonic_ns()}")
        self.stderr_path = self.stdout_path.replace("stdout.", "stderr.")
        self.args = [osqueryd(), "--modules_dir", oqtest.modules_dir(),
                     "--config_path", self.config, "--database_path", self.database,
                     "--logger_path", self.logs, "--pidfile", self.pidfile,
                     "--schedule_splay_percent", "101", *extra_args]
        self.proc = None

    def start(self):
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.proc = subprocess.Popen(self.args, stdin=subprocess.DEVNULL, stdout=out,
                                         stderr=err)
        return self

    def run(self, timeout=30):
        """Runs to completion (the caller passes --schedule_timeout); returns the exit code."""
        self.start()
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"osqueryd did not exit within {timeout} s\n{self.describe()}")

    def stop(self, timeout=15):
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"osqueryd ignored SIGTERM for {timeout} s\n{self.describe()}")

    def results(self):
        return read_lines(os.path.join(self.logs, "osqueryd.results.log"))

    def snapshots(self):
        return read_lines(os.path.join(self.logs, "osqueryd.snapshots.log"))

    def stdout(self):
        return read_lines(self.stdout_path)

    def stderr(self):
        with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def describe(self):
        rc = self.proc.poll() if self.proc else None
        return (f"command: {' '.join(self.args)}\nexit code: {rc}\n"
                f"stderr:\n{self.stderr()[-3000:]}\n"
                f"results log:\n" + "\n".join(self.results()[-20:]))

    def wait_for(self, predicate, timeout=10, what="log lines"):
        """Waits until predicate(self) is true; fails with the daemon's state otherwise."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self):
                return
            if self.proc is not None and self.proc.poll() is not None:
                break
            time.sleep(0.1)
        if predicate(self):
            return
        raise AssertionError(f"timed out waiting for {what}\n{self.describe()}")


def lines_named(lines, name):
    return [r for r in parse_lines(lines) if r.get("name") == name]


class TempDirTest(unittest.TestCase):
    def make_root(self):
        root = tempfile.mkdtemp(prefix="oqm-daemon-")
        self.addCleanup(shutil.rmtree, root, True)
        return root


class ScheduleAndFormats(unittest.TestCase):
    """One daemon run shared by the format checks: a watched directory (differential), a
    snapshot query, and two packs (one whose discovery fails)."""

    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="oqm-daemon-")
        cls.watched = os.path.join(cls.root, "watched")
        os.makedirs(cls.watched)
        d = cls.daemon = Daemon(cls.root, ["--schedule_timeout", "30"])
        write_config(d.config, {
            "schedule": {
                "files": {"query": f"SELECT filename FROM file WHERE directory = '{cls.watched}'",
                          "interval": 1},
                "snap": {"query": "SELECT 1 AS one, 'x' AS two", "interval": 1,
                         "snapshot": True},
            },
            "packs": {
                "hidden": {"discovery": ["SELECT 1 WHERE 0"],
                           "queries": {"never": {"query": "SELECT 2 AS two", "interval": 1}}},
                "shown": {"discovery": ["SELECT 1"],
                          "queries": {"always": {"query": "SELECT 3 AS three", "interval": 1}}},
            },
        })
        d.start()
        try:
            # The first tick ran (the pack query is logged with counter 0 on its first run).
            d.wait_for(lambda d: lines_named(d.results(), "pack_shown_always"),
                       what="the first run of pack_shown_always")
            path = os.path.join(cls.watched, "created.txt")
            with open(path, "w") as f:
                f.write("x")
            d.wait_for(lambda d: any(r["action"] == "added" for r in lines_named(d.results(), "files")),
                       what="the added line of created.txt")
            os.unlink(path)
            d.wait_for(lambda d: any(r["action"] == "removed"
                                     for r in lines_named(d.results(), "files")),
                       what="the removed line of created.txt")
            cls.rc = d.stop()
        except BaseException:
            if d.proc and d.proc.poll() is None:
                d.proc.kill()
                d.proc.wait()
            shutil.rmtree(cls.root, True)
            raise
        cls.result_lines = d.results()
        cls.snapshot_lines = d.snapshots()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.root, True)

    def test_clean_exit_on_sigterm(self):
        self.assertEqual(self.rc, 0, self.daemon.describe())
        self.assertFalse(os.path.exists(self.daemon.pidfile), "the pidfile is removed at exit")

    def test_event_line_shape(self):
        records = parse_lines(self.result_lines)
        self.assertTrue(records)
        for line, r in zip(self.result_lines, records):
            self.assertEqual(list(r.keys()), EVENT_KEYS, line)
            self.assertRegex(r["calendarTime"], CALENDAR_TIME)
            self.assertIs(type(r["unixTime"]), int, line)
            self.assertIs(type(r["epoch"]), int, line)
            self.assertIs(type(r["counter"]), int, line)
            self.assertIs(r["numerics"], False, line)
            self.assertEqual(r["epoch"], 0, line)
            # calendarTime is unixTime written as asctime in UTC.
            self.assertEqual(r["calendarTime"],
                             time.asctime(time.gmtime(r["unixTime"])) + " UTC", line)
            self.assertTrue(all(type(v) is str for v in r["columns"].values()), line)
            self.assertIn(r["action"], ("added", "removed"), line)
            # Compact JSON, one record per line.
            self.assertNotIn(": ", line.replace(r["calendarTime"], ""))

    def test_file_added_then_removed(self):
        files = lines_named(self.result_lines, "files")
        self.assertEqual([(r["action"], r["columns"]) for r in files],
                         [("added", {"filename": "created.txt"}),
                          ("removed", {"filename": "created.txt"})], self.result_lines)
        # An empty first run logs nothing in the event format; each change counts up.
        self.assertGreaterEqual(files[0]["counter"], 1)
        self.assertEqual(files[1]["counter"], files[0]["counter"] + 1)
        self.assertLess(files[0]["unixTime"], files[1]["unixTime"])

    def test_snapshot_log(self):
        snaps = parse_lines(self.snapshot_lines)
        self.assertGreaterEqual(len(snaps), 2, "a snapshot is written on every execution")
        for line, r in zip(self.snapshot_lines, snaps):
            self.assertEqual(list(r.keys()), SNAPSHOT_KEYS, line)
            self.assertEqual(r["name"], "snap")
            self.assertEqual(r["action"], "snapshot")
            self.assertEqual(r["snapshot"], [{"one": "1", "two": "x"}])
            self.assertEqual(r["counter"], 0)
            self.assertRegex(r["calendarTime"], CALENDAR_TIME)
        self.assertEqual(lines_named(self.result_lines, "snap"), [],
                         "snapshots do not go to the results log")

    def test_pack_discovery(self):
        shown = lines_named(self.result_lines, "pack_shown_always")
        self.assertEqual(len(shown), 1, self.result_lines)
        self.assertEqual(shown[0]["counter"], 0)
        self.assertEqual(shown[0]["columns"], {"three": "3"})
        self.assertEqual(shown[0]["action"], "added")
        all_names = {r["name"] for r in parse_lines(self.result_lines + self.snapshot_lines)}
        self.assertNotIn("pack_hidden_never", all_names)
        self.assertEqual(all_names, {"files", "snap", "pack_shown_always"})


class BatchedFormat(TempDirTest):
    def test_logger_event_type_false(self):
        root = self.make_root()
        watched = os.path.join(root, "watched")
        os.makedirs(watched)
        with open(os.path.join(watched, "first"), "w"):
            pass
        d = Daemon(root, ["--schedule_timeout", "20", "--logger_event_type=false"])
        write_config(d.config, {"schedule": {
            "files": {"query": f"SELECT filename FROM file WHERE directory = '{watched}'",
                      "interval": 1},
            "empty": {"query": "SELECT 1 AS x WHERE 0", "interval": 1}}})
        d.start()
        try:
            d.wait_for(lambda d: len(lines_named(d.results(), "files")) >= 1,
                       what="the first run")
            os.rename(os.path.join(watched, "first"), os.path.join(watched, "second"))
            d.wait_for(lambda d: len(lines_named(d.results(), "files")) >= 2,
                       what="the second run's diff")
        finally:
            rc = d.stop()
        self.assertEqual(rc, 0, d.describe())
        lines = d.results()
        for line, r in zip(lines, parse_lines(lines)):
            self.assertEqual(list(r.keys()), BATCH_KEYS, line)
            self.assertEqual(list(r["diffResults"].keys()), ["removed", "added"], line)
            self.assertRegex(r["calendarTime"], CALENDAR_TIME)
            self.assertIs(type(r["unixTime"]), int)
        files = lines_named(lines, "files")
        self.assertEqual(files[0]["diffResults"], {"removed": [], "added": [{"filename": "first"}]})
        self.assertEqual(files[0]["counter"], 0)
        self.assertEqual(files[1]["diffResults"],
                         {"removed": [{"filename": "first"}], "added": [{"filename": "second"}]})
        self.assertEqual(files[1]["counter"], 1)
        # A first run with no rows is still logged in the batched form (counter 0, empty
        # arrays), and only once: nothing changes afterwards.
        empty = lines_named(lines, "empty")
        self.assertEqual(len(empty), 1, lines)
        self.assertEqual(empty[0]["diffResults"], {"removed": [], "added": []})
        self.assertEqual(empty[0]["counter"], 0)


class ConfigCheckAndDump(TempDirTest):
    def run_daemon(self, root, *args):
        d = Daemon(root, args)
        proc = subprocess.run(d.args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, errors="replace", timeout=30)
        return proc, d

    def test_config_check_broken(self):
        root = self.make_root()
        d = Daemon(root)
        write_config(d.config, '{"schedule": {"a": {"query": "SELECT 1",')
        proc, _ = self.run_daemon(root, "--config_check")
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertRegex(proc.stderr, r"Error reading config: \S")
        self.assertIn("JSON", proc.stderr)
        self.assertFalse(os.path.exists(d.pidfile), "--config_check does not take the pidfile")

    def test_config_check_missing_file(self):
        root = self.make_root()
        proc, d = self.run_daemon(root, "--config_check")
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn(f"Error reading config: config file does not exist: {d.config}", proc.stderr)

    def test_config_check_good(self):
        root = self.make_root()
        d = Daemon(root)
        write_config(d.config, {"schedule": {"a": {"query": "SELECT 1", "interval": 10}}})
        proc, _ = self.run_daemon(root, "--config_check")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertNotIn("Error reading config", proc.stderr)
        self.assertEqual(d.results(), [])

    def test_config_dump(self):
        root = self.make_root()
        d = Daemon(root)
        text = '{"schedule": {"a": {"query": "SELECT 1", "interval": 10}}}'
        write_config(d.config, text)
        proc, _ = self.run_daemon(root, "--config_dump")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout, '{"%s": %s}\n' % (d.config, text))
        self.assertEqual(json.loads(proc.stdout),
                         {d.config: {"schedule": {"a": {"query": "SELECT 1", "interval": 10}}}})


class Reload(TempDirTest):
    # A differential query whose result changes every second: one removed and one added line
    # per tick while the query is scheduled.
    TICKING = "SELECT strftime('%s', 'now') AS now"

    def start_ticking(self):
        root = self.make_root()
        d = Daemon(root, ["--schedule_timeout", "40"])
        write_config(d.config, {"schedule": {"ticking": {"query": self.TICKING, "interval": 1}}})
        d.start()
        self.addCleanup(d.stop)
        d.wait_for(lambda d: len(lines_named(d.results(), "ticking")) >= 1, what="the first run")
        return d

    def test_sighup_with_broken_config_keeps_schedule(self):
        d = self.start_ticking()
        write_config(d.config, '{"schedule": {"other": ')
        d.proc.send_signal(signal.SIGHUP)
        time.sleep(0.3)
        seen = len(lines_named(d.results(), "ticking"))
        d.wait_for(lambda d: len(lines_named(d.results(), "ticking")) >= seen + 4,
                   timeout=6, what="results of the old schedule after a failed reload")
        self.assertIsNone(d.proc.poll(), "the daemon keeps running")
        self.assertEqual(d.stop(), 0, d.describe())

    def test_sighup_with_new_config_starts_new_query(self):
        d = self.start_ticking()
        write_config(d.config, {"schedule": {
            "ticking": {"query": self.TICKING, "interval": 1},
            "fresh": {"query": "SELECT 'new' AS state", "interval": 1}}})
        d.proc.send_signal(signal.SIGHUP)
        d.wait_for(lambda d: lines_named(d.results(), "fresh"), timeout=6,
                   what="the query added by the reload")
        fresh = lines_named(d.results(), "fresh")
        self.assertEqual([(r["columns"], r["action"], r["counter"]) for r in fresh],
                         [({"state": "new"}, "added", 0)])
        self.assertEqual(d.stop(), 0, d.describe())

    def test_config_refresh_picks_up_a_changed_file(self):
        root = self.make_root()
        d = Daemon(root, ["--schedule_timeout", "40", "--config_refresh", "1"])
        write_config(d.config, {"schedule": {"ticking": {"query": self.TICKING, "interval": 1}}})
        d.start()
        self.addCleanup(d.stop)
        d.wait_for(lambda d: lines_named(d.results(), "ticking"), what="the first run")
        write_config(d.config, {"schedule": {
            "fresh": {"query": "SELECT 'refreshed' AS state", "interval": 1}}})
        d.wait_for(lambda d: lines_named(d.results(), "fresh"), timeout=8,
                   what="the query of the refreshed config, without SIGHUP")
        # The old query left the schedule: its lines stop.
        time.sleep(1.5)
        seen = len(lines_named(d.results(), "ticking"))
        time.sleep(2.5)
        self.assertEqual(len(lines_named(d.results(), "ticking")), seen, d.describe())
        self.assertEqual(d.stop(), 0, d.describe())


class InterruptedQuery(TempDirTest):
    # About 30 million steps: seconds of work, long enough to be killed in the middle.
    SLOW = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000) "
            "SELECT count(*) AS n FROM c")

    def test_a_query_killed_mid_run_is_reported_at_the_next_start(self):
        root = self.make_root()
        d = Daemon(root, ["--schedule_timeout", "60"])
        write_config(d.config, {"schedule": {"slow": {"query": self.SLOW, "interval": 1}}})
        d.start()
        self.addCleanup(d.stop)
        time.sleep(2.5)  # the first tick comes within a second; the query runs for longer
        d.proc.kill()
        d.proc.wait()
        again = Daemon(root, ["--schedule_timeout", "1"])
        write_config(again.config, {"schedule": {}})
        self.assertEqual(again.run(), 0, again.describe())
        warnings = read_lines(os.path.join(again.logs, "osqueryd.WARNING"))
        self.assertTrue(any("Scheduled query may have failed: slow" in line for line in warnings),
                        warnings)
        # Reported once: the marker is cleared.
        third = Daemon(root, ["--schedule_timeout", "1"])
        self.assertEqual(third.run(), 0, third.describe())
        warnings = read_lines(os.path.join(third.logs, "osqueryd.WARNING"))
        self.assertEqual(sum("may have failed" in line for line in warnings), 1, warnings)


class Pidfile(TempDirTest):
    def test_second_daemon_is_refused(self):
        root = self.make_root()
        first = Daemon(root, ["--schedule_timeout", "30"])
        write_config(first.config, {"schedule": {"a": {"query": "SELECT 1 AS a", "interval": 1}}})
        first.start()
        self.addCleanup(first.stop)
        first.wait_for(lambda d: d.results(), what="the first daemon's first run")
        with open(first.pidfile) as f:
            self.assertEqual(f.read().strip(), str(first.proc.pid))

        second = Daemon(root, ["--schedule_timeout", "5"], pidfile=first.pidfile,
                        database=os.path.join(root, "db2", "osquery.db"))
        rc = second.run(timeout=20)
        self.assertEqual(rc, 1, second.describe())
        self.assertIn("Pidfile::Error::Busy", second.stderr())
        self.assertIsNone(first.proc.poll(), "the first daemon is unaffected")
        with open(first.pidfile) as f:
            self.assertEqual(f.read().strip(), str(first.proc.pid), "the pidfile is untouched")
        self.assertEqual(first.stop(), 0, first.describe())


class MultipleLoggers(TempDirTest):
    def test_filesystem_and_stdout(self):
        root = self.make_root()
        d = Daemon(root, ["--schedule_timeout", "3", "--logger_plugin=filesystem,stdout"])
        write_config(d.config, {"schedule": {
            "a": {"query": "SELECT 1 AS a UNION ALL SELECT 2", "interval": 1},
            "s": {"query": "SELECT 'snap' AS s", "interval": 1, "snapshot": True}}})
        self.assertEqual(d.run(), 0, d.describe())
        results, snapshots = d.results(), d.snapshots()
        self.assertEqual(len(lines_named(results, "a")), 2, results)
        self.assertGreaterEqual(len(snapshots), 2)
        json_on_stdout = [line for line in d.stdout() if line.startswith("{")]
        self.assertEqual(sorted(json_on_stdout), sorted(results + snapshots),
                         "stdout gets the same result and snapshot lines")
        # and the status lines, as osquery's stdout plugin writes them (§4.2)
        statuses = [line for line in d.stdout() if line.startswith("severity=")]
        self.assertTrue(any(re.match(r"^severity=0 location=scheduler\.cpp:\d+ message=Storing "
                                     r"initial results for new scheduled query: a$", line)
                            for line in statuses), d.stdout())


class StatusLogs(TempDirTest):
    """glog status files in --logger_path, with osquery's line prefix (§3.6):
    `<I|W|E|F>MMDD HH:MM:SS.uuuuuu <tid> <file>:<line>] <message>`, no year."""

    def run_once(self):
        root = self.make_root()
        d = Daemon(root, ["--schedule_timeout", "1"])
        write_config(d.config, "{not json")  # a bad config: a WARNING, and the daemon runs on
        self.assertEqual(d.run(), 0, d.describe())
        return d

    def status_lines(self, d, name):
        path = os.path.join(d.logs, name)
        self.assertTrue(os.path.islink(path), f"{name} is a symlink to the newest file")
        lines = read_lines(path)
        header = ("Log file created at:", "Running on machine:", "Running duration",
                  "Log line format:")
        return [line for line in lines if line and not line.startswith(header)]

    def test_status_files_and_bad_config_warning(self):
        d = self.run_once()
        warnings = self.status_lines(d, "osqueryd.WARNING")
        self.assertTrue(any("Error reading config: " in line for line in warnings), warnings)
        self.assertTrue(self.status_lines(d, "osqueryd.INFO"))

    # osquery's custom prefix is `W1123 20:12:28...`, not glog's `W20261123 20:12:28...`
    # (reference §3.6, "There is no year").
    def test_status_line_prefix_has_no_year(self):
        d = self.run_once()
        prefix = re.compile(r"^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ [^ :]+:\d+\] ")
        for line in self.status_lines(d, "osqueryd.INFO"):
            self.assertRegex(line, prefix)


    # The daemon records from --logger_min_status (default 0, INFO); only the shell defaults to
    # WARNING (reference §3.6).
    def test_info_statuses_recorded_by_default(self):
        root = self.make_root()
        d = Daemon(root, ["--schedule_timeout", "2"])
        write_config(d.config, {"schedule": {"a": {"query": "SELECT 1 AS a", "interval": 1}}})
        self.assertEqual(d.run(), 0, d.describe())
        self.assertTrue(d.results(), d.describe())
        info = self.status_lines(d, "osqueryd.INFO")
        self.assertTrue(any("Storing initial results for new scheduled query: a" in line
                            for line in info), info)


class Osqueryctl(TempDirTest):
    """tools/osqueryctl: the actions that need no service manager."""

    def ctl(self, *args, env=None, as_nobody=False):
        script = os.path.join(oqtest.env_path("SOURCE_DIR"), "tools", "osqueryctl")
        preexec = None
        if as_nobody:
            def preexec():
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
        return subprocess.run(["bash", script, *args], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              errors="replace", timeout=30, preexec_fn=preexec,
                              env={**os.environ, **(env or {})}), script

    def test_needs_root(self):
        proc, script = self.ctl("status", as_nobody=os.geteuid() == 0)
        self.assertEqual(proc.returncode, 4, proc.stderr)
        self.assertEqual(proc.stdout,
                         f"User has insufficient privileges. {script} must be run as root.\n")

    def test_usage(self):
        if os.geteuid() != 0:
            self.skipTest("osqueryctl checks for root before the action")
        for args in ((), ("bogus",)):
            proc, script = self.ctl(*args)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertEqual(proc.stdout, f"Usage: {script} "
                                          "{clean|config-check|start|stop|status|restart}\n")

    def test_config_check_and_clean(self):
        if os.geteuid() != 0:
            self.skipTest("osqueryctl must run as root")
        root = self.make_root()
        conf = os.path.join(root, "osquery.conf")
        env = {"EXEC": osqueryd(), "REAL_CONFIG_PATH": conf,
               "FLAGS_FILE_PATH": os.path.join(root, "osquery.flags"),
               "OSQUERY_DB": os.path.join(root, "osquery.db")}
        proc, _ = self.ctl("config-check", env=env)
        self.assertEqual(proc.returncode, 4, proc.stdout + proc.stderr)
        self.assertIn(f"No osquery config file found at {conf}", proc.stdout)
        write_config(conf, {"schedule": {"a": {"query": "SELECT 1", "interval": 60}}})
        proc, _ = self.ctl("config-check", env=env)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        write_config(conf, "{not json")
        proc, _ = self.ctl("config-check", env=env)
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        self.assertIn("Error reading config:", proc.stderr)
        for suffix in ("", "-wal", "-shm"):
            with open(env["OSQUERY_DB"] + suffix, "w"):
                pass
        proc, _ = self.ctl("clean", env=env)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertEqual(sorted(os.listdir(root)), ["osquery.conf"])


if __name__ == "__main__":
    oqtest.main()
