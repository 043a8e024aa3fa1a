"""The issue's acceptance checks, run against the real osqueryi and modules.

- processes.on_disk = 0 for a process whose executable was deleted;
- --json output of os_version and logged_in_users (osquery's shape, empty result included);
- --modules selects modules: a table of an unselected module is `no such table`;
- processes WHERE pid IN (...) returns exactly the pids that exist;
- osquery_extensions lists the modules, osquery_info describes this osqueryi;
- bad modules are refused with a sentence naming the file and the reason, and the shell goes on;
- hot load: a module built after the shell started is loaded with .load, queried, unloaded;
- the SDK builds a module out of tree from an installed prefix, exporting only its entry point.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
import oqtest  # noqa: E402


def make_temp_dir(testcase):
    path = tempfile.mkdtemp(prefix="oqm-integ-")
    testcase.addCleanup(shutil.rmtree, path, True)
    return path



def sdk_abi_version():
    """"<major>.<minor>" of the module ABI the project's modules are built against."""
    with open(os.path.join(oqtest.env_path("SOURCE_DIR"), "sdk", "osquery_module.h")) as f:
        text = f.read()
    major = re.search(r"#define OQM_ABI_MAJOR (\d+)", text).group(1)
    minor = re.search(r"#define OQM_ABI_MINOR (\d+)", text).group(1)
    return f"{major}.{minor}"

