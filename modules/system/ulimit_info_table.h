// ulimit_info_table.h: `ulimit_info`, the resource limits of the osquery process.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct UlimitInfoTable {
  static constexpr const char* kName = "ulimit_info";
  static constexpr oqm::Column kColumns[] = {
      {"type", oqm::Type::Text},
      {"soft_limit", oqm::Type::Text},
      {"hard_limit", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

// A limit as osquery writes it: the number, or "unlimited" for RLIM_INFINITY.
std::string formatLimit(unsigned long long value);

}  // namespace oqm_system
