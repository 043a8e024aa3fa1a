// npm_packages_table.h: `npm_packages`, Node.js packages in node_modules directories.
#pragma once

#include <osquery_module.hpp>

namespace oqm_packages {

struct NpmPackagesTable {
  static constexpr const char* kName = "npm_packages";
  static constexpr oqm::Column kColumns[] = {
      {"name", oqm::Type::Text},
      {"version", oqm::Type::Text, 0, "version"},
      {"description", oqm::Type::Text},
      {"author", oqm::Type::Text},
      {"license", oqm::Type::Text},
      {"homepage", oqm::Type::Text},
      {"path", oqm::Type::Text},
      {"directory", oqm::Type::Text, oqm::kIndex | oqm::kOptimized},
      {"depth", oqm::Type::Integer},
      {"max_depth", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
      {"mount_namespace_id", oqm::Type::Text, oqm::kHidden},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_packages
