// block_devices_table.h: `block_devices`, disks, partitions and mapped devices.
#pragma once

#include <osquery_module.hpp>

#include "block_devices.h"

namespace oqm_hardware {

struct BlockDevicesTable {
  static constexpr const char* kName = "block_devices";
  static constexpr oqm::Column kColumns[] = {
      {"name", oqm::Type::Text, oqm::kIndex},
      {"parent", oqm::Type::Text},
      {"vendor", oqm::Type::Text},
      {"model", oqm::Type::Text},
      {"serial", oqm::Type::Text},
      {"size", oqm::Type::BigInt},
      {"block_size", oqm::Type::Integer},
      {"uuid", oqm::Type::Text, 0, "nocase"},
      {"type", oqm::Type::Text},
      {"label", oqm::Type::Text},
  };

  BlockDeviceSource source;  // tests point it at fixtures
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

// The names of `name = ...` / `name IN (...)`, as a filter for readBlockDevices (empty when
// the query does not constrain the name). Shared with disk_encryption.
std::function<bool(const std::string&)> nameFilter(const oqm::Query& query);

}  // namespace oqm_hardware
