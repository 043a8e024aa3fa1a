// python_packages_table.h: `python_packages`, Python distributions in site directories.
#pragma once

#include <osquery_module.hpp>

namespace oqm_packages {

struct PythonPackagesTable {
  static constexpr const char* kName = "python_packages";
  static constexpr oqm::Column kColumns[] = {
      {"name", oqm::Type::Text},
      {"uid", oqm::Type::BigInt, oqm::kIndex},
      {"version", oqm::Type::Text, 0, "version"},
      {"summary", oqm::Type::Text},
      {"author", oqm::Type::Text},
      {"license", oqm::Type::Text},
      {"path", oqm::Type::Text},
      {"directory", oqm::Type::Text, oqm::kIndex | oqm::kOptimized},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_packages
