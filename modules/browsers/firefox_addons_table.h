// firefox_addons_table.h: `firefox_addons`, add-ons of users' Firefox profiles.
#pragma once

#include <osquery_module.hpp>

namespace oqm_browsers {

struct FirefoxAddonsTable {
  static constexpr const char* kName = "firefox_addons";
  static constexpr oqm::Column kColumns[] = {
      {"uid", oqm::Type::BigInt, oqm::kAdditional | oqm::kOptimized},
      {"name", oqm::Type::Text},
      {"identifier", oqm::Type::Text, oqm::kIndex},
      {"creator", oqm::Type::Text},
      {"type", oqm::Type::Text},
      {"version", oqm::Type::Text, 0, "version"},
      {"description", oqm::Type::Text},
      {"source_url", oqm::Type::Text},
      {"visible", oqm::Type::Integer},
      {"active", oqm::Type::Integer},
      {"disabled", oqm::Type::Integer},
      {"autoupdate", oqm::Type::Integer},
      {"location", oqm::Type::Text},
      {"path", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_browsers
