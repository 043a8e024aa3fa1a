// system_info_table.h: `system_info`, the host's name, CPU, memory and hardware identity.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct SystemInfoTable {
  static constexpr const char* kName = "system_info";
  static constexpr oqm::Column kColumns[] = {
      {"hostname", oqm::Type::Text},
      {"uuid", oqm::Type::Text, 0, "nocase"},
      {"cpu_type", oqm::Type::Text},
      {"cpu_subtype", oqm::Type::Text},
      {"cpu_brand", oqm::Type::Text},
      {"cpu_physical_cores", oqm::Type::Integer},
      {"cpu_logical_cores", oqm::Type::Integer},
      {"cpu_sockets", oqm::Type::Integer},
      {"cpu_microcode", oqm::Type::Text},
      {"physical_memory", oqm::Type::BigInt},
      {"hardware_vendor", oqm::Type::Text},
      {"hardware_model", oqm::Type::Text},
      {"hardware_version", oqm::Type::Text},
      {"hardware_serial", oqm::Type::Text},
      {"board_vendor", oqm::Type::Text},
      {"board_model", oqm::Type::Text},
      {"board_version", oqm::Type::Text},
      {"board_serial", oqm::Type::Text},
      {"computer_name", oqm::Type::Text},
      {"local_hostname", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
