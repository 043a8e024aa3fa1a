// os_version_table.h: `os_version`, the distribution (os-release) and architecture.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct OsVersionTable {
  static constexpr const char* kName = "os_version";
  static constexpr oqm::Column kColumns[] = {
      {"name", oqm::Type::Text},
      {"version", oqm::Type::Text, 0, "version"},
      {"major", oqm::Type::Integer},
      {"minor", oqm::Type::Integer},
      {"patch", oqm::Type::Integer},
      {"build", oqm::Type::Text},
      {"platform", oqm::Type::Text},
      {"platform_like", oqm::Type::Text},
      {"codename", oqm::Type::Text},
      {"arch", oqm::Type::Text},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
      {"mount_namespace_id", oqm::Type::Text, oqm::kHidden},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
