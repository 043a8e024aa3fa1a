// The SMBIOS parser and the tables built on it (smbios_tables, memory_devices, cpu_info) on a
// small handcrafted structure table.
#include "smbios.h"

#include <gtest/gtest.h>

#include "cpu_info_table.h"
#include "firmware_tables.h"
#include "md5.h"
#include "memory_devices_table.h"
#include "test_support.h"

using namespace hardware_test;
using namespace oqm_hardware;

namespace {

// Builds one structure: header, formatted fields, then the string set.
class StructureBuilder {
 public:
  StructureBuilder(uint8_t type, uint8_t length, uint16_t handle) : bytes_(length, '\0') {
    bytes_[0] = static_cast<char>(type);
    bytes_[1] = static_cast<char>(length);
    word(2, handle);
  }
  StructureBuilder& byte(size_t offset, uint8_t v) {
    bytes_.at(offset) = static_cast<char>(v);
    return *this;
  }
  StructureBuilder& word(size_t offset, uint16_t v) {
    byte(offset, v & 0xff);
    return byte(offset + 1, v >> 8);
  }
  StructureBuilder& dword(size_t offset, uint32_t v) {
    word(offset, v & 0xffff);
    return word(offset + 2, v >> 16);
  }
  std::string build(const std::vector<std::string>& strings) const {
    std::string out = bytes_;
    if (strings.empty()) return out + std::string("\0\0", 2);
    for (const auto& s : strings) out += s + std::string(1, '\0');
    return out + std::string(1, '\0');
  }

 private:
  std::string bytes_;
};

std::string biosStructure() {
  return StructureBuilder(0, 0x18, 0x0000)
      .byte(0x04, 1)
      .byte(0x05, 2)
      .byte(0x08, 3)
      .build({"SeaBIOS", "1.16.2-debian-1.16.2-1", "04/01/2014"});
}

std::string processorStructure(uint16_t handle, const char* socket) {
  return StructureBuilder(4, 0x30, handle)
      .byte(0x04, 1)       // socket designation
      .byte(0x05, 3)       // central processor
      .byte(0x07, 2)       // manufacturer
      .byte(0x10, 3)       // version: the model
      .word(0x14, 4000)    // max speed
      .word(0x16, 2400)    // current speed
      .byte(0x18, 0x41)    // populated, enabled
      .byte(0x23, 8)       // cores
      .byte(0x25, 16)      // threads
      .word(0x26, 0x00fc)  // characteristics: 64-bit capable
      .build({socket, "Intel(R) Corporation", "Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz  "});
}

std::string dimmStructure() {
  return StructureBuilder(17, 0x28, 0x1100)
      .word(0x04, 0x1000)  // array handle
      .word(0x06, 0xFFFE)
      .word(0x08, 72)  // total width (ECC)
      .word(0x0A, 64)
      .word(0x0C, 16384)  // MB
      .byte(0x0E, 0x09)   // DIMM
      .byte(0x0F, 0x00)
      .byte(0x10, 1)
      .byte(0x11, 2)
      .byte(0x12, 0x1A)    // DDR4
      .word(0x13, 0x2080)  // Synchronous, Registered (Buffered)
      .word(0x15, 2666)
      .byte(0x17, 3)
      .byte(0x18, 4)
      .byte(0x19, 0)  // no asset tag
      .byte(0x1A, 5)
      .word(0x20, 2400)
      .word(0x22, 1200)
      .word(0x24, 1200)
      .word(0x26, 1200)
      .build({"DIMM 0", "P0 CHANNEL A", "Samsung", "12345678", "M393A2K43BB1-CTD    "});
}

// An SMBIOS 2.3 memory device (0x1B bytes): no voltages, no configured speed; its size in KB.
std::string smallDimmStructure() {
  return StructureBuilder(17, 0x1B, 0x1101)
      .word(0x04, 0x1000)
      .word(0x08, 0xFFFF)  // unknown widths
      .word(0x0A, 0xFFFF)
      .word(0x0C, 0x8000 | 512)  // 512 KB
      .byte(0x0E, 0x42)          // not a known form factor
      .byte(0x0F, 0xFF)          // no set
      .byte(0x10, 1)
      .build({"SLOT 1"});
}

std::string extendedSizeDimm() {
  return StructureBuilder(17, 0x28, 0x1102)
      .word(0x0C, 0x7FFF)
      .dword(0x1C, 65536)  // 64 GB, in the extended size field
      .build({});
}

std::string endOfTable() {
  return StructureBuilder(127, 4, 0xFEFF).build({});
}

std::string fixtureTable() {
  return biosStructure() + processorStructure(0x0400, "CPU 0") + dimmStructure() +
         smallDimmStructure() + extendedSizeDimm() + endOfTable();
}

}  // namespace

