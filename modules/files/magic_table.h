// magic_table.h: `magic`, libmagic's description, MIME type and encoding of the files named by
// `path`, optionally with other magic databases (`magic_db_files`, colon-separated as for
// magic_load(3)).
#pragma once

#include <osquery_module.hpp>

namespace oqm_files {

struct MagicTable {
  static constexpr const char* kName = "magic";
  static constexpr oqm::Column kColumns[] = {
      {"path", oqm::Type::Text, oqm::kRequired | oqm::kIndex},
      {"magic_db_files", oqm::Type::Text, oqm::kAdditional},
      {"data", oqm::Type::Text},
      {"mime_type", oqm::Type::Text},
      {"mime_encoding", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_files
