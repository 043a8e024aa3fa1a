"""A sanity test per table, through the real osqueryi and the project's modules.

For every table the loaded modules (and the kernel) serve:
  (a) its columns, as `PRAGMA table_xinfo` and `PRAGMA table_info` report them, match the
      osquery schema in the reference JSON: every reference column is present with the same
      declared type; HIDDEN columns appear only in table_xinfo;
  (b) `SELECT * FROM <t>` (with a constraint on a required column where one is needed)
      succeeds, and with --json_typed every value's JSON type fits its column's type.
Tables the reference does not know (our additions) are listed, not failed.
"""

import concurrent.futures
import os
import sys
import unittest

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
import oqtest  # noqa: E402

# The tables the issue asks for; each must be served by the kernel or the default modules.
ISSUE_TABLES = [
    "processes", "process_open_files", "process_envs", "process_memory_map", "users", "groups",
    "user_groups", "logged_in_users", "last", "os_version", "system_info", "kernel_info",
    "kernel_modules", "uptime", "cpu_time", "memory_info", "load_average", "mounts",
    "system_controls", "ulimit_info", "osquery_info", "osquery_flags", "osquery_registry",
    "osquery_extensions", "time",
]

THIS_FILE = os.path.abspath(__file__).replace("'", "''")

# A WHERE clause that satisfies a table's required columns, for the tables that have them.
# Tables with required columns that are not listed here are skipped in (b).
REQUIRED_CONSTRAINTS = {
    "file": f"path = '{THIS_FILE}'",
    "hash": f"path = '{THIS_FILE}'",
    "extended_attributes": f"path = '{THIS_FILE}'",
    "magic": f"path = '{THIS_FILE}'",
}

# The JSON types --json_typed may give a non-NULL value of each declared column type.
JSON_TYPES = {
    "TEXT": (str,),
    "BLOB": (str,),
    "DATETIME": (str,),
    "INTEGER": (int,),
    "BIGINT": (int,),
    "UNSIGNED BIGINT": (int,),
    "DOUBLE": (int, float),
}


def json_type_fits(value, sql_type):
    if value is None:
        return True
    if isinstance(value, bool):  # bool is an int in Python, but never a column value
        return False
    return isinstance(value, JSON_TYPES.get(sql_type, (str,)))


def served_tables():
    rows, r = oqtest.query_typed(
        "SELECT name FROM osquery_registry WHERE registry = 'table' ORDER BY name")
    if rows is None:
        raise AssertionError("cannot list the served tables\n" + r.describe())
    return [row["name"] for row in rows], r


def inspect_table(name, ref):
    """Everything (a) and (b) check about one table, gathered with osqueryi runs."""
    quoted = name.replace('"', '""')
    out = {"name": name}
    out["xinfo"], out["xinfo_run"] = oqtest.query_typed(f'PRAGMA table_xinfo("{quoted}")')
    out["info"], out["info_run"] = oqtest.query_typed(f'PRAGMA table_info("{quoted}")')
    required = [c["name"] for c in (ref or {}).get("columns", []) if c.get("required")]
    out["required"] = required
    where = ""
    if required:
        where = REQUIRED_CONSTRAINTS.get(name)
        if where is None:
            out["select_skipped"] = (f"{name} has required columns {required} and no known "
                                     "constraint")
            return out
        where = " WHERE " + where
    out["sql"] = f'SELECT * FROM "{quoted}"{where}'
    out["rows"], out["select_run"] = oqtest.query_typed(out["sql"])
    return out


# Tables we serve that osquery does not (README, "What is here").
OUR_ADDITIONS = ["osquery_logger_status"]

