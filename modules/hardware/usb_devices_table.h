// usb_devices_table.h: `usb_devices`, the USB devices attached to the host.
#pragma once

#include <osquery_module.hpp>

namespace oqm_hardware {

struct UsbDevicesTable {
  static constexpr const char* kName = "usb_devices";
  static constexpr oqm::Column kColumns[] = {
      {"usb_address", oqm::Type::Integer},
      {"usb_port", oqm::Type::Integer},
      {"vendor", oqm::Type::Text},
      {"vendor_id", oqm::Type::Text, 0, "nocase"},
      {"version", oqm::Type::Text, 0, "version"},
      {"model", oqm::Type::Text},
      {"model_id", oqm::Type::Text, 0, "nocase"},
      {"serial", oqm::Type::Text},
      {"class", oqm::Type::Text},
      {"subclass", oqm::Type::Text},
      {"protocol", oqm::Type::Text},
      {"removable", oqm::Type::Integer},
  };

  // The sysfs root and usb.ids locations; tests point them at fixtures.
  std::string sysfs_root = "/sys";
  std::vector<std::string> ids_paths;

  UsbDevicesTable();
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_hardware
