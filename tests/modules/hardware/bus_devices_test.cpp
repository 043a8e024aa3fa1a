// usb_devices and pci_devices on sysfs fixture trees shaped like the kernel's.
#include <gtest/gtest.h>

#include "pci_devices_table.h"
#include "test_support.h"
#include "usb_devices_table.h"

using namespace hardware_test;
using oqm_hardware::PciDevicesTable;
using oqm_hardware::UsbDevicesTable;

namespace {

void writeUsbDevice(const TempDir& dir, const std::string& name,
                    const std::map<std::string, std::string>& attributes) {
  for (const auto& [key, value] : attributes) {
    dir.write("sys/bus/usb/devices/" + name + "/" + key, value + "\n");
  }
}

}  // namespace

TEST(UsbDevices, ReadsDevicesNotInterfaces) {
  TempDir dir;
  writeUsbDevice(dir, "usb1",
                 {{"busnum", "1"},
                  {"devnum", "1"},
                  {"idVendor", "1d6b"},
                  {"idProduct", "0002"},
                  {"bcdDevice", "0510"},
                  {"manufacturer", "Linux 5.10.0 xhci-hcd"},
                  {"product", "xHCI Host Controller"},
                  {"serial", "0000:00:14.0"},
                  {"bDeviceClass", "09"},
                  {"bDeviceSubClass", "00"},
                  {"bDeviceProtocol", "01"},
                  {"removable", "unknown"}});
  writeUsbDevice(dir, "1-2",
                 {{"busnum", "1"},
                  {"devnum", "12"},
                  {"idVendor", "0781"},
                  {"idProduct", "5581"},
                  {"bcdDevice", "0100"},
                  {"manufacturer", " SanDisk "},
                  {"product", "Ultra"},
                  {"serial", "4C530001"},
                  {"bDeviceClass", "00"},
                  {"bDeviceSubClass", "00"},
                  {"bDeviceProtocol", "00"},
                  {"removable", "removable"}});
  writeUsbDevice(dir, "1-3",
                 {{"busnum", "1"},
                  {"devnum", "3"},
                  {"idVendor", "8087"},
                  {"idProduct", "0a2b"},
                  {"bDeviceClass", "e0"},
                  {"removable", "fixed"}});
  // An interface of 1-2 and an entry without bus/device numbers: neither is a row.
  writeUsbDevice(dir, "1-2:1.0", {{"bInterfaceClass", "08"}});
  writeUsbDevice(dir, "broken", {{"idVendor", "ffff"}});
  std::string ids = dir.write("usb.ids",
                              "1d6b  Linux Foundation\n\t0002  2.0 root hub\n"
                              "0781  SanDisk Corp.\n");

  auto& table = tableInstance<UsbDevicesTable>();
  table.sysfs_root = dir.path() + "/sys";
  table.ids_paths = {ids};
  auto rows = host().query("usb_devices");
  ASSERT_EQ(rows.size(), 3u);

  // Sorted by sysfs name: 1-2, 1-3, usb1.
  const FakeRow& stick = rows[0];
  EXPECT_EQ(integer(stick, "usb_address"), 1);
  EXPECT_EQ(integer(stick, "usb_port"), 12);
  EXPECT_EQ(text(stick, "vendor"), "SanDisk Corp.");  // usb.ids names the vendor...
  EXPECT_EQ(text(stick, "model"), "Ultra");           // ...but not this product
  EXPECT_EQ(text(stick, "vendor_id"), "0781");
  EXPECT_EQ(text(stick, "model_id"), "5581");
  EXPECT_EQ(text(stick, "version"), "0100");
  EXPECT_EQ(text(stick, "serial"), "4C530001");
  EXPECT_EQ(text(stick, "class"), "0");
  EXPECT_EQ(integer(stick, "removable"), 1);

  const FakeRow& bluetooth = rows[1];
  EXPECT_EQ(text(bluetooth, "class"), "224");  // udev's TYPE is decimal
  EXPECT_EQ(text(bluetooth, "vendor"), "");
  EXPECT_EQ(integer(bluetooth, "removable"), 0);

  const FakeRow& hub = rows[2];
  EXPECT_EQ(text(hub, "vendor"), "Linux Foundation");
  EXPECT_EQ(text(hub, "model"), "2.0 root hub");
  EXPECT_EQ(text(hub, "class"), "9");
  EXPECT_EQ(text(hub, "subclass"), "0");
  EXPECT_EQ(text(hub, "protocol"), "1");
  EXPECT_EQ(integer(hub, "removable"), -1);

  // Without usb.ids the device strings name vendor and model.
  table.ids_paths = {dir.path() + "/absent"};
  rows = host().query("usb_devices");
  EXPECT_EQ(text(rows[2], "vendor"), "Linux 5.10.0 xhci-hcd");
  EXPECT_EQ(text(rows[2], "model"), "xHCI Host Controller");

  // No USB bus at all: no rows, no error.
  table.sysfs_root = dir.path() + "/absent";
  EXPECT_TRUE(host().query("usb_devices").empty());
}