class TableSanity(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.reference = oqtest.load_reference()
        cls.tables, cls.registry_run = served_tables()
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            futures = {t: pool.submit(inspect_table, t, cls.reference.get(t)) for t in cls.tables}
            cls.inspected = {t: f.result() for t, f in futures.items()}

    def test_issue_tables_exist(self):
        for name in ISSUE_TABLES:
            with self.subTest(table=name):
                self.assertIn(name, self.tables,
                              f"table {name} is not served (osquery_registry lists "
                              f"{', '.join(self.tables)})")

    def test_dot_tables_matches_registry(self):
        r = oqtest.run([".tables"])
        self.assertEqual(r.rc, 0, r.describe())
        listed = [line.strip()[3:] for line in r.stdout.splitlines()
                  if line.strip().startswith("=> ")]
        self.assertEqual(listed, sorted(listed), ".tables is not sorted\n" + r.describe())
        self.assertEqual(set(listed), set(self.tables),
                         ".tables and osquery_registry disagree\n" + r.describe())

    def test_tables_not_in_reference(self):
        extra = [t for t in self.tables if t not in self.reference]
        print(f"\ntables not in the osquery reference ({len(extra)}): "
              f"{', '.join(extra) if extra else '(none)'}")
        # Only our documented additions: any other name is a misspelt osquery table.
        self.assertEqual(sorted(extra), sorted(OUR_ADDITIONS))

    def test_schema_matches_reference(self):
        for name in self.tables:
            ref = self.reference.get(name)
            if ref is None:
                continue
            with self.subTest(table=name):
                got = self.inspected[name]
                self.assertIsNotNone(got["xinfo"], "PRAGMA table_xinfo failed\n" +
                                     got["xinfo_run"].describe())
                self.assertIsNotNone(got["info"], "PRAGMA table_info failed\n" +
                                     got["info_run"].describe())
                xinfo = {c["name"]: c for c in got["xinfo"]}
                info = {c["name"]: c for c in got["info"]}
                problems = []
                for col in ref["columns"]:
                    want = oqtest.reference_sql_type(col["type"])
                    have = xinfo.get(col["name"])
                    if have is None:
                        problems.append(f"column {col['name']} ({want}) is missing")
                        continue
                    if str(have.get("type", "")).upper() != want:
                        problems.append(f"column {col['name']} has type {have.get('type')!r}, "
                                        f"osquery's is {want}")
                    if col.get("hidden"):
                        if col["name"] in info:
                            problems.append(f"column {col['name']} is HIDDEN in osquery but "
                                            "PRAGMA table_info lists it")
                    elif col["name"] not in info:
                        problems.append(f"column {col['name']} is not HIDDEN in osquery but "
                                        "PRAGMA table_info does not list it")
                ref_names = {c["name"] for c in ref["columns"]}
                additions = [c for c in xinfo if c not in ref_names]
                if additions:
                    print(f"\n{name}: columns not in the osquery reference: {additions}")
                self.assertEqual(problems, [], f"{name}: " + "; ".join(problems))

    def test_select_star_value_types(self):
        for name in self.tables:
            if name not in self.reference:
                continue
            with self.subTest(table=name):
                got = self.inspected[name]
                if "select_skipped" in got:
                    self.skipTest(got["select_skipped"])
                run = got["select_run"]
                self.assertEqual(run.rc, 0, f"{got['sql']} failed\n" + run.describe())
                self.assertIsNotNone(got["rows"], "stdout is not valid JSON\n" + run.describe())
                self.assertIsInstance(got["rows"], list, run.describe())
                self.assertIsNotNone(got["xinfo"], got["xinfo_run"].describe())
                types = {c["name"]: str(c.get("type", "")).upper() for c in got["xinfo"]}
                visible = {c["name"] for c in (got["info"] or [])}
                problems = []
                for i, row in enumerate(got["rows"]):
                    if not isinstance(row, dict):
                        problems.append(f"row {i} is not an object: {row!r}")
                        continue
                    for col, value in row.items():
                        if col not in types:
                            problems.append(f"row {i}: unknown column {col!r}")
                        elif visible and col not in visible:
                            problems.append(f"row {i}: HIDDEN column {col} in SELECT *")
                        elif not json_type_fits(value, types[col]):
                            problems.append(f"row {i}: {col} ({types[col]}) = {value!r}")
                    if len(problems) > 20:
                        break
                self.assertEqual(problems, [], f"{got['sql']}: " + "; ".join(problems[:20]))


if __name__ == "__main__":
    oqtest.main()
