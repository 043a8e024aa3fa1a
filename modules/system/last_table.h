// last_table.h: `last`, the login and logout records of /var/log/wtmp.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct LastTable {
  static constexpr const char* kName = "last";
  static constexpr oqm::Column kColumns[] = {
      {"username", oqm::Type::Text}, {"tty", oqm::Type::Text},       {"pid", oqm::Type::Integer},
      {"type", oqm::Type::Integer},  {"type_name", oqm::Type::Text}, {"time", oqm::Type::Integer},
      {"host", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
