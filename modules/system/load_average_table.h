// load_average_table.h: `load_average`, the 1, 5 and 15 minute load averages.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct LoadAverageTable {
  static constexpr const char* kName = "load_average";
  static constexpr oqm::Column kColumns[] = {
      {"period", oqm::Type::Text},
      {"average", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

// The text osquery gives an average: printf("%f"), e.g. "0.520000".
std::string formatLoadAverage(double value);

}  // namespace oqm_system
