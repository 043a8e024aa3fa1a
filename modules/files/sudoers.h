// sudoers.h: `sudoers`, the rules of /etc/sudoers and of the files it includes.
#pragma once

#include <osquery_module.hpp>
#include <string>
#include <vector>

namespace oqm_files {

inline constexpr const char* kSudoersPath = "/etc/sudoers";

struct SudoersRule {
  std::string source;        // the file the line is in
  std::string header;        // first word, or "include" / "includedir"
  std::string rule_details;  // the other words joined by single spaces, or the included path
};

// Reads `path` and, depth-first, the files it includes (#include / @include FILE, relative to
// the including file's directory; #includedir / @includedir DIR: the files of DIR whose names
// contain no '.' and do not end in '~', in name order), at most 128 files deep. Each include is
// a row itself, before the rows of what it includes. Blank and comment lines are skipped.
std::vector<SudoersRule> readSudoers(const std::string& path = kSudoersPath);

struct SudoersTable {
  static constexpr const char* kName = "sudoers";
  static constexpr oqm::Column kColumns[] = {
      {"source", oqm::Type::Text},
      {"header", oqm::Type::Text},
      {"rule_details", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_files
