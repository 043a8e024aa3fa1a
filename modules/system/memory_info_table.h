// memory_info_table.h: `memory_info`, the main counters of /proc/meminfo in bytes.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct MemoryInfoTable {
  static constexpr const char* kName = "memory_info";
  static constexpr oqm::Column kColumns[] = {
      {"memory_total", oqm::Type::BigInt},     {"memory_free", oqm::Type::BigInt},
      {"memory_available", oqm::Type::BigInt}, {"buffers", oqm::Type::BigInt},
      {"cached", oqm::Type::BigInt},           {"swap_cached", oqm::Type::BigInt},
      {"active", oqm::Type::BigInt},           {"inactive", oqm::Type::BigInt},
      {"swap_total", oqm::Type::BigInt},       {"swap_free", oqm::Type::BigInt},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
