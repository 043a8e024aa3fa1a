#include "hardware_ids.h"

#include <gtest/gtest.h>

#include "test_support.h"

using namespace oqm_hardware;

namespace {

const char* kPciIds =
    "# pci.ids excerpt\n"
    "#\tcomment with a tab\n"
    "1af4  Red Hat, Inc.\n"
    "\t1000  Virtio network device\n"
    "\t\t1af4 0001  Virtio network device\n"
    "\t1001  Virtio block device\n"
    "8086  Intel Corporation\n"
    "\t1237  440FX - 82441FX PMC [Natoma]\n"
    "\t7010  82371SB PIIX3 IDE [Natoma/Triton II]\n"
    "\n"
    "C 01  Mass storage controller\n"
    "\t01  IDE interface\n"
    "\t\t80  ISA Compatibility mode-only controller, supports bus mastering\n"
    "C 06  Bridge\n"
    "\t00  Host bridge\n";

}  // namespace

TEST(HardwareIds, PciVendorsDevicesSubsystemsAndClasses) {
  HardwareIds db = HardwareIds::parse(kPciIds);
  EXPECT_FALSE(db.empty());
  EXPECT_EQ(db.vendor("8086"), "Intel Corporation");
  EXPECT_EQ(db.device("8086", "1237"), "440FX - 82441FX PMC [Natoma]");
  EXPECT_EQ(db.device("1af4", "1001"), "Virtio block device");
  EXPECT_EQ(db.subsystem("1af4", "1000", "1af4 0001"), "Virtio network device");
  EXPECT_FALSE(db.subsystem("1af4", "1001", "1af4 0001").has_value());
  EXPECT_EQ(db.deviceClass("06"), "Bridge");
  EXPECT_EQ(db.subclass("06", "00"), "Host bridge");
  EXPECT_EQ(db.subclass("01", "01"), "IDE interface");
  EXPECT_FALSE(db.vendor("abcd").has_value());
  EXPECT_FALSE(db.device("8086", "ffff").has_value());
  EXPECT_FALSE(db.subclass("06", "01").has_value());
}

TEST(HardwareIds, UsbSectionsWeDoNotUseAreSkipped) {
  HardwareIds db = HardwareIds::parse(
      "1d6b  Linux Foundation\r\n"
      "\t0002  2.0 root hub\r\n"
      "\t0003  3.0 root hub\n"
      "C 09  Hub\n"
      "\t00  Unused\n"
      "\t\t00  Full speed (or root) hub\n"
      "AT 0409  English (US)\n"
      "\t0001  something under a language\n"
      "HID 00  None\n"
      "garbage line\n"
      "\t0004  orphan device line\n");
  EXPECT_EQ(db.vendor("1d6b"), "Linux Foundation");
  EXPECT_EQ(db.device("1d6b", "0002"), "2.0 root hub");
  EXPECT_EQ(db.device("1d6b", "0003"), "3.0 root hub");
  EXPECT_EQ(db.deviceClass("09"), "Hub");
  EXPECT_FALSE(db.vendor("0409").has_value());
  EXPECT_FALSE(db.device("1d6b", "0004").has_value());
}

TEST(HardwareIds, LoadPicksTheFirstReadableFileAndCaches) {
  hardware_test::TempDir dir;
  std::string path = dir.write("pci.ids", kPciIds);
  auto db = loadHardwareIds({dir.path() + "/absent.ids", path});
  EXPECT_EQ(db->vendor("8086"), "Intel Corporation");
  EXPECT_EQ(loadHardwareIds({path}).get(), db.get());
  EXPECT_TRUE(loadHardwareIds({dir.path() + "/absent.ids"})->empty());
  // A changed file is read again.
  dir.write("pci.ids", "8086  Intel Corp. (renamed, longer)\n");
  EXPECT_EQ(loadHardwareIds({path})->vendor("8086"), "Intel Corp. (renamed, longer)");
}
