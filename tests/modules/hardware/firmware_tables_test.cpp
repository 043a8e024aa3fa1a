// acpi_tables on a fixture directory, the MD5 helper, and the module's registration.
#include "firmware_tables.h"

#include <gtest/gtest.h>

#include <set>

#include "md5.h"
#include "test_support.h"

using namespace hardware_test;
using namespace oqm_hardware;

TEST(Md5, KnownDigests) {
  EXPECT_EQ(md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(md5Hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
}

TEST(AcpiTables, FilesOfTheTablesDirectoryAndItsSubdirectories) {
  TempDir dir;
  dir.write("tables/APIC", "abc");
  dir.write("tables/DSDT", std::string(3923, 'x'));
  dir.write("tables/dynamic/SSDT1", "");
  dir.mkdir("tables/data");
  auto& t = tableInstance<AcpiTablesTable>();
  t.root = dir.path() + "/tables";
  auto rows = host().query("acpi_tables");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(text(rows[0], "name"), "APIC");
  EXPECT_EQ(integer(rows[0], "size"), 3);
  EXPECT_EQ(text(rows[0], "md5"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(text(rows[1], "name"), "DSDT");
  EXPECT_EQ(integer(rows[1], "size"), 3923);
  EXPECT_EQ(text(rows[2], "name"), "SSDT1");  // the file name, as osquery reports it
  EXPECT_EQ(integer(rows[2], "size"), 0);

  t.root = dir.path() + "/absent";
  EXPECT_TRUE(host().query("acpi_tables").empty());
}

TEST(Module, RegistersItsTables) {
  std::set<std::string> names;
  for (const auto& [name, table] : host().tables()) names.insert(name);
  EXPECT_EQ(names, (std::set<std::string>{"usb_devices", "pci_devices", "block_devices",
                                          "disk_encryption", "acpi_tables", "smbios_tables",
                                          "memory_devices", "cpu_info", "cpuid"}));
  EXPECT_STREQ(oqm_module_v1()->name, "hardware");
  // The index flag of block_devices.name and disk_encryption.name, as in osquery.
  EXPECT_EQ(host().table("block_devices").columns[0].flags,
            static_cast<uint32_t>(OQM_COLUMN_INDEX));
  EXPECT_EQ(host().table("disk_encryption").columns[0].flags,
            static_cast<uint32_t>(OQM_COLUMN_INDEX));
}
