// process_namespaces_table.h: `process_namespaces`, the namespaces each process lives in.
#pragma once

#include <osquery_module.hpp>

namespace processes_module {

struct ProcessNamespacesTable {
  static constexpr const char* kName = "process_namespaces";
  static constexpr oqm::Column kColumns[] = {
      {"pid", oqm::Type::Integer, oqm::kIndex | oqm::kOptimized},
      {"cgroup_namespace", oqm::Type::Text},
      {"ipc_namespace", oqm::Type::Text},
      {"mnt_namespace", oqm::Type::Text},
      {"net_namespace", oqm::Type::Text},
      {"pid_namespace", oqm::Type::Text},
      {"user_namespace", oqm::Type::Text},
      {"uts_namespace", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace processes_module
