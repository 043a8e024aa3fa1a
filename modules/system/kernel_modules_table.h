// kernel_modules_table.h: `kernel_modules`, the loaded modules of /proc/modules.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct KernelModulesTable {
  static constexpr const char* kName = "kernel_modules";
  static constexpr oqm::Column kColumns[] = {
      {"name", oqm::Type::Text},   {"size", oqm::Type::BigInt},  {"used_by", oqm::Type::Text},
      {"status", oqm::Type::Text}, {"address", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
