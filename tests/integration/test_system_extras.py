"""The system extras through the real osqueryi: shadow, kernel_keys, shared_memory,
systemd_units, startup_items (system module), process_namespaces (processes module),
chrome_extensions and firefox_addons (browsers module).

Every table answers SELECT * with exit code 0 (zero rows where this host lacks the source);
process_namespaces and shared_memory are checked against a process and a segment the test
creates; the rest against what the test reads from the same files itself.
"""

import ctypes
import ctypes.util
import os
import subprocess
import sys
import unittest

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
import oqtest  # noqa: E402

TABLES = ["shadow", "kernel_keys", "shared_memory", "systemd_units", "startup_items",
          "process_namespaces", "chrome_extensions", "firefox_addons"]

NAMESPACES = ["cgroup", "ipc", "mnt", "net", "pid", "user", "uts"]


def query(testcase, sql):
    rows, r = oqtest.query_typed(sql)
    if rows is None:
        testcase.fail(f"query failed: {sql}\n" + r.describe())
    return rows


class EveryTableAnswers(unittest.TestCase):
    def test_select_star(self):
        for table in TABLES:
            with self.subTest(table=table):
                r = oqtest.run(["--json", f"SELECT * FROM {table}"])
                self.assertEqual(r.rc, 0, r.describe())
                oqtest.parse_json(r)


class ProcessNamespaces(unittest.TestCase):
    def test_child_matches_its_ns_links(self):
        child = subprocess.Popen(["sleep", "60"], stdin=subprocess.DEVNULL)
        self.addCleanup(child.wait)
        self.addCleanup(child.kill)
        rows = query(self, f"SELECT * FROM process_namespaces WHERE pid = {child.pid}")
        self.assertEqual(len(rows), 1, rows)
        row = rows[0]
        self.assertEqual(row["pid"], child.pid)
        for ns in NAMESPACES:
            path = f"/proc/{child.pid}/ns/{ns}"
            if not os.path.exists(path):
                continue
            link = os.readlink(path)  # "net:[4026531840]"
            inode = link[link.index("[") + 1:-1]
            self.assertEqual(row[f"{ns}_namespace"], inode, ns)
            self.assertEqual(row[f"{ns}_namespace"], str(os.stat(path).st_ino), ns)

    def test_absent_pid_gives_no_rows(self):
        self.assertEqual(query(self, "SELECT * FROM process_namespaces WHERE pid = -5"), [])


class SharedMemory(unittest.TestCase):
    def test_segment_we_create(self):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        IPC_PRIVATE, IPC_CREAT, IPC_RMID = 0, 0o1000, 0
        shmid = libc.shmget(IPC_PRIVATE, ctypes.c_size_t(12288), IPC_CREAT | 0o600)
        if shmid < 0:
            self.skipTest("System V shared memory is not available")
        self.addCleanup(libc.shmctl, shmid, IPC_RMID, None)
        rows = query(self, f"SELECT * FROM shared_memory WHERE shmid = {shmid}")
        self.assertEqual(len(rows), 1, rows)
        row = rows[0]
        self.assertEqual(row["size"], 12288)
        self.assertEqual(row["permissions"], "0600")
        self.assertEqual(row["attached"], 0)
        self.assertEqual(row["creator_pid"], os.getpid())
        self.assertEqual(row["owner_uid"], os.geteuid())
        self.assertEqual(row["locked"], 0)


class FileBackedTables(unittest.TestCase):
    def test_shadow_users_match_the_file(self):
        try:
            with open("/etc/shadow", encoding="utf-8", errors="replace") as f:
                names = [line.split(":")[0] for line in f
                         if line.count(":") >= 8 and line[0] not in "#+-"]
        except OSError:
            self.assertEqual(query(self, "SELECT * FROM shadow"), [])
            return
        rows = query(self, "SELECT username, password_status FROM shadow")
        self.assertEqual([r["username"] for r in rows], names)
        for r in rows:
            self.assertIn(r["password_status"], ("active", "locked", "not_set", "empty"))
        if names:
            one = query(self, f"SELECT username FROM shadow WHERE username = '{names[0]}'")
            self.assertEqual([r["username"] for r in one], [names[0]])

    def test_kernel_keys_count_matches_proc_keys(self):
        try:
            with open("/proc/keys", encoding="utf-8", errors="replace") as f:
                lines = [l for l in f.read().splitlines() if len(l.split()) >= 8]
        except OSError:
            lines = []
        rows = query(self, "SELECT serial_number, type FROM kernel_keys")
        self.assertEqual(sorted(r["serial_number"] for r in rows),
                         sorted(l.split()[0] for l in lines))

    def test_systemd_units_have_their_files(self):
        for row in query(self, "SELECT * FROM systemd_units"):
            self.assertIn(row["load_state"], ("loaded", "masked"), row)
            self.assertTrue(row["object_path"].startswith("/org/freedesktop/systemd1/unit/"))
            if row["load_state"] == "loaded":
                self.assertTrue(os.path.isfile(row["fragment_path"]), row)

    def test_startup_items_list_init_scripts(self):
        try:
            scripts = sorted(n for n in os.listdir("/etc/init.d")
                             if os.path.isfile(os.path.join("/etc/init.d", n)))
        except OSError:
            scripts = []
        rows = query(self, "SELECT name FROM startup_items WHERE source = '/etc/init.d/'")
        self.assertEqual(sorted(r["name"] for r in rows), scripts)


if __name__ == "__main__":
    oqtest.main()
