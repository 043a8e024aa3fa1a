// shell_history.h: `shell_history`, the commands in each user's shell history files.
#pragma once

#include <cstdint>
#include <osquery_module.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_files {

// History files read in each home directory, in osquery's order.
inline constexpr const char* kShellHistoryFiles[] = {".bash_history", ".zsh_history", ".zhistory",
                                                     ".history", ".sh_history"};

struct HistoryEntry {
  int64_t time = 0;  // 0 when the file records no time for the command
  std::string command;
};

// One history file's commands. Understands bash's HISTTIMEFORMAT lines ("#1700000000" before a
// command) and zsh's EXTENDED_HISTORY lines (": 1700000000:0;command"); other lines are
// commands without a time. Blank lines are skipped.
std::vector<HistoryEntry> parseShellHistory(std::string_view text);

struct ShellHistoryTable {
  static constexpr const char* kName = "shell_history";
  static constexpr oqm::Column kColumns[] = {
      {"uid", oqm::Type::BigInt, oqm::kAdditional | oqm::kOptimized},
      {"time", oqm::Type::Integer},
      {"command", oqm::Type::Text},
      {"history_file", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_files
