"""The hardware module's tables through the real osqueryi, checked against this host's sysfs,
procfs and firmware files (read here with the Python standard library).

Every table answers SELECT * with exit code 0 (zero rows where the source is absent: no USB
bus, no SMBIOS table); cpu_info has rows; cpuid has rows on x86.
"""

import hashlib
import os
import platform
import sys
import unittest

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
import oqtest  # noqa: E402

TABLES = ["usb_devices", "pci_devices", "block_devices", "disk_encryption", "acpi_tables",
          "smbios_tables", "memory_devices", "cpu_info", "cpuid"]


def select(testcase, sql):
    rows, r = oqtest.query_typed(sql)
    testcase.assertIsNotNone(rows, f"{sql} failed\n" + r.describe())
    testcase.assertEqual(r.rc, 0, r.describe())
    return rows


def readable(path):
    try:
        with open(path, "rb") as f:
            f.read(1)
        return True
    except OSError:
        return False


def listdir(path):
    try:
        return sorted(os.listdir(path))
    except OSError:
        return []


class HardwareTables(unittest.TestCase):
    def test_every_table_answers_select_star(self):
        for table in TABLES:
            with self.subTest(table=table):
                select(self, f"SELECT * FROM {table}")

    def test_cpu_info_describes_the_processors(self):
        rows = select(self, "SELECT * FROM cpu_info")
        self.assertGreaterEqual(len(rows), 1)
        for row in rows:
            self.assertTrue(row["device_id"].startswith(("CPU", "MATH", "DSP", "GPU")), row)
            self.assertIsInstance(row["logical_processors"], int)
        if not readable("/sys/firmware/dmi/tables/DMI"):
            # From /proc/cpuinfo: the packages hold every logical processor.
            with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
                processors = sum(1 for line in f if line.split(":")[0].strip() == "processor")
            self.assertEqual(sum(r["logical_processors"] for r in rows), processors, rows)

    @unittest.skipUnless(platform.machine() in ("x86_64", "i386", "i686", "AMD64"),
                         "CPUID is an x86 instruction")
    def test_cpuid_matches_proc_cpuinfo(self):
        rows = select(self, "SELECT * FROM cpuid")
        features = {r["feature"]: r for r in rows}
        self.assertIn("vendor", features)
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            info = dict(line.split(":", 1) for line in f.read().split("\n\n")[0].splitlines()
                        if ":" in line)
        info = {k.strip(): v.strip() for k, v in info.items()}
        self.assertEqual(features["vendor"]["value"], info.get("vendor_id"))
        flags = info.get("flags", "").split()
        for feature in ("sse2", "lm"):
            self.assertEqual(features[feature]["value"], "1" if feature in flags else "0",
                             features[feature])
        self.assertEqual(features["lm"]["input_eax"], str(0x80000001))

    def test_block_devices_match_sys_block(self):
        rows = select(self, "SELECT * FROM block_devices")
        names = {r["name"] for r in rows}
        for dev in listdir("/sys/block"):
            self.assertIn("/dev/" + dev.replace("!", "/"), names)
        for row in rows:
            if row["parent"]:
                self.assertIn(row["parent"], names, row)
        if rows:
            first = rows[0]["name"].replace("'", "''")
            narrowed = select(self, f"SELECT name FROM block_devices WHERE name = '{first}'")
            self.assertEqual([r["name"] for r in narrowed], [rows[0]["name"]])

    def test_disk_encryption_covers_the_block_devices(self):
        devices = {r["name"] for r in select(self, "SELECT name FROM block_devices")}
        rows = select(self, "SELECT * FROM disk_encryption")
        self.assertEqual({r["name"] for r in rows}, devices)
        for row in rows:
            self.assertIn(row["encrypted"], (0, 1), row)
            self.assertEqual(row["encryption_status"],
                             "encrypted" if row["encrypted"] else "not encrypted", row)

    def test_pci_and_usb_devices_match_sysfs(self):
        pci = select(self, "SELECT pci_slot FROM pci_devices")
        self.assertEqual(sorted(r["pci_slot"] for r in pci), listdir("/sys/bus/pci/devices"))
        usb = select(self, "SELECT usb_address, usb_port FROM usb_devices")
        expected = [d for d in listdir("/sys/bus/usb/devices")
                    if ":" not in d and os.path.exists(f"/sys/bus/usb/devices/{d}/busnum")]
        self.assertEqual(len(usb), len(expected))

    def test_acpi_tables_digests(self):
        rows = select(self, "SELECT * FROM acpi_tables")
        root = "/sys/firmware/acpi/tables"
        files = {}
        for dirpath, _dirs, names in os.walk(root):
            for name in names:
                files[name] = os.path.join(dirpath, name)
        self.assertEqual(sorted(r["name"] for r in rows), sorted(files))
        for row in rows:
            path = files[row["name"]]
            if not readable(path):
                self.assertEqual(row["size"], -1)
                continue
            with open(path, "rb") as f:
                content = f.read()
            self.assertEqual(row["size"], len(content), row)
            self.assertEqual(row["md5"], hashlib.md5(content).hexdigest(), row)

    def test_smbios_tables_follow_the_dmi_table(self):
        rows = select(self, "SELECT * FROM smbios_tables")
        path = "/sys/firmware/dmi/tables/DMI"
        if not readable(path):
            self.assertEqual(rows, [])
            self.assertEqual(select(self, "SELECT * FROM memory_devices"), [])
            return
        with open(path, "rb") as f:
            table = f.read()
        self.assertGreater(len(rows), 0)
        self.assertLessEqual(sum(r["size"] for r in rows), len(table))
        self.assertEqual([r["number"] for r in rows], list(range(len(rows))))


if __name__ == "__main__":
    oqtest.main()
