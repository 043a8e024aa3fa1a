// deb_packages_table.h: `deb_packages`, the packages of the dpkg database.
#pragma once

#include <osquery_module.hpp>

namespace oqm_packages {

struct DebPackagesTable {
  static constexpr const char* kName = "deb_packages";
  static constexpr oqm::Column kColumns[] = {
      {"name", oqm::Type::Text},
      {"version", oqm::Type::Text, 0, "version_dpkg"},
      {"source", oqm::Type::Text},
      {"size", oqm::Type::BigInt},
      {"arch", oqm::Type::Text},
      {"revision", oqm::Type::Text},
      {"status", oqm::Type::Text},
      {"maintainer", oqm::Type::Text},
      {"section", oqm::Type::Text},
      {"priority", oqm::Type::Text},
      {"admindir", oqm::Type::Text, oqm::kAdditional | oqm::kOptimized},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
      {"mount_namespace_id", oqm::Type::Text, oqm::kHidden},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_packages