TEST(Smbios, ParsesStructuresAndStrings) {
  std::string table = fixtureTable();
  auto structures = parseSmbios(table);
  ASSERT_EQ(structures.size(), 6u);
  EXPECT_EQ(structures[0].type, 0);
  EXPECT_EQ(structures[0].length, 0x18);
  EXPECT_EQ(structures[0].strings.size(), 3u);
  EXPECT_EQ(structures[0].string(0x05), "1.16.2-debian-1.16.2-1");
  EXPECT_EQ(structures[0].string(0x06), "");  // index 0: no string
  EXPECT_EQ(structures[0].raw.size(), biosStructure().size());
  EXPECT_EQ(structures[1].handle, 0x0400);
  EXPECT_EQ(structures[5].type, 127);
  EXPECT_EQ(structures[5].raw.size(), 6u);  // 4-byte header + double NUL
  EXPECT_EQ(structures[5].index, 5u);
  EXPECT_FALSE(structures[3].word(0x1B).has_value());  // beyond a 2.3 structure
  EXPECT_EQ(smbiosTypeDescription(17), "Memory Device");
  EXPECT_EQ(smbiosTypeDescription(127), "End-of-Table");
  EXPECT_EQ(smbiosTypeDescription(200), "Unknown");
}

TEST(Smbios, StopsAtPaddingAndTruncation) {
  std::string table = biosStructure() + std::string(16, '\0');
  EXPECT_EQ(parseSmbios(table).size(), 1u);
  // A structure whose formatted area runs past the end is dropped.
  std::string truncated = biosStructure() + dimmStructure().substr(0, 20);
  EXPECT_EQ(parseSmbios(truncated).size(), 1u);
  // Strings without the final double NUL: the structure keeps what is there.
  std::string unterminated =
      biosStructure() + StructureBuilder(1, 8, 0x100).byte(4, 1).build({}).substr(0, 8) + "Acme";
  auto structures = parseSmbios(unterminated);
  ASSERT_EQ(structures.size(), 2u);
  EXPECT_EQ(structures[1].string(4), "Acme");
  EXPECT_TRUE(parseSmbios("").empty());
  EXPECT_TRUE(parseSmbios(std::string("\x11\x02\x00\x00", 4)).empty());  // length < header
}

TEST(Smbios, SmbiosTablesRows) {
  TempDir dir;
  std::string table = fixtureTable();
  auto& t = tableInstance<SmbiosTablesTable>();
  t.path = dir.write("DMI", table);
  auto rows = host().query("smbios_tables");
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(integer(rows[0], "number"), 0);
  EXPECT_EQ(integer(rows[0], "type"), 0);
  EXPECT_EQ(text(rows[0], "description"), "BIOS Information");
  EXPECT_EQ(integer(rows[0], "handle"), 0);
  EXPECT_EQ(integer(rows[0], "header_size"), 0x18);
  EXPECT_EQ(integer(rows[0], "size"), static_cast<int64_t>(biosStructure().size()));
  EXPECT_EQ(text(rows[0], "md5"), md5Hex(biosStructure()));
  EXPECT_EQ(integer(rows[2], "handle"), 0x1100);
  EXPECT_EQ(text(rows[2], "description"), "Memory Device");
  EXPECT_EQ(integer(rows[5], "number"), 5);

  t.path = dir.path() + "/absent";
  EXPECT_TRUE(host().query("smbios_tables").empty());
}

