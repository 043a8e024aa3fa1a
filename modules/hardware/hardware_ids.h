// hardware_ids.h: the pci.ids and usb.ids databases (the same text format: vendors with their
// devices and subsystems, then device classes with their subclasses) that give PCI and USB
// vendor, model and class names, as udev's hwdb does for osquery.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_hardware {

class HardwareIds {
 public:
  // Parses the text of a pci.ids or usb.ids file; malformed lines are skipped.
  static HardwareIds parse(std::string_view text);

  // Ids are lower-case hex without "0x": vendor "8086", device "1237", class "06".
  std::optional<std::string> vendor(const std::string& vendor_id) const;
  std::optional<std::string> device(const std::string& vendor_id,
                                    const std::string& device_id) const;
  // `subsystem` is "<subvendor> <subdevice>", e.g. "1af4 1100".
  std::optional<std::string> subsystem(const std::string& vendor_id, const std::string& device_id,
                                       const std::string& subsystem) const;
  std::optional<std::string> deviceClass(const std::string& class_id) const;
  std::optional<std::string> subclass(const std::string& class_id,
                                      const std::string& subclass_id) const;

  bool empty() const { return vendors_.empty() && classes_.empty(); }

 private:
  struct Device {
    std::string name;
    std::map<std::string, std::string, std::less<>> subsystems;
  };
  struct Vendor {
    std::string name;
    std::map<std::string, Device, std::less<>> devices;
  };
  struct Class {
    std::string name;
    std::map<std::string, std::string, std::less<>> subclasses;
  };
  std::map<std::string, Vendor, std::less<>> vendors_;
  std::map<std::string, Class, std::less<>> classes_;
};

// The database in the first readable file of `paths`, parsed once and kept until the file
// changes (size or modification time); an empty database when none is readable. Thread safe.
std::shared_ptr<const HardwareIds> loadHardwareIds(const std::vector<std::string>& paths);

// Where distributions install the databases.
const std::vector<std::string>& pciIdsPaths();
const std::vector<std::string>& usbIdsPaths();

}  // namespace oqm_hardware
