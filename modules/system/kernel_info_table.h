// kernel_info_table.h: `kernel_info`, the running kernel's release and boot command line.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct KernelInfoTable {
  static constexpr const char* kName = "kernel_info";
  static constexpr oqm::Column kColumns[] = {
      {"version", oqm::Type::Text, 0, "version"},
      {"arguments", oqm::Type::Text},
      {"path", oqm::Type::Text},
      {"device", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
