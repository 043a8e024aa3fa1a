// processes_table.h: `processes`, one row per process from /proc/<pid>.
#pragma once

#include <osquery_module.hpp>

namespace processes_module {

struct ProcessesTable {
  static constexpr const char* kName = "processes";
  static constexpr oqm::Column kColumns[] = {
      {"pid", oqm::Type::BigInt, oqm::kIndex | oqm::kOptimized},
      {"name", oqm::Type::Text},
      {"path", oqm::Type::Text},
      {"cmdline", oqm::Type::Text},
      {"state", oqm::Type::Text},
      {"cwd", oqm::Type::Text},
      {"root", oqm::Type::Text},
      {"uid", oqm::Type::BigInt},
      {"gid", oqm::Type::BigInt},
      {"euid", oqm::Type::BigInt},
      {"egid", oqm::Type::BigInt},
      {"suid", oqm::Type::BigInt},
      {"sgid", oqm::Type::BigInt},
      {"on_disk", oqm::Type::Integer},
      {"wired_size", oqm::Type::BigInt},
      {"resident_size", oqm::Type::BigInt},
      {"total_size", oqm::Type::BigInt},
      {"user_time", oqm::Type::BigInt},
      {"system_time", oqm::Type::BigInt},
      {"disk_bytes_read", oqm::Type::BigInt},
      {"disk_bytes_written", oqm::Type::BigInt},
      {"start_time", oqm::Type::BigInt},
      {"parent", oqm::Type::BigInt},
      {"pgroup", oqm::Type::BigInt},
      {"threads", oqm::Type::Integer},
      {"nice", oqm::Type::Integer},
      {"cgroup_path", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace processes_module
