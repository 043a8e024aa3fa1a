// suid_bin_table.h: `suid_bin`, setuid/setgid regular files below osquery's binary directories.
#pragma once

#include <osquery_module.hpp>
#include <string>
#include <vector>

namespace oqm_files {

struct SuidBinTable {
  static constexpr const char* kName = "suid_bin";
  static constexpr oqm::Column kColumns[] = {
      {"path", oqm::Type::Text},
      {"username", oqm::Type::Text},
      {"groupname", oqm::Type::Text},
      {"permissions", oqm::Type::Text},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
  };

  // osquery's kBinarySearchPaths.
  std::vector<std::string> roots = {"/bin",           "/sbin",           "/usr/bin", "/usr/sbin",
                                    "/usr/local/bin", "/usr/local/sbin", "/tmp"};

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_files