class Queries(unittest.TestCase):
    def test_deleted_executable_is_not_on_disk(self):
        tmp = make_temp_dir(self)
        sleep = shutil.which("sleep") or "/bin/sleep"
        copy = os.path.join(tmp, "sleep")
        shutil.copy2(sleep, copy)
        os.chmod(copy, 0o755)
        proc = subprocess.Popen([copy, "60"], stdin=subprocess.DEVNULL)

        def stop():
            proc.kill()
            proc.wait()
        self.addCleanup(stop)

        # Wait until the child runs the copy (exec done), then delete the file.
        deadline = time.monotonic() + 10
        while True:
            try:
                if os.readlink(f"/proc/{proc.pid}/exe") == copy:
                    break
            except OSError:
                pass
            self.assertLess(time.monotonic(), deadline, "the copied sleep did not start")
            time.sleep(0.01)
        os.unlink(copy)

        r = oqtest.run(["--json", "SELECT name, path, pid FROM processes WHERE on_disk = 0"])
        self.assertEqual(r.rc, 0, r.describe())
        rows = oqtest.parse_json(r)
        mine = [row for row in rows if row.get("pid") == str(proc.pid)]
        self.assertEqual(len(mine), 1, f"pid {proc.pid} (deleted {copy}) not listed once\n" +
                         r.describe())
        self.assertEqual(mine[0]["name"], "sleep", r.describe())
        self.assertTrue(mine[0]["path"].startswith(copy), r.describe())
        # --json is osquery's: every value is a string.
        for row in rows:
            for key, value in row.items():
                self.assertIsInstance(value, str, f"{key} in {row}")

    def test_os_version_json(self):
        r = oqtest.run(["--json", "SELECT version FROM os_version"])
        self.assertEqual(r.rc, 0, r.describe())
        rows = oqtest.parse_json(r)
        self.assertIsInstance(rows, list, r.describe())
        self.assertEqual(len(rows), 1, r.describe())
        self.assertEqual(list(rows[0].keys()), ["version"], r.describe())
        self.assertIsInstance(rows[0]["version"], str, r.describe())
        # osquery's compact layout: "[\n  {...}\n]\n".
        self.assertTrue(r.stdout.startswith("[\n  {"), repr(r.stdout))
        self.assertTrue(r.stdout.endswith("}\n]\n"), repr(r.stdout))

    def test_logged_in_users_json(self):
        r = oqtest.run(["--json", "SELECT * FROM logged_in_users"])
        self.assertEqual(r.rc, 0, r.describe())
        rows = oqtest.parse_json(r)
        self.assertIsInstance(rows, list, r.describe())
        if not rows:
            # osquery prints zero rows in --json as "[", an empty line, "]" (behaviour §1.4).
            self.assertEqual(r.stdout, "[\n\n]\n")
        for row in rows:
            self.assertIsInstance(row, dict)
            for key, value in row.items():
                self.assertIsInstance(value, str, f"{key} in {row}")

    def test_empty_result_json_layout(self):
        r = oqtest.run(["--json", "SELECT * FROM processes WHERE pid = -1"])
        self.assertEqual(r.rc, 0, r.describe())
        self.assertEqual(r.stdout, "[\n\n]\n", r.describe())

    def test_modules_flag_selects_modules(self):
        r = oqtest.run(["--modules", "processes", "SELECT * FROM users"])
        self.assertEqual(r.rc, 1, "osquery exits with SQLITE_ERROR (1)\n" + r.describe())
        self.assertIn("no such table: users", r.stderr, r.describe())

        r = oqtest.run(["--modules", "system", "--json", "SELECT * FROM users"])
        self.assertEqual(r.rc, 0, r.describe())
        rows = oqtest.parse_json(r)
        self.assertIn(str(os.getuid()), {row.get("uid") for row in rows}, r.describe())

    def test_pid_in_list_returns_existing_pids(self):
        own = os.getpid()
        absent = 2 ** 30  # above any pid_max, so never a process
        expected = sorted(p for p in (1, own) if os.path.isdir(f"/proc/{p}"))
        for sql in (f"SELECT pid FROM processes WHERE pid IN (1, {own})",
                    f"SELECT pid FROM processes WHERE pid IN (1, {own}, {absent})"):
            with self.subTest(sql=sql):
                r = oqtest.run(["--json_typed", sql])
                self.assertEqual(r.rc, 0, r.describe())
                rows = oqtest.parse_json(r)
                self.assertEqual(sorted(row["pid"] for row in rows), expected, r.describe())

    def test_osquery_extensions_lists_modules(self):
        r = oqtest.run(["--json_typed", "SELECT * FROM osquery_extensions"])
        self.assertEqual(r.rc, 0, r.describe())
        rows = oqtest.parse_json(r)
        by_name = {row.get("name"): row for row in rows}
        for module in ("processes", "system"):
            with self.subTest(module=module):
                self.assertIn(module, by_name, r.describe())
                row = by_name[module]
                self.assertTrue(str(row.get("path", "")).endswith(".so"), row)
                self.assertEqual(row.get("sdk_version"), sdk_abi_version(), row)
                self.assertIsInstance(row.get("uuid"), int, row)
                for column in ("name", "version", "sdk_version", "path", "type"):
                    self.assertIsInstance(row.get(column), str, f"{column} in {row}")

    def test_osquery_info(self):
        r = oqtest.run(["--json_typed", "SELECT * FROM osquery_info"])
        self.assertEqual(r.rc, 0, r.describe())
        rows = oqtest.parse_json(r)
        self.assertEqual(len(rows), 1, r.describe())
        info = rows[0]
        types = {"pid": int, "uuid": str, "instance_id": str, "version": str,
                 "config_hash": str, "config_valid": int, "extensions": str,
                 "build_platform": str, "build_distro": str, "start_time": int,
                 "watcher": int, "platform_mask": int}
        for column, kind in types.items():
            with self.subTest(column=column):
                self.assertIn(column, info, r.describe())
                self.assertIsInstance(info[column], kind, f"{column} = {info[column]!r}")
        self.assertEqual(info["platform_mask"], 9, r.describe())  # POSIX | LINUX
        self.assertEqual(info["pid"], r.pid, r.describe())


