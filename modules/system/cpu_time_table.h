// cpu_time_table.h: `cpu_time`, the time each core spent in each state since boot.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct CpuTimeTable {
  static constexpr const char* kName = "cpu_time";
  static constexpr oqm::Column kColumns[] = {
      {"core", oqm::Type::Integer},      {"user", oqm::Type::BigInt},
      {"nice", oqm::Type::BigInt},       {"system", oqm::Type::BigInt},
      {"idle", oqm::Type::BigInt},       {"iowait", oqm::Type::BigInt},
      {"irq", oqm::Type::BigInt},        {"softirq", oqm::Type::BigInt},
      {"steal", oqm::Type::BigInt},      {"guest", oqm::Type::BigInt},
      {"guest_nice", oqm::Type::BigInt},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
