// logged_in_users_table.h: `logged_in_users`, the sessions recorded in /var/run/utmp.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct LoggedInUsersTable {
  static constexpr const char* kName = "logged_in_users";
  static constexpr oqm::Column kColumns[] = {
      {"type", oqm::Type::Text}, {"user", oqm::Type::Text},   {"tty", oqm::Type::Text},
      {"host", oqm::Type::Text}, {"time", oqm::Type::BigInt}, {"pid", oqm::Type::Integer},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
