// apt_sources_table.h: `apt_sources`, the repositories apt is configured with.
#pragma once

#include <osquery_module.hpp>

namespace oqm_packages {

struct AptSourcesTable {
  static constexpr const char* kName = "apt_sources";
  static constexpr oqm::Column kColumns[] = {
      {"name", oqm::Type::Text},
      {"source", oqm::Type::Text},
      {"base_uri", oqm::Type::Text},
      {"release", oqm::Type::Text},
      {"version", oqm::Type::Text, 0, "version_dpkg"},
      {"maintainer", oqm::Type::Text},
      {"components", oqm::Type::Text},
      {"architectures", oqm::Type::Text},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_packages
