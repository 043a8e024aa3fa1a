// kernel_keys_table.h: `kernel_keys`, the keys and keyrings of the kernel's key retention
// service that the reading process may view (/proc/keys).
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct KernelKeysTable {
  static constexpr const char* kName = "kernel_keys";
  static constexpr oqm::Column kColumns[] = {
      {"serial_number", oqm::Type::Text}, {"flags", oqm::Type::Text},
      {"usage", oqm::Type::BigInt},       {"timeout", oqm::Type::Text},
      {"permissions", oqm::Type::Text},   {"uid", oqm::Type::BigInt},
      {"gid", oqm::Type::BigInt},         {"type", oqm::Type::Text},
      {"description", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
