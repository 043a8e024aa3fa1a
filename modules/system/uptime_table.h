// uptime_table.h: `uptime`, the time since boot.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct UptimeTable {
  static constexpr const char* kName = "uptime";
  static constexpr oqm::Column kColumns[] = {
      {"days", oqm::Type::Integer},         {"hours", oqm::Type::Integer},
      {"minutes", oqm::Type::Integer},      {"seconds", oqm::Type::Integer},
      {"total_seconds", oqm::Type::BigInt},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
