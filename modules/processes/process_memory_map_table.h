// process_memory_map_table.h: `process_memory_map`, one row per mapping in /proc/<pid>/maps.
#pragma once

#include <osquery_module.hpp>

namespace processes_module {

struct ProcessMemoryMapTable {
  static constexpr const char* kName = "process_memory_map";
  static constexpr oqm::Column kColumns[] = {
      {"pid", oqm::Type::Integer, oqm::kIndex | oqm::kOptimized},
      {"start", oqm::Type::Text},
      {"end", oqm::Type::Text},
      {"permissions", oqm::Type::Text},
      {"offset", oqm::Type::BigInt},
      {"device", oqm::Type::Text},
      {"inode", oqm::Type::Integer},
      {"path", oqm::Type::Text},
      {"pseudo", oqm::Type::Integer},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace processes_module
