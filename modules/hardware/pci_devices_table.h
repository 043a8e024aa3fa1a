// pci_devices_table.h: `pci_devices`, the PCI functions of the host.
#pragma once

#include <osquery_module.hpp>

namespace oqm_hardware {

struct PciDevicesTable {
  static constexpr const char* kName = "pci_devices";
  static constexpr oqm::Column kColumns[] = {
      {"pci_slot", oqm::Type::Text},
      {"pci_class", oqm::Type::Text},
      {"driver", oqm::Type::Text},
      {"vendor", oqm::Type::Text},
      {"vendor_id", oqm::Type::Text, 0, "nocase"},
      {"model", oqm::Type::Text},
      {"model_id", oqm::Type::Text, 0, "nocase"},
      {"pci_class_id", oqm::Type::Text, 0, "nocase"},
      {"pci_subclass_id", oqm::Type::Text, 0, "nocase"},
      {"pci_subclass", oqm::Type::Text},
      {"subsystem_vendor_id", oqm::Type::Text, 0, "nocase"},
      {"subsystem_vendor", oqm::Type::Text},
      {"subsystem_model_id", oqm::Type::Text, 0, "nocase"},
      {"subsystem_model", oqm::Type::Text},
  };

  // The sysfs root and pci.ids locations; tests point them at fixtures.
  std::string sysfs_root = "/sys";
  std::vector<std::string> ids_paths;

  PciDevicesTable();
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_hardware
