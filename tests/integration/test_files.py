"""The files module through the real osqueryi: the file table against find(1) on a tree this
test creates, the hash table against md5sum/sha1sum/sha256sum, and the required-column error.

osquery's rules (reference §10.2): `path LIKE` patterns are globs (so names starting with '.'
are not matched by '%'), directories found by a glob are printed with a trailing '/', a
trailing '%%' recurses, and `directory = ...` lists one level including dot files.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oqtest  # noqa: E402


def sql_text(value):
    return "'" + value.replace("'", "''") + "'"


def find(root, *args):
    out = subprocess.run(["find", root, "-mindepth", "1", *args], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return set(line for line in out.split("\n") if line)


def strip_slash(paths):
    return set(p.rstrip("/") for p in paths)


class FileTableTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="oqm_files_integ.")
        r = cls.root
        os.makedirs(f"{r}/dir1/dir2/dir3")
        os.makedirs(f"{r}/.hidden_dir")
        for rel in ["f1.txt", "f2.log", "dir1/g.txt", "dir1/dir2/h.bin", "dir1/dir2/dir3/i",
                    ".hidden_file", ".hidden_dir/inside", "name with spaces", "quote'd"]:
            with open(os.path.join(r, rel), "w") as f:
                f.write(rel * 3)
        os.symlink("f1.txt", f"{r}/link_to_f1")
        os.chmod(f"{r}/f2.log", 0o4750)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.root, ignore_errors=True)

    def query(self, sql):
        r = oqtest.run(["--json", sql])
        self.assertEqual(r.rc, 0, r.describe())
        return oqtest.parse_json(r)

    def visible(self, paths):
        """What a glob sees: no component below the root starting with '.'."""
        return set(p for p in paths
                   if not any(part.startswith(".")
                              for part in os.path.relpath(p, self.root).split("/")))

    def test_like_one_level_matches_find(self):
        rows = self.query(f"SELECT path FROM file WHERE path LIKE {sql_text(self.root + '/%')}")
        expected = self.visible(find(self.root, "-maxdepth", "1"))
        self.assertEqual(strip_slash(row["path"] for row in rows), expected)
        dirs = find(self.root, "-maxdepth", "1", "-type", "d")
        for row in rows:
            self.assertEqual(row["path"].endswith("/"), row["path"].rstrip("/") in dirs, row)

    def test_directory_equals_matches_find(self):
        rows = self.query(
            f"SELECT path, directory, filename FROM file WHERE directory = {sql_text(self.root)}")
        self.assertEqual(set(row["path"] for row in rows), find(self.root, "-maxdepth", "1"))
        for row in rows:
            self.assertEqual(row["directory"], self.root)
            self.assertEqual(row["filename"], os.path.basename(row["path"]))

    def test_double_percent_recursion_matches_find(self):
        rows = self.query(f"SELECT path FROM file WHERE path LIKE {sql_text(self.root + '/%%')}")
        paths = [row["path"] for row in rows]
        self.assertEqual(len(paths), len(set(paths)))
        self.assertEqual(strip_slash(paths), self.visible(find(self.root)))

    def test_columns_match_stat(self):
        path = f"{self.root}/f2.log"
        rows = self.query("SELECT * FROM file WHERE path = " + sql_text(path))
        self.assertEqual(len(rows), 1)
        row = rows[0]
        st = os.stat(path)
        self.assertEqual(row["mode"], "4750")
        self.assertEqual(row["type"], "regular")
        self.assertEqual(row["filename"], "f2.log")
        self.assertEqual(row["directory"], self.root)
        self.assertEqual(row["btime"], "0")
        for column, value in [("inode", st.st_ino), ("uid", st.st_uid), ("gid", st.st_gid),
                              ("size", st.st_size), ("mtime", int(st.st_mtime)),
                              ("hard_links", st.st_nlink), ("symlink", 0)]:
            self.assertEqual(row[column], str(value), column)
        link = self.query("SELECT symlink, type, symlink_target_path FROM file WHERE path = "
                          + sql_text(f"{self.root}/link_to_f1"))
        self.assertEqual(link, [{"symlink": "1", "type": "regular",
                                 "symlink_target_path": os.path.realpath(f"{self.root}/f1.txt")}])

    def test_required_column_error(self):
        r = oqtest.run(["--json", "SELECT * FROM file"])
        self.assertNotEqual(r.rc, 0, r.describe())
        self.assertIn("Table file was queried without a required column in the WHERE clause",
                      r.stderr, r.describe())

    def test_hash_matches_coreutils(self):
        rows = self.query("SELECT md5, sha1, sha256 FROM hash WHERE path = '/etc/passwd'")
        self.assertEqual(len(rows), 1)
        for column, tool in [("md5", "md5sum"), ("sha1", "sha1sum"), ("sha256", "sha256sum")]:
            out = subprocess.run([tool, "/etc/passwd"], check=True, stdout=subprocess.PIPE,
                                 text=True).stdout
            self.assertEqual(rows[0][column], out.split()[0], column)

    def test_hash_of_a_directory_tree(self):
        rows = self.query("SELECT path, sha256 FROM hash WHERE path LIKE "
                          + sql_text(self.root + "/%%"))
        expected = set(p for p in self.visible(find(self.root, "-type", "f")))
        expected.add(f"{self.root}/link_to_f1")  # a symlink to a regular file is hashed
        self.assertEqual(set(row["path"] for row in rows), expected)
        for row in rows:
            out = subprocess.run(["sha256sum", row["path"]], check=True, stdout=subprocess.PIPE,
                                 text=True).stdout
            self.assertEqual(row["sha256"], out.split()[0], row["path"])


if __name__ == "__main__":
    oqtest.main()
