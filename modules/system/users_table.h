// users_table.h: `users`, the local user accounts (/etc/passwd; NSS with include_remote = 1).
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct UsersTable {
  static constexpr const char* kName = "users";
  static constexpr oqm::Column kColumns[] = {
      {"uid", oqm::Type::BigInt, oqm::kIndex},
      {"gid", oqm::Type::BigInt},
      {"uid_signed", oqm::Type::BigInt},
      {"gid_signed", oqm::Type::BigInt},
      {"username", oqm::Type::Text, oqm::kAdditional},
      {"description", oqm::Type::Text},
      {"directory", oqm::Type::Text},
      {"shell", oqm::Type::Text},
      {"uuid", oqm::Type::Text, oqm::kIndex, "nocase"},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
      {"include_remote", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
