// memory_devices_table.h: `memory_devices`, the memory modules SMBIOS describes (type 17).
#pragma once

#include <osquery_module.hpp>
#include <string>

namespace oqm_hardware {

struct MemoryDevicesTable {
  static constexpr const char* kName = "memory_devices";
  static constexpr oqm::Column kColumns[] = {
      {"handle", oqm::Type::Text},
      {"array_handle", oqm::Type::Text},
      {"form_factor", oqm::Type::Text},
      {"total_width", oqm::Type::Integer},
      {"data_width", oqm::Type::Integer},
      {"size", oqm::Type::Integer},
      {"set", oqm::Type::Integer},
      {"device_locator", oqm::Type::Text},
      {"bank_locator", oqm::Type::Text},
      {"memory_type", oqm::Type::Text},
      {"memory_type_details", oqm::Type::Text},
      {"max_speed", oqm::Type::Integer},
      {"configured_clock_speed", oqm::Type::Integer},
      {"manufacturer", oqm::Type::Text},
      {"serial_number", oqm::Type::Text},
      {"asset_tag", oqm::Type::Text},
      {"part_number", oqm::Type::Text},
      {"min_voltage", oqm::Type::Integer},
      {"max_voltage", oqm::Type::Integer},
      {"configured_voltage", oqm::Type::Integer},
  };

  std::string path;  // the raw SMBIOS structure table; tests point it at a fixture
  MemoryDevicesTable();
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_hardware