TEST(PciDevices, IdsClassesDriversAndNames) {
  TempDir dir;
  auto device = [&](const std::string& slot, const std::map<std::string, std::string>& attrs) {
    for (const auto& [key, value] : attrs) {
      dir.write("sys/bus/pci/devices/" + slot + "/" + key, value + "\n");
    }
  };
  device("0000:00:00.0", {{"vendor", "0x8086"},
                          {"device", "0x1237"},
                          {"subsystem_vendor", "0x1af4"},
                          {"subsystem_device", "0x1100"},
                          {"class", "0x060000"}});
  device("0000:00:03.0", {{"vendor", "0x1AF4"},
                          {"device", "0x1000"},
                          {"subsystem_vendor", "0x1af4"},
                          {"subsystem_device", "0x0001"},
                          {"class", "0x020000"}});
  dir.mkdir("sys/bus/pci/drivers/virtio-pci");
  dir.symlink("../../../bus/pci/drivers/virtio-pci", "sys/bus/pci/devices/0000:00:03.0/driver");
  std::string ids = dir.write("pci.ids",
                              "1af4  Red Hat, Inc.\n"
                              "\t1000  Virtio network device\n"
                              "\t\t1af4 0001  Virtio network device\n"
                              "8086  Intel Corporation\n"
                              "\t1237  440FX - 82441FX PMC [Natoma]\n"
                              "C 02  Network controller\n\t00  Ethernet controller\n"
                              "C 06  Bridge\n\t00  Host bridge\n");

  auto& table = tableInstance<PciDevicesTable>();
  table.sysfs_root = dir.path() + "/sys";
  table.ids_paths = {ids};
  auto rows = host().query("pci_devices");
  ASSERT_EQ(rows.size(), 2u);

  const FakeRow& bridge = rows[0];
  EXPECT_EQ(text(bridge, "pci_slot"), "0000:00:00.0");
  EXPECT_EQ(text(bridge, "vendor_id"), "0x8086");
  EXPECT_EQ(text(bridge, "model_id"), "0x1237");
  EXPECT_EQ(text(bridge, "vendor"), "Intel Corporation");
  EXPECT_EQ(text(bridge, "model"), "440FX - 82441FX PMC [Natoma]");
  EXPECT_EQ(text(bridge, "pci_class_id"), "0x06");
  EXPECT_EQ(text(bridge, "pci_subclass_id"), "0x00");
  EXPECT_EQ(text(bridge, "pci_class"), "Bridge");
  EXPECT_EQ(text(bridge, "pci_subclass"), "Host bridge");
  EXPECT_EQ(text(bridge, "driver"), "");
  EXPECT_EQ(text(bridge, "subsystem_vendor_id"), "0x1af4");
  EXPECT_EQ(text(bridge, "subsystem_vendor"), "Red Hat, Inc.");
  EXPECT_EQ(text(bridge, "subsystem_model_id"), "0x1100");
  EXPECT_EQ(text(bridge, "subsystem_model"), "");

  const FakeRow& nic = rows[1];
  EXPECT_EQ(text(nic, "vendor_id"), "0x1af4");  // lower case, as pci.ids
  EXPECT_EQ(text(nic, "driver"), "virtio-pci");
  EXPECT_EQ(text(nic, "model"), "Virtio network device");
  EXPECT_EQ(text(nic, "subsystem_model"), "Virtio network device");
  EXPECT_EQ(text(nic, "pci_class"), "Network controller");

  // Without pci.ids the devices are still listed (osquery would list none).
  table.ids_paths = {};
  rows = host().query("pci_devices");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(text(rows[0], "vendor"), "");
  EXPECT_EQ(text(rows[0], "vendor_id"), "0x8086");
}
