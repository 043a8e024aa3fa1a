#include "hardware.h"

#include <gtest/gtest.h>

#include "test_util.h"

using namespace oqm_system;

namespace {

// Two sockets, two cores each, hyper-threaded: 8 logical CPUs.
std::string cpuinfoFixture() {
  std::string out;
  int processor = 0;
  for (int socket = 0; socket < 2; ++socket) {
    for (int thread = 0; thread < 2; ++thread) {
      for (int core = 0; core < 2; ++core) {
        out += "processor\t: " + std::to_string(processor++) + "\n";
        out += "vendor_id\t: GenuineIntel\n";
        out += "model\t\t: 85\n";
        out += "model name\t: Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz\n";
        out += "microcode\t: 0x2006e05\n";
        out += "physical id\t: " + std::to_string(socket) + "\n";
        out += "core id\t\t: " + std::to_string(core) + "\n";
        out += "flags\t\t: fpu vme\n\n";
      }
    }
  }
  return out;
}

TEST(Hardware, Cpuinfo) {
  CpuInfo c = parseCpuinfo(cpuinfoFixture());
  EXPECT_EQ(c.logical, 8);
  EXPECT_EQ(c.physical_cores, 4);
  EXPECT_EQ(c.sockets, 2);
  EXPECT_EQ(c.model, "85");
  EXPECT_EQ(c.model_name, "Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz");
  EXPECT_EQ(c.microcode, "0x2006e05");
}

TEST(Hardware, CpuinfoWithoutTopology) {
  // ARM kernels print neither model name, physical id nor core id.
  CpuInfo c = parseCpuinfo(
      "processor\t: 0\nBogoMIPS\t: 48.00\nCPU part\t: 0xd08\n\n"
      "processor\t: 1\nBogoMIPS\t: 48.00\n\n");
  EXPECT_EQ(c.logical, 2);
  EXPECT_EQ(c.physical_cores, 0);
  EXPECT_EQ(c.sockets, 0);
  EXPECT_FALSE(c.model.has_value());
  EXPECT_FALSE(c.model_name.has_value());
  EXPECT_EQ(parseCpuinfo("").logical, 0);
}

TEST(Hardware, Dmi) {
  oqm_system_test::TempDir dir;
  dir.write("id/sys_vendor", "QEMU\n");
  dir.write("id/product_name", "Standard PC (Q35 + ICH9, 2009)\n");
  dir.write("id/product_version", "pc-q35-7.2\n");
  dir.write("id/board_vendor", "Acme  \n");
  dir.write("id/product_uuid", "4c4c4544-0042-3510-8051-b7c04f4e4b32\n");
  DmiInfo d = readDmi(dir.path() + "/id");
  EXPECT_TRUE(d.present);
  EXPECT_EQ(d.sys_vendor, "QEMU");
  EXPECT_EQ(d.product_name, "Standard PC (Q35 + ICH9, 2009)");
  EXPECT_EQ(d.product_version, "pc-q35-7.2");
  EXPECT_EQ(d.board_vendor, "Acme");
  EXPECT_FALSE(d.product_serial.has_value());
  EXPECT_FALSE(d.board_name.has_value());
  EXPECT_EQ(d.product_uuid, "4c4c4544-0042-3510-8051-b7c04f4e4b32");

  DmiInfo none = readDmi(dir.path() + "/absent");
  EXPECT_FALSE(none.present);
  EXPECT_FALSE(none.sys_vendor.has_value());
}

TEST(Hardware, Uuids) {
  EXPECT_TRUE(isPlaceholderUuid("03000200-0400-0500-0006-000700080009"));
  EXPECT_TRUE(isPlaceholderUuid("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"));
  EXPECT_TRUE(isPlaceholderUuid("00000000-0000-0000-0000-000000000000"));
  EXPECT_FALSE(isPlaceholderUuid("4c4c4544-0042-3510-8051-b7c04f4e4b32"));
  EXPECT_EQ(machineIdAsUuid("0123456789abcdef0123456789abcdef\n"),
            "01234567-89AB-CDEF-0123-456789ABCDEF");
  EXPECT_FALSE(machineIdAsUuid("not-a-machine-id").has_value());
  EXPECT_FALSE(machineIdAsUuid("").has_value());
}

}  // namespace
