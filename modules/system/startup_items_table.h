// startup_items_table.h: `startup_items`, programs started at boot or login.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct StartupItemsTable {
  static constexpr const char* kName = "startup_items";
  static constexpr oqm::Column kColumns[] = {
      {"name", oqm::Type::Text},     {"path", oqm::Type::Text},   {"args", oqm::Type::Text},
      {"type", oqm::Type::Text},     {"source", oqm::Type::Text}, {"status", oqm::Type::Text},
      {"username", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
