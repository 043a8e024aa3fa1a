// user_groups_table.h: `user_groups`, every (uid, gid) membership of the local users.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct UserGroupsTable {
  static constexpr const char* kName = "user_groups";
  static constexpr oqm::Column kColumns[] = {
      {"uid", oqm::Type::BigInt, oqm::kIndex | oqm::kOptimized},
      {"gid", oqm::Type::BigInt, oqm::kIndex},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
