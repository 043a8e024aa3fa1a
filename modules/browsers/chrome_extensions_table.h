// chrome_extensions_table.h: `chrome_extensions`, extensions of Chromium-based browsers.
#pragma once

#include <osquery_module.hpp>

namespace oqm_browsers {

struct ChromeExtensionsTable {
  static constexpr const char* kName = "chrome_extensions";
  static constexpr oqm::Column kColumns[] = {
      {"browser_type", oqm::Type::Text},
      {"uid", oqm::Type::BigInt, oqm::kIndex | oqm::kOptimized},
      {"name", oqm::Type::Text},
      {"profile", oqm::Type::Text},
      {"profile_path", oqm::Type::Text},
      {"referenced_identifier", oqm::Type::Text},
      {"identifier", oqm::Type::Text},
      {"version", oqm::Type::Text, 0, "version"},
      {"description", oqm::Type::Text},
      {"default_locale", oqm::Type::Text},
      {"current_locale", oqm::Type::Text},
      {"update_url", oqm::Type::Text},
      {"author", oqm::Type::Text},
      {"persistent", oqm::Type::Integer},
      {"path", oqm::Type::Text},
      {"permissions", oqm::Type::Text},
      {"permissions_json", oqm::Type::Text, oqm::kHidden},
      {"optional_permissions", oqm::Type::Text},
      {"optional_permissions_json", oqm::Type::Text, oqm::kHidden},
      {"manifest_hash", oqm::Type::Text, 0, "nocase"},
      {"referenced", oqm::Type::BigInt},
      {"from_webstore", oqm::Type::Text},
      {"state", oqm::Type::Text},
      {"install_time", oqm::Type::Text},
      {"install_timestamp", oqm::Type::BigInt},
      {"manifest_json", oqm::Type::Text, oqm::kHidden},
      {"key", oqm::Type::Text, oqm::kHidden},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_browsers
