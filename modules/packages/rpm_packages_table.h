// rpm_packages_table.h: `rpm_packages`, the packages of the rpm database.
#pragma once

#include <osquery_module.hpp>

namespace oqm_packages {

struct RpmPackagesTable {
  static constexpr const char* kName = "rpm_packages";
  static constexpr oqm::Column kColumns[] = {
      {"name", oqm::Type::Text, oqm::kIndex | oqm::kOptimized},
      {"version", oqm::Type::Text, oqm::kIndex, "version_rhel"},
      {"release", oqm::Type::Text, oqm::kIndex},
      {"source", oqm::Type::Text},
      {"size", oqm::Type::BigInt},
      {"sha1", oqm::Type::Text, 0, "nocase"},
      {"arch", oqm::Type::Text, oqm::kIndex},
      {"epoch", oqm::Type::Integer, oqm::kIndex},
      {"install_time", oqm::Type::Integer},
      {"vendor", oqm::Type::Text},
      {"package_group", oqm::Type::Text},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
      {"mount_namespace_id", oqm::Type::Text, oqm::kHidden},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_packages
