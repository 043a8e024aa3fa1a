// cpu_info_table.h: `cpu_info`, one row per physical processor.
#pragma once

#include <osquery_module.hpp>
#include <string>

namespace oqm_hardware {

struct CpuInfoTable {
  static constexpr const char* kName = "cpu_info";
  static constexpr oqm::Column kColumns[] = {
      {"device_id", oqm::Type::Text},
      {"model", oqm::Type::Text},
      {"manufacturer", oqm::Type::Text},
      {"processor_type", oqm::Type::Text},
      {"cpu_status", oqm::Type::Integer},
      {"number_of_cores", oqm::Type::Text},
      {"logical_processors", oqm::Type::Integer},
      {"address_width", oqm::Type::Text},
      {"current_clock_speed", oqm::Type::Integer},
      {"max_clock_speed", oqm::Type::Integer},
      {"socket_designation", oqm::Type::Text},
  };

  // Sources; tests point them at fixtures.
  std::string smbios_path;
  std::string cpuinfo_path = "/proc/cpuinfo";
  std::string sysfs_root = "/sys";

  CpuInfoTable();
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_hardware
