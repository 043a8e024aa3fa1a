"""The packages module through the real osqueryi: deb_packages against dpkg-query on this
machine, and python_packages / npm_packages / deb_packages pointed at fixture trees the test
writes (directory and admindir constraints)."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
import oqtest  # noqa: E402


def query(testcase, sql):
    rows, run = oqtest.query_typed(sql)
    testcase.assertIsNotNone(rows, run.describe())
    return rows


def quote(text):
    return "'" + text.replace("'", "''") + "'"


class DebPackages(unittest.TestCase):
    def test_matches_dpkg_query(self):
        if shutil.which("dpkg-query") is None or not os.path.exists("/var/lib/dpkg/status"):
            self.skipTest("no dpkg on this machine")
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Package} ${Version} ${Architecture}\n"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=True).stdout
        expected = sorted(tuple(line.split(" ")) for line in out.splitlines() if line)
        rows = query(self, "SELECT name, version, arch FROM deb_packages")
        got = sorted((r["name"], r["version"], r["arch"]) for r in rows)
        self.assertGreater(len(expected), 0)
        self.assertEqual(got, expected)

    def test_columns_of_an_installed_package(self):
        if shutil.which("dpkg-query") is None or not os.path.exists("/var/lib/dpkg/status"):
            self.skipTest("no dpkg on this machine")
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Package}\t${Installed-Size}\t${Status}\t${Section}\n",
             "dpkg"], stdout=subprocess.PIPE, text=True, check=True).stdout
        name, size, status, section = out.rstrip("\n").split("\t")
        rows = query(self, "SELECT * FROM deb_packages WHERE name = 'dpkg'")
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["size"], int(size))
        self.assertEqual(rows[0]["status"], status)
        self.assertEqual(rows[0]["section"], section)
        self.assertEqual(rows[0]["admindir"], "/var/lib/dpkg")

    def test_admindir_fixture(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "status"), "w") as f:
                f.write("Package: fixture-pkg\nStatus: install ok installed\n"
                        "Installed-Size: 42\nArchitecture: all\nVersion: 1:2.3-4\n\n"
                        "Package: gone\nStatus: purge ok not-installed\n")
            rows = query(self, f"SELECT name, version, revision, size, arch, admindir "
                               f"FROM deb_packages WHERE admindir = {quote(d)}")
        self.assertEqual(rows, [{"name": "fixture-pkg", "version": "1:2.3-4", "revision": "4",
                                 "size": 42, "arch": "all", "admindir": d}])

    def test_pid_with_namespace_reads_that_process_root(self):
        if not os.path.exists("/var/lib/dpkg/status"):
            self.skipTest("no dpkg on this machine")
        host = query(self, "SELECT count(*) AS n FROM deb_packages")[0]["n"]
        rows = query(self, "SELECT count(*) AS n, min(pid_with_namespace) AS pid FROM deb_packages "
                           f"WHERE pid_with_namespace = {os.getpid()}")
        self.assertEqual(rows[0]["n"], host)
        self.assertEqual(rows[0]["pid"], os.getpid())


class PythonPackages(unittest.TestCase):
    def test_directory_fixture(self):
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "demo-1.2.dist-info"))
            with open(os.path.join(d, "demo-1.2.dist-info", "METADATA"), "w") as f:
                f.write("Metadata-Version: 2.1\nName: demo\nVersion: 1.2\n"
                        "Summary: a demo: with colon\nAuthor: Ann\nLicense: MIT\n\nbody\n")
            os.makedirs(os.path.join(d, "old-0.1.egg-info"))
            with open(os.path.join(d, "old-0.1.egg-info", "PKG-INFO"), "w") as f:
                f.write("Name: old\nVersion: 0.1\n")
            os.makedirs(os.path.join(d, "demo"))
            rows = query(self, "SELECT name, version, summary, author, license, path, directory, "
                               f"uid FROM python_packages WHERE directory = {quote(d)} "
                               "ORDER BY name")
        self.assertEqual(rows, [
            {"name": "demo", "version": "1.2", "summary": "a demo: with colon", "author": "Ann",
             "license": "MIT", "path": os.path.join(d, "demo-1.2.dist-info"), "directory": d,
             "uid": 0},
            {"name": "old", "version": "0.1", "summary": None, "author": None, "license": None,
             "path": os.path.join(d, "old-0.1.egg-info"), "directory": d, "uid": 0},
        ])


class NpmPackages(unittest.TestCase):
    def test_directory_fixture(self):
        with tempfile.TemporaryDirectory() as d:
            def package(rel, manifest):
                os.makedirs(os.path.join(d, rel))
                with open(os.path.join(d, rel, "package.json"), "w") as f:
                    json.dump(manifest, f)
            package("node_modules/left-pad", {"name": "left-pad", "version": "1.3.0",
                                              "license": "WTFPL", "author": {"name": "azer"}})
            package("node_modules/@types/node", {"name": "@types/node", "version": "20.1.0"})
            package("node_modules/left-pad/node_modules/inner", {"name": "inner"})
            rows = query(self, "SELECT name, version, author, license, path, directory, depth "
                               f"FROM npm_packages WHERE directory = {quote(d)} ORDER BY name")
            shallow = query(self, "SELECT count(*) AS n FROM npm_packages "
                                  f"WHERE directory = {quote(d)} AND max_depth = 0")
        self.assertEqual([(r["name"], r["depth"]) for r in rows],
                         [("@types/node", 0), ("inner", 1), ("left-pad", 0)])
        self.assertEqual(rows[2]["author"], "azer")
        self.assertEqual(rows[2]["license"], "WTFPL")
        self.assertEqual(rows[2]["path"], os.path.join(d, "node_modules/left-pad/package.json"))
        self.assertEqual(rows[2]["directory"], d)
        self.assertEqual(shallow[0]["n"], 2)


class Repositories(unittest.TestCase):
    def test_apt_sources_come_from_apt_files(self):
        rows = query(self, "SELECT * FROM apt_sources")
        for r in rows:
            self.assertTrue(r["source"].startswith("/etc/apt/"), r)
            self.assertIn("://", r["base_uri"], r)
            self.assertFalse(r["base_uri"].endswith("/"), r)

    def test_absent_sources_give_zero_rows(self):
        if not os.path.exists("/etc/yum.conf") and not os.path.isdir("/etc/yum.repos.d"):
            self.assertEqual(query(self, "SELECT * FROM yum_sources"), [])
        if not any(os.path.exists(d + "/rpmdb.sqlite")
                   for d in ("/var/lib/rpm", "/usr/lib/sysimage/rpm")):
            self.assertEqual(query(self, "SELECT * FROM rpm_packages"), [])


if __name__ == "__main__":
    oqtest.main()
