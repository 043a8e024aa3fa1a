// system_controls_table.h: `system_controls`, the kernel parameters (sysctl) of /proc/sys.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct SystemControlsTable {
  static constexpr const char* kName = "system_controls";
  static constexpr oqm::Column kColumns[] = {
      {"name", oqm::Type::Text, oqm::kIndex},
      {"oid", oqm::Type::Text, oqm::kAdditional},
      {"subsystem", oqm::Type::Text, oqm::kAdditional},
      {"current_value", oqm::Type::Text},
      {"config_value", oqm::Type::Text},
      {"type", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
