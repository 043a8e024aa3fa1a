// yum_sources_table.h: `yum_sources`, the repositories of yum and dnf.
#pragma once

#include <osquery_module.hpp>

namespace oqm_packages {

struct YumSourcesTable {
  static constexpr const char* kName = "yum_sources";
  static constexpr oqm::Column kColumns[] = {
      {"name", oqm::Type::Text},
      {"source", oqm::Type::Text},
      {"baseurl", oqm::Type::Text},
      {"mirrorlist", oqm::Type::Text},
      {"metalink", oqm::Type::Text},
      {"enabled", oqm::Type::Text},
      {"gpgcheck", oqm::Type::Text},
      {"gpgkey", oqm::Type::Text},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_packages
