#!/usr/bin/env python3
"""Integration tests of the osqueryi binary: one query as an argument in every output mode,
piped statements, meta-commands, modules, flags and the interactive prompt (through a pty).

Usage: test_osqueryi.py PATH/TO/osqueryi  (the modules are found next to it, in
../lib/osquery/modules, as the binary itself finds them).
"""
import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

BINARY = None
VERSION = "5.23.0"
TIMEOUT = 60


def modules_dir():
    return os.path.normpath(
        os.path.join(os.path.dirname(BINARY), "..", "lib", "osquery", "modules"))


class ShellTest(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="osqueryi-test-home-")
        self.env = dict(os.environ, HOME=self.home, TERM="dumb")

    def tearDown(self):
        shutil.rmtree(self.home, ignore_errors=True)

    def run_shell(self, *args, stdin=""):
        proc = subprocess.run([BINARY] + list(args), input=stdin.encode(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=self.env, timeout=TIMEOUT)
        return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


class OneQuery(ShellTest):
    def test_pretty_is_the_default(self):
        rc, out, err = self.run_shell("select 1")
        self.assertEqual((rc, out, err), (0, "+---+\n| 1 |\n+---+\n| 1 |\n+---+\n", ""))

    def test_json_as_osquery(self):
        rc, out, _ = self.run_shell("select 0", "--json")
        self.assertEqual((rc, out), (0, '[\n  {"0":"0"}\n]\n'))

    def test_json_keys_sorted_values_strings(self):
        rc, out, _ = self.run_shell("--json", "select 2 as b, 'x' as a, null as c")
        self.assertEqual(out, '[\n  {"a":"x","b":"2","c":""}\n]\n')

    def test_json_pretty(self):
        rc, out, _ = self.run_shell("--json_pretty", "select 0")
        self.assertEqual((rc, out), (0, '[\n  {\n    "0": "0"\n  }\n]\n'))

    def test_json_typed(self):
        rc, out, _ = self.run_shell(
            "--json_typed", "select 1 as i, 1.5 as d, null as n, 'x' as t, '7' as s")
        self.assertEqual(rc, 0)
        self.assertEqual(out, '[\n  {"d":1.5,"i":1,"n":null,"s":"7","t":"x"}\n]\n')
        self.assertEqual(json.loads(out), [{"d": 1.5, "i": 1, "n": None, "s": "7", "t": "x"}])

    def test_json_typed_on_a_kernel_table(self):
        rc, out, _ = self.run_shell("--json_typed", "select pid, version from osquery_info")
        row = json.loads(out)[0]
        self.assertIsInstance(row["pid"], int)
        self.assertEqual(row["version"], VERSION)

    def test_csv_uses_commas_and_quotes(self):
        rc, out, _ = self.run_shell("--csv", "select 1 as a, 'x,y' as b, 'say \"hi\"' as c")
        self.assertEqual((rc, out), (0, 'a,b,c\n1,"x,y","say ""hi"""\n'))

    def test_csv_with_an_explicit_separator(self):
        rc, out, _ = self.run_shell("--csv", "--separator=;", "select 1 as a, 'x;y' as b")
        self.assertEqual(out, 'a;b\n1;"x;y"\n')

    def test_line(self):
        rc, out, _ = self.run_shell("--line", "select 1 as a, 'v' as longer_name")
        self.assertEqual((rc, out), (0, "          a = 1\nlonger_name = v\n"))

    def test_list_header_separator_nullvalue(self):
        rc, out, _ = self.run_shell("--list", "select 1 as a, null as b")
        self.assertEqual(out, "a|b\n1|\n")
        rc, out, _ = self.run_shell("--list", "--header=false", "--separator", ",",
                                    "--nullvalue", "NULL", "select 1 as a, null as b")
        self.assertEqual(out, "1,NULL\n")

    def test_zero_rows(self):
        self.assertEqual(self.run_shell("select 1 where 0")[1], "")
        self.assertEqual(self.run_shell("--json", "select 1 where 0")[1], "[\n\n]\n")
        self.assertEqual(self.run_shell("--csv", "select 1 where 0")[1], "")

    def test_error_exit_code_and_message(self):
        rc, out, err = self.run_shell("select * from no_such_table")
        self.assertEqual((rc, out, err), (1, "", "Error: no such table: no_such_table\n"))

    def test_json_error_still_prints_an_array(self):
        rc, out, err = self.run_shell("--json", "select * from no_such_table")
        self.assertEqual((rc, out), (1, "[\n\n]\n"))
        self.assertIn("no such table", err)

    def test_only_the_first_positional_argument_runs(self):
        rc, out, _ = self.run_shell("--list", "select 1 as a", "select 2 as b")
        self.assertEqual((rc, out), (0, "a\n1\n"))

    def test_query_flag_and_output_file(self):
        path = os.path.join(self.home, "out.txt")
        rc, out, _ = self.run_shell("--list", "--query", "select 7 as q", "--output", path)
        self.assertEqual((rc, out), (0, ""))
        with open(path) as f:
            self.assertEqual(f.read(), "q\n7\n")

    def test_output_file_that_cannot_be_opened(self):
        rc, _, err = self.run_shell("--output", "/nonexistent/dir/out", "select 1")
        self.assertEqual(rc, 1)
        self.assertEqual(err, "Error: Cannot open output file '/nonexistent/dir/out'\n")

    def test_meta_command_as_argument(self):
        rc, out, _ = self.run_shell(".tables osquery_in")
        self.assertEqual((rc, out), (0, "  => osquery_info\n"))

    def test_list_tables_and_select_all_switches(self):
        rc, out, _ = self.run_shell("-L")
        self.assertIn("  => osquery_info\n", out)
        self.assertIn("  => time\n", out)
        rc, out, _ = self.run_shell("--line", "-A", "time")
        self.assertEqual(rc, 0)
        self.assertIn("unix_time = ", out)


class PipedInput(ShellTest):
    def test_several_statements(self):
        rc, out, err = self.run_shell(
            "--list", stdin="select 1 as a;\nselect 2 as b; select 3 as c;\nselect\n 4 as d;\n")
        self.assertEqual((rc, out, err), (0, "a\n1\nb\n2\nc\n3\nd\n4\n", ""))

    def test_no_prompt_or_banner(self):
        rc, out, err = self.run_shell(stdin="select 1;\n")
        self.assertEqual(out, "+---+\n| 1 |\n+---+\n| 1 |\n+---+\n")

    def test_trailing_statement_without_semicolon_runs(self):
        rc, out, _ = self.run_shell("--list", stdin="select 1 as a;\nselect 2 as b")
        self.assertEqual((rc, out), (0, "a\n1\nb\n2\n"))

    def test_syntax_error_names_the_line_and_goes_on(self):
        rc, out, err = self.run_shell(
            "--list", stdin="select 1 as a;\nselec 2;\nselect 3 as c;\n")
        self.assertEqual(rc, 1)
        self.assertEqual(out, "a\n1\nc\n3\n")
        self.assertEqual(err, 'Error: near line 2: near "selec": syntax error\n')

    def test_bail_stops_at_the_first_error(self):
        rc, out, err = self.run_shell(
            "--list", stdin=".bail on\nselect * from nope;\nselect 3 as c;\n")
        self.assertEqual((rc, out), (1, ""))
        self.assertEqual(err, "Error: near line 2: no such table: nope\n")

    def test_tables(self):
        rc, out, _ = self.run_shell(stdin=".tables\n")
        self.assertEqual(rc, 0)
        names = [line[len("  => "):] for line in out.splitlines()]
        self.assertEqual(names, sorted(names))
        for table in ("osquery_info", "osquery_flags", "time", "processes", "users"):
            self.assertIn(table, names)

    def test_schema_osquery_info(self):
        rc, out, _ = self.run_shell(stdin=".schema osquery_info\n")
        self.assertEqual(rc, 0)
        self.assertTrue(out.startswith("CREATE TABLE osquery_info(`pid` INTEGER, "), out)
        self.assertTrue(out.endswith(");\n"), out)
        self.assertEqual(out.count("\n"), 1)

    def test_mode_csv(self):
        rc, out, _ = self.run_shell(stdin=".mode csv\nselect 1 as a, 'x y' as b, null as c;\n")
        self.assertEqual((rc, out), (0, 'a,b,c\n1,"x y",\n'))

    def test_all_time(self):
        rc, out, _ = self.run_shell(stdin=".mode csv\n.all time\n")
        self.assertEqual(rc, 0)
        header, row = out.splitlines()
        self.assertTrue(header.startswith("weekday,year,month,day,hour,minutes,seconds,"), header)
        self.assertIn("unix_time", header.split(","))
        self.assertEqual(len(row.split(",")), len(header.split(",")))

    def test_all_of_a_missing_table(self):
        rc, out, err = self.run_shell(stdin=".all nope\n")
        self.assertEqual((rc, err), (1, "Error querying table: nope\n"))

    def test_unknown_meta_command(self):
        rc, out, err = self.run_shell(stdin=".frobnicate\n.tables;\n")
        self.assertEqual(rc, 1)
        self.assertEqual(err,
                         'Error: unknown command or invalid arguments:  "frobnicate". '
                         'Enter ".help" for help\n'
                         'Error: unknown command or invalid arguments:  "tables;". '
                         'Enter ".help" for help\n')

    def test_help_goes_to_stderr(self):
        rc, out, err = self.run_shell(stdin=".help\n")
        self.assertEqual((rc, out), (0, ""))
        self.assertTrue(err.startswith("Welcome to the osquery shell. Please explore your OS!\n"))

    def test_version_meta_command(self):
        rc, out, _ = self.run_shell(stdin=".version\n")
        self.assertTrue(out.startswith("osquery %s\nusing SQLite " % VERSION), out)

    def test_exit_with_a_code(self):
        rc, out, _ = self.run_shell("--list", stdin="select 1 as a;\n.exit 4\nselect 2;\n")
        self.assertEqual((rc, out), (4, "a\n1\n"))

    def test_unload_and_load_a_module(self):
        path = os.path.join(modules_dir(), "processes.so")
        rc, out, err = self.run_shell("--list", stdin=(
            ".unload processes\n"
            "select count(*) > 0 as some from processes;\n"
            ".load %s\n"
            "select count(*) > 0 as some from processes where pid = %d;\n"
            ".modules\n") % (path, os.getpid()))
        self.assertEqual(rc, 1, err)
        self.assertIn("Unloaded module processes\n", out)
        self.assertIn("Error: near line 2: no such table: processes\n", err)
        self.assertIn("Loaded module processes ", out)
        self.assertIn("some\n1\n", out)
        self.assertIn("name|version|abi|path|tables\n", out)
        self.assertIn("processes|", out)


class ModulesAndFlags(ShellTest):
    def test_modules_flag_selects_the_modules(self):
        rc, out, err = self.run_shell("--modules", "processes", "SELECT * FROM users")
        self.assertNotEqual(rc, 0)
        self.assertIn("no such table: users", err)
        rc, out, err = self.run_shell("--modules", "processes", "--list",
                                      "select count(*) > 0 as n from processes")
        self.assertEqual((rc, out), (0, "n\n1\n"), err)

    def test_unknown_flag_fails_clearly(self):
        rc, out, err = self.run_shell("--no_such_flag_at_all", "select 1")
        self.assertEqual(rc, 1)
        self.assertEqual(out, "")
        self.assertIn("no_such_flag_at_all", err)
        self.assertIn("unknown flag", err)

    def test_help_exits_zero(self):
        rc, out, err = self.run_shell("--help")
        self.assertEqual(rc, 0)
        self.assertTrue(out.startswith(
            "osquery %s, your OS as a high-performance relational database\n"
            "Usage: osqueryi [OPTION]... [SQL STATEMENT]\n" % VERSION), out[:200])
        self.assertIn("--json", out)
        self.assertTrue(out.endswith("osquery project page <https://osquery.io>.\n"))

    def test_help_wins_over_bad_flags(self):
        rc, out, _ = self.run_shell("--no_such_flag_at_all", "-h")
        self.assertEqual(rc, 0)

    def test_version(self):
        rc, out, _ = self.run_shell("--version")
        self.assertEqual((rc, out), (0, "osqueryi version %s\n" % VERSION))

    def test_no_modules(self):
        rc, out, _ = self.run_shell("--disable_modules", ".tables")
        self.assertEqual(rc, 0)
        self.assertNotIn("processes", out)
        self.assertIn("  => time\n", out)


class Interactive(ShellTest):
    """Drives the shell through a pseudo-terminal, as a user at a terminal would."""

    def spawn(self):
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(BINARY, [BINARY], self.env)
        self.pid, self.fd = pid, fd
        self.buffer = b""

    def read_until(self, needle, timeout=15):
        end = time.time() + timeout
        while needle.encode() not in self.buffer:
            remaining = end - time.time()
            if remaining <= 0:
                self.fail("timed out waiting for %r; got %r" % (needle, self.buffer))
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if ready:
                try:
                    data = os.read(self.fd, 4096)
                except OSError:
                    data = b""
                if not data:
                    self.fail("shell ended waiting for %r; got %r" % (needle, self.buffer))
                self.buffer += data
        text = self.buffer.decode(errors="replace")
        self.buffer = b""
        return text

    def finish(self, timeout=15):
        # Ctrl-D at an empty prompt. A key that lands while libedit is still redrawing the
        # prompt (after a Ctrl-C, on a loaded machine) can be swallowed, as it would be for a
        # person at the keyboard, who presses it again: so does this test, once per 3 s.
        time.sleep(0.3)
        os.write(self.fd, b"\x04")
        end = time.time() + timeout
        next_press = time.time() + 3
        while time.time() < end:
            if time.time() > next_press:
                os.write(self.fd, b"\x04")
                next_press = time.time() + 3
            self.drain()
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                self.pid = None
                os.close(self.fd)
                return os.WEXITSTATUS(status)
            time.sleep(0.05)
        self.fail("the shell did not exit at Ctrl-D; output: %r" % self.buffer)

    def drain(self):
        """Reads what the shell wrote so far (a full pty would block it)."""
        while select.select([self.fd], [], [], 0)[0]:
            try:
                data = os.read(self.fd, 4096)
            except OSError:
                return
            if not data:
                return
            self.buffer += data

    def tearDown(self):
        if getattr(self, "pid", None):
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            os.close(self.fd)
        super().tearDown()

    def test_prompts_and_results(self):
        self.spawn()
        banner = self.read_until("osquery> ")
        self.assertIn("Using a \x1b[1mvirtual database\x1b[0m. Need help, type '.help'", banner)
        os.write(self.fd, b"select 1\n")
        self.read_until("    ...> ")
        os.write(self.fd, b"as x;\n")
        out = self.read_until("osquery> ")
        self.assertIn("| x |\r\n+---+\r\n| 1 |\r\n", out)
        os.write(self.fd, b"select * from nope;\n")
        out = self.read_until("osquery> ")
        self.assertIn("Error: no such table: nope", out)
        self.assertNotIn("near line", out)
        self.assertEqual(self.finish(), 1)
        with open(os.path.join(self.home, ".osquery", ".history")) as f:
            self.assertEqual(f.read(), "select 1\nas x;\nselect * from nope;\n")

    def test_ctrl_c_drops_the_typed_statement(self):
        self.spawn()
        self.read_until("osquery> ")
        os.write(self.fd, b"select\n")
        self.read_until("    ...> ")
        # libedit switches the terminal to its own mode just around printing the prompt; a
        # Ctrl-C in that instant reaches the shell before libedit reads and is kept until the
        # next key. Give it a moment, as a person typing does.
        time.sleep(0.3)
        os.write(self.fd, b"\x03")
        self.read_until("osquery> ")
        os.write(self.fd, b".print still here\n")
        self.assertIn("still here", self.read_until("osquery> "))
        self.assertEqual(self.finish(), 0)

    def test_ctrl_c_interrupts_a_running_query(self):
        self.spawn()
        self.read_until("osquery> ")
        os.write(self.fd, b"with recursive c(x) as (select 1 union all select x + 1 from c) "
                          b"select count(*) from c;\n")
        time.sleep(1.0)
        os.write(self.fd, b"\x03")
        out = self.read_until("osquery> ")
        self.assertIn("Error: interrupted", out)
        os.write(self.fd, b"select 5 as five;\n")
        self.assertIn("| five |", self.read_until("osquery> "))
        self.assertEqual(self.finish(), 1)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_osqueryi.py PATH/TO/osqueryi")
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