class BadModules(unittest.TestCase):
    """Each refusal names the file and the reason, and the shell still runs the query."""

    def assert_refused(self, module_path, reason_pattern, extra_args=()):
        r = oqtest.run(["--modules", "system", *extra_args, "--module", module_path,
                        "--json", "SELECT 1 AS one"])
        self.assertEqual(r.rc, 0, "the shell must go on after a refused module\n" + r.describe())
        self.assertEqual(oqtest.parse_json(r), [{"one": "1"}], r.describe())
        self.assertIn(module_path, r.stderr, "the message must name the file\n" + r.describe())
        self.assertRegex(r.stderr, reason_pattern, "the message must give the reason\n" +
                         r.describe())
        return r

    def test_abi_major_2(self):
        path = os.path.join(oqtest.env_path("TEST_MODULES"), "bad_abi_major.so")
        self.assertTrue(os.path.exists(path), path)
        r = self.assert_refused(path, r"ABI\D{0,20}\b2\b")
        self.assertNotIn("must not be called", r.stderr, r.describe())

    def test_no_entry_symbol(self):
        path = os.path.join(oqtest.env_path("TEST_MODULES"), "no_entry.so")
        self.assertTrue(os.path.exists(path), path)
        marker = os.path.join(make_temp_dir(self), "constructor-ran")
        os.environ["OQM_TEST_CONSTRUCTOR_MARKER"] = marker
        try:
            self.assert_refused(path, r"oqm_module_v1")
        finally:
            del os.environ["OQM_TEST_CONSTRUCTOR_MARKER"]
        self.assertFalse(os.path.exists(marker),
                         "the library's constructor ran: it was dlopen()ed before the check")

    def test_group_writable_file(self):
        copy = os.path.join(make_temp_dir(self), "hello.so")
        shutil.copy(oqtest.env_path("HELLO_MODULE"), copy)
        os.chmod(copy, 0o775)
        self.assert_refused(copy, r"writable")

    def test_missing_file(self):
        path = os.path.join(make_temp_dir(self), "missing.so")
        self.assert_refused(path, r"does not exist")

    def test_duplicate_name(self):
        tmp = make_temp_dir(self)
        first = os.path.join(tmp, "hello.so")
        second = os.path.join(tmp, "hello_again.so")
        for path in (first, second):
            shutil.copy(oqtest.env_path("HELLO_MODULE"), path)
            os.chmod(path, 0o755)
        self.assert_refused(second, r"already loaded", extra_args=("--module", first))

    def test_good_module_control(self):
        # The unmodified example loads from the same kind of place (control for the above).
        copy = os.path.join(make_temp_dir(self), "hello.so")
        shutil.copy(oqtest.env_path("HELLO_MODULE"), copy)
        os.chmod(copy, 0o755)
        r = oqtest.run(["--modules", "system", "--module", copy, "--json_typed",
                        "SELECT greeting, count FROM hello_world ORDER BY count"])
        self.assertEqual(r.rc, 0, r.describe())
        self.assertEqual(oqtest.parse_json(r), [{"count": 1, "greeting": "hello"},
                                                {"count": 2, "greeting": "hi"},
                                                {"count": 3, "greeting": "hey"}], r.describe())


class PipeReader:
    """Collects what a child writes on one pipe, on a thread, so the test can wait for text."""

    def __init__(self, pipe):
        self.text = ""
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(pipe,), daemon=True)
        self._thread.start()

    def _read(self, pipe):
        for chunk in iter(lambda: pipe.readline(), ""):
            with self._cond:
                self.text += chunk
                self._cond.notify_all()

    def wait_for(self, needle, timeout):
        with self._cond:
            return self._cond.wait_for(lambda: needle in self.text, timeout)

    def join(self, timeout):
        self._thread.join(timeout)


