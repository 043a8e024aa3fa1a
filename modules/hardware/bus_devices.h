// bus_devices.h: USB and PCI devices as sysfs describes them (the attributes udev copies into
// the properties osquery reads), under a sysfs root so tests can use a fixture tree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace oqm_hardware {

struct UsbDevice {
  int64_t busnum = -1;                                         // BUSNUM: osquery's usb_address
  int64_t devnum = -1;                                         // DEVNUM: osquery's usb_port
  std::string vendor_id;                                       // idVendor, 4 lower-case hex digits
  std::string product_id;                                      // idProduct
  std::string revision;                                        // bcdDevice, e.g. "0510"
  std::optional<std::string> manufacturer, product, serial;    // device strings
  std::string device_class, device_subclass, device_protocol;  // decimal, as udev's TYPE
  std::optional<std::string> removable;                        // "removable", "fixed" or "unknown"
};

// The USB devices (not interfaces) in <sysfs_root>/bus/usb/devices, in name order.
std::vector<UsbDevice> readUsbDevices(const std::string& sysfs_root = "/sys");

struct PciDevice {
  std::string slot;                                                            // "0000:00:1f.2"
  std::string vendor_id, device_id, subsystem_vendor_id, subsystem_device_id;  // 4 hex, lower
  std::string class_id, subclass_id;                                           // 2 hex, lower
  std::optional<std::string> driver;
};

// The PCI functions in <sysfs_root>/bus/pci/devices, in slot order.
std::vector<PciDevice> readPciDevices(const std::string& sysfs_root = "/sys");

}  // namespace oqm_hardware
