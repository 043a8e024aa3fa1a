// groups_table.h: `groups`, the local groups (/etc/group).
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct GroupsTable {
  static constexpr const char* kName = "groups";
  static constexpr oqm::Column kColumns[] = {
      {"gid", oqm::Type::BigInt, oqm::kIndex},
      {"gid_signed", oqm::Type::BigInt},
      {"groupname", oqm::Type::Text},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
