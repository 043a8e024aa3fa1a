#include "bus_devices.h"

#include "sysfs.h"

namespace oqm_hardware {

namespace {

// A hex attribute ("0x8086" or "8086") as `width` lower-case digits without "0x".
std::string hexAttribute(const std::string& path, int width) {
  auto value = unsignedAttribute(path, 16);
  return value ? hexString(*value, width).substr(2) : std::string();
}

std::string decimalFromHexAttribute(const std::string& path) {
  auto value = unsignedAttribute(path, 16);
  return value ? std::to_string(*value) : std::string();
}

int64_t intAttribute(const std::string& path) {
  auto value = unsignedAttribute(path);
  return value ? static_cast<int64_t>(*value) : -1;
}

}  // namespace

std::vector<UsbDevice> readUsbDevices(const std::string& sysfs_root) {
  std::vector<UsbDevice> out;
  const std::string base = sysfs_root + "/bus/usb/devices/";
  for (const std::string& name : listDirectory(base)) {
    // "1-1.2:1.0" names an interface; devices are "usb1", "1-1", "1-1.2".
    if (name.find(':') != std::string::npos) continue;
    const std::string dir = base + name + "/";
    UsbDevice d;
    d.busnum = intAttribute(dir + "busnum");
    d.devnum = intAttribute(dir + "devnum");
    // osquery skips devices udev gives no bus or device number.
    if (d.busnum < 0 || d.devnum < 0) continue;
    d.vendor_id = hexAttribute(dir + "idVendor", 4);
    d.product_id = hexAttribute(dir + "idProduct", 4);
    d.revision = hexAttribute(dir + "bcdDevice", 4);
    d.manufacturer = readAttribute(dir + "manufacturer");
    d.product = readAttribute(dir + "product");
    d.serial = readAttribute(dir + "serial");
    d.device_class = decimalFromHexAttribute(dir + "bDeviceClass");
    d.device_subclass = decimalFromHexAttribute(dir + "bDeviceSubClass");
    d.device_protocol = decimalFromHexAttribute(dir + "bDeviceProtocol");
    d.removable = readAttribute(dir + "removable");
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<PciDevice> readPciDevices(const std::string& sysfs_root) {
  std::vector<PciDevice> out;
  const std::string base = sysfs_root + "/bus/pci/devices/";
  for (const std::string& name : listDirectory(base)) {
    const std::string dir = base + name + "/";
    PciDevice d;
    d.slot = name;
    d.vendor_id = hexAttribute(dir + "vendor", 4);
    d.device_id = hexAttribute(dir + "device", 4);
    d.subsystem_vendor_id = hexAttribute(dir + "subsystem_vendor", 4);
    d.subsystem_device_id = hexAttribute(dir + "subsystem_device", 4);
    // "0x060400": base class 06, subclass 04, programming interface 00.
    std::string klass = hexAttribute(dir + "class", 6);
    if (klass.size() == 6) {
      d.class_id = klass.substr(0, 2);
      d.subclass_id = klass.substr(2, 2);
    }
    d.driver = linkTargetName(dir + "driver");
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace oqm_hardware