TEST(Smbios, MemoryDevices) {
  TempDir dir;
  auto& t = tableInstance<MemoryDevicesTable>();
  t.path = dir.write("DMI", fixtureTable());
  auto rows = host().query("memory_devices");
  ASSERT_EQ(rows.size(), 3u);

  const FakeRow& dimm = rows[0];
  EXPECT_EQ(text(dimm, "handle"), "0x1100");
  EXPECT_EQ(text(dimm, "array_handle"), "0x1000");
  EXPECT_EQ(text(dimm, "form_factor"), "DIMM");
  EXPECT_EQ(integer(dimm, "total_width"), 72);
  EXPECT_EQ(integer(dimm, "data_width"), 64);
  EXPECT_EQ(integer(dimm, "size"), 16384);
  EXPECT_EQ(integer(dimm, "set"), 0);
  EXPECT_EQ(text(dimm, "device_locator"), "DIMM 0");
  EXPECT_EQ(text(dimm, "bank_locator"), "P0 CHANNEL A");
  EXPECT_EQ(text(dimm, "memory_type"), "DDR4");
  EXPECT_EQ(text(dimm, "memory_type_details"), "Synchronous Registered (Buffered)");
  EXPECT_EQ(integer(dimm, "max_speed"), 2666);
  EXPECT_EQ(integer(dimm, "configured_clock_speed"), 2400);
  EXPECT_EQ(text(dimm, "manufacturer"), "Samsung");
  EXPECT_EQ(text(dimm, "serial_number"), "12345678");
  EXPECT_EQ(text(dimm, "asset_tag"), "");
  EXPECT_EQ(text(dimm, "part_number"), "M393A2K43BB1-CTD");
  EXPECT_EQ(integer(dimm, "min_voltage"), 1200);
  EXPECT_EQ(integer(dimm, "max_voltage"), 1200);
  EXPECT_EQ(integer(dimm, "configured_voltage"), 1200);

  const FakeRow& small = rows[1];
  EXPECT_EQ(text(small, "handle"), "0x1101");
  EXPECT_TRUE(isNull(small, "total_width"));
  EXPECT_TRUE(isNull(small, "data_width"));
  EXPECT_EQ(integer(small, "size"), 0);  // 512 KB is 0 MB
  EXPECT_TRUE(isNull(small, "form_factor"));
  EXPECT_TRUE(isNull(small, "set"));
  EXPECT_EQ(text(small, "device_locator"), "SLOT 1");
  EXPECT_TRUE(isNull(small, "configured_clock_speed"));
  EXPECT_TRUE(isNull(small, "min_voltage"));

  EXPECT_EQ(integer(rows[2], "size"), 65536);
}

TEST(Smbios, CpuInfoFromProcessorStructures) {
  TempDir dir;
  auto& t = tableInstance<CpuInfoTable>();
  t.smbios_path = dir.write("DMI", biosStructure() + processorStructure(0x400, "CPU 0") +
                                       processorStructure(0x401, "CPU 1") + endOfTable());
  t.cpuinfo_path = dir.path() + "/absent";
  auto rows = host().query("cpu_info");
  ASSERT_EQ(rows.size(), 2u);
  const FakeRow& cpu = rows[0];
  EXPECT_EQ(text(cpu, "device_id"), "CPU0");
  EXPECT_EQ(text(cpu, "model"), "Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz");
  EXPECT_EQ(text(cpu, "manufacturer"), "Intel(R) Corporation");
  EXPECT_EQ(text(cpu, "processor_type"), "3");
  EXPECT_EQ(integer(cpu, "cpu_status"), 0x41);
  EXPECT_EQ(text(cpu, "number_of_cores"), "8");
  EXPECT_EQ(integer(cpu, "logical_processors"), 16);
  EXPECT_EQ(text(cpu, "address_width"), "64");
  EXPECT_EQ(integer(cpu, "current_clock_speed"), 2400);
  EXPECT_EQ(integer(cpu, "max_clock_speed"), 4000);
  EXPECT_EQ(text(cpu, "socket_designation"), "CPU 0");
  EXPECT_EQ(text(rows[1], "device_id"), "CPU1");
  EXPECT_EQ(text(rows[1], "socket_designation"), "CPU 1");
}
