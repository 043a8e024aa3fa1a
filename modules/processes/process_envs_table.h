// process_envs_table.h: `process_envs`, one row per environment variable of each process.
#pragma once

#include <osquery_module.hpp>

namespace processes_module {

struct ProcessEnvsTable {
  static constexpr const char* kName = "process_envs";
  static constexpr oqm::Column kColumns[] = {
      {"pid", oqm::Type::Integer, oqm::kIndex | oqm::kOptimized},
      {"key", oqm::Type::Text},
      {"value", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace processes_module
