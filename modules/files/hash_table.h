// hash_table.h: `hash`, MD5/SHA-1/SHA-256 of the regular files named by `path` or `directory`.
// Only the digests the statement reads are computed, all in one read of each file.
#pragma once

#include <osquery_module.hpp>

namespace oqm_files {

struct HashTable {
  static constexpr const char* kName = "hash";
  static constexpr oqm::Column kColumns[] = {
      {"path", oqm::Type::Text, oqm::kRequired | oqm::kIndex | oqm::kOptimized},
      {"directory", oqm::Type::Text, oqm::kRequired | oqm::kOptimized},
      {"md5", oqm::Type::Text, 0, "nocase"},
      {"sha1", oqm::Type::Text, 0, "nocase"},
      {"sha256", oqm::Type::Text, 0, "nocase"},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
      {"mount_namespace_id", oqm::Type::Text, oqm::kHidden},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_files