class HotLoad(unittest.TestCase):
    def test_load_module_built_after_start(self):
        tmp = make_temp_dir(self)
        source = oqtest.env_path("SOURCE_DIR")
        # A find_package(OsquerySDK) entry that points at the in-tree SDK.
        sdk_config = os.path.join(tmp, "sdk-config")
        os.mkdir(sdk_config)
        with open(os.path.join(sdk_config, "OsquerySDKConfig.cmake"), "w") as f:
            f.write(f'set(OQM_SDK_INCLUDE_DIR "{source}/sdk")\n'
                    f'include("{source}/sdk/cmake/OsquerySDK.cmake")\n'
                    'set(OsquerySDK_FOUND TRUE)\n')
        build = os.path.join(tmp, "build")

        shell = subprocess.Popen(
            [oqtest.osqueryi(), "--modules_dir", oqtest.modules_dir(), "--modules", "system",
             "--list"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            errors="replace")

        out, err = PipeReader(shell.stdout), PipeReader(shell.stderr)

        def stop():
            if shell.poll() is None:
                shell.kill()
            shell.wait()
            out.join(5)
            err.join(5)
            for pipe in (shell.stdin, shell.stdout, shell.stderr):
                pipe.close()
        self.addCleanup(stop)

        # Line 1: the table does not exist yet.
        shell.stdin.write("SELECT * FROM hello_world;\n")
        shell.stdin.flush()
        self.assertTrue(err.wait_for("no such table: hello_world", 15),
                        "the shell did not report the missing table before the module was "
                        f"built\nstdout:\n{out.text}\nstderr:\n{err.text}")

        # Only now does the module come to exist.
        module = oqtest.build_hello_module(build, [f"-DOsquerySDK_DIR={sdk_config}"])
        self.assertEqual(os.stat(module).st_mode & 0o022, 0, oct(os.stat(module).st_mode))

        script = [
            ".print ==loaded==",                                                  # line 2
            f".load {module}",                                                    # 3
            "SELECT name FROM osquery_extensions WHERE name = 'hello';",         # 4
            "SELECT greeting, count FROM hello_world ORDER BY count;",           # 5
            ".print ==unloaded==",                                                # 6
            ".unload hello",                                                      # 7
            "SELECT name FROM osquery_extensions WHERE name = 'hello';",         # 8
            "SELECT * FROM hello_world;",                                         # 9
        ]
        shell.stdin.write("\n".join(script) + "\n")
        shell.stdin.close()
        try:
            rc = shell.wait(timeout=oqtest.RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.fail(f"the shell did not exit\nstdout:\n{out.text}\nstderr:\n{err.text}")
        out.join(5)
        err.join(5)
        report = f"exit code {rc}\nstdout:\n{out.text}\nstderr:\n{err.text}"

        self.assertIn("==loaded==", out.text, report)
        self.assertIn("==unloaded==", out.text, report)
        loaded = out.text.split("==loaded==", 1)[1].split("==unloaded==", 1)[0]
        unloaded = out.text.split("==unloaded==", 1)[1]
        lines = loaded.splitlines()
        self.assertIn("hello", lines, "osquery_extensions does not list hello\n" + report)
        for row in ("hello|1", "hi|2", "hey|3"):
            self.assertIn(row, lines, report)
        self.assertNotIn("hello", unloaded.splitlines(), report)
        self.assertNotIn("hello|1", unloaded, report)

        errors = [line for line in err.text.splitlines() if "no such table: hello_world" in line]
        self.assertEqual(len(errors), 2, report)
        self.assertIn("near line 1:", errors[0], report)
        self.assertIn("near line 9:", errors[1], report)
        self.assertNotIn("Refusing", err.text, report)
        self.assertEqual(rc, 1, "errors in piped input give exit code 1\n" + report)


class SdkOutOfTree(unittest.TestCase):
    def test_installed_sdk_builds_example(self):
        tmp = make_temp_dir(self)
        prefix = os.path.join(tmp, "prefix")
        cmake = os.environ.get("CMAKE_COMMAND") or "cmake"
        p = subprocess.run([cmake, "--install", oqtest.env_path("BUILD_DIR"), "--prefix", prefix],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=120)
        self.assertEqual(p.returncode, 0, p.stdout)
        self.assertTrue(os.path.isfile(
            os.path.join(prefix, "include", "osquery-sdk", "osquery_module.h")), p.stdout)

        module = oqtest.build_hello_module(os.path.join(tmp, "build"),
                                           [f"-DCMAKE_PREFIX_PATH={prefix}"])
        nm = shutil.which("nm")
        if nm is None:
            self.skipTest("nm is not installed")
        defined = subprocess.run([nm, "-D", "--defined-only", module], stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True, timeout=30)
        self.assertEqual(defined.returncode, 0, defined.stdout)
        names = {line.split()[-1] for line in defined.stdout.splitlines() if line.strip()}
        self.assertEqual(names, {"oqm_module_v1"}, defined.stdout)

        undefined = subprocess.run([nm, "-D", "--undefined-only", module],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   timeout=30)
        self.assertEqual(undefined.returncode, 0, undefined.stdout)
        sdk_refs = [line for line in undefined.stdout.splitlines()
                    if "oqm" in line or "_ZN3oqm" in line or "oqk" in line]
        self.assertEqual(sdk_refs, [], undefined.stdout)

        # And it loads: the out-of-tree build is a working module.
        r = oqtest.run(["--modules", "system", "--module", module, "--json_typed",
                        "SELECT * FROM hello_world WHERE greeting = 'hi'"])
        self.assertEqual(r.rc, 0, r.describe())
        self.assertEqual(oqtest.parse_json(r), [{"count": 1, "greeting": "hi", "ratio": 1.0}],
                         r.describe())


if __name__ == "__main__":
    oqtest.main()
