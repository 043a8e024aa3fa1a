// file_table.h: `file`, the stat(2) facts of the files named by `path` or `directory`.
#pragma once

#include <osquery_module.hpp>

namespace oqm_files {

struct FileTable {
  static constexpr const char* kName = "file";
  static constexpr oqm::Column kColumns[] = {
      {"path", oqm::Type::Text, oqm::kRequired | oqm::kIndex | oqm::kOptimized},
      {"directory", oqm::Type::Text, oqm::kRequired | oqm::kOptimized},
      {"filename", oqm::Type::Text},
      {"inode", oqm::Type::BigInt},
      {"uid", oqm::Type::BigInt},
      {"gid", oqm::Type::BigInt},
      {"mode", oqm::Type::Text},
      {"device", oqm::Type::BigInt},
      {"size", oqm::Type::BigInt},
      {"block_size", oqm::Type::Integer},
      {"atime", oqm::Type::BigInt},
      {"mtime", oqm::Type::BigInt},
      {"ctime", oqm::Type::BigInt},
      {"btime", oqm::Type::BigInt},
      {"hard_links", oqm::Type::Integer},
      {"symlink", oqm::Type::Integer},
      {"type", oqm::Type::Text},
      {"symlink_target_path", oqm::Type::Text},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
      {"mount_namespace_id", oqm::Type::Text, oqm::kHidden},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_files
