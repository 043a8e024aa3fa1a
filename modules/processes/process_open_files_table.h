// process_open_files_table.h: `process_open_files`, one row per descriptor naming a file.
#pragma once

#include <osquery_module.hpp>

namespace processes_module {

struct ProcessOpenFilesTable {
  static constexpr const char* kName = "process_open_files";
  static constexpr oqm::Column kColumns[] = {
      {"pid", oqm::Type::BigInt, oqm::kIndex},
      {"fd", oqm::Type::BigInt},
      {"path", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace processes_module
