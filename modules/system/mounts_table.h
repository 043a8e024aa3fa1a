// mounts_table.h: `mounts`, the mounted filesystems (/proc/mounts) with statfs(2) sizes.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct MountsTable {
  static constexpr const char* kName = "mounts";
  static constexpr oqm::Column kColumns[] = {
      {"device", oqm::Type::Text},        {"device_alias", oqm::Type::Text},
      {"path", oqm::Type::Text},          {"type", oqm::Type::Text},
      {"blocks_size", oqm::Type::BigInt}, {"blocks", oqm::Type::BigInt},
      {"blocks_free", oqm::Type::BigInt}, {"blocks_available", oqm::Type::BigInt},
      {"inodes", oqm::Type::BigInt},      {"inodes_free", oqm::Type::BigInt},
      {"flags", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
