// osquery semantics: osquery/tables/system/posix/shell_history.cpp (the same two timestamp
// forms: bash `^#[0-9]+$` before a command, zsh `^: {0,10}[0-9]{1,11}:[0-9]+;(.*)$`).
#include "shell_history.h"

#include "text_util.h"
#include "user_homes.h"

namespace oqm_files {
namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// The value of a run of digits; 0 when it overflows.
int64_t toInt(std::string_view digits) {
  return oqm_support::toInt(digits).value_or(0);
}

// "#1700000000": a bash timestamp line.
bool bashTimestamp(std::string_view line, std::string_view& digits) {
  if (line.size() < 2 || line[0] != '#') return false;
  for (size_t i = 1; i < line.size(); ++i) {
    if (!isDigit(line[i])) return false;
  }
  digits = line.substr(1);
  return true;
}

// ": 1700000000:0;command": a zsh extended-history line.
bool zshExtended(std::string_view line, int64_t& time, std::string_view& command) {
  if (line.empty() || line[0] != ':') return false;
  size_t pos = 1;
  size_t spaces = 0;
  while (pos < line.size() && line[pos] == ' ') ++pos, ++spaces;
  if (spaces > 10) return false;
  size_t begin = pos;
  while (pos < line.size() && isDigit(line[pos])) ++pos;
  if (pos == begin || pos - begin > 11 || pos >= line.size() || line[pos] != ':') return false;
  std::string_view stamp = line.substr(begin, pos - begin);
  size_t elapsed = ++pos;
  while (pos < line.size() && isDigit(line[pos])) ++pos;
  if (pos == elapsed || pos >= line.size() || line[pos] != ';') return false;
  time = toInt(stamp);
  command = line.substr(pos + 1);
  return true;
}

}  // namespace

std::vector<HistoryEntry> parseShellHistory(std::string_view text) {
  std::vector<HistoryEntry> out;
  std::string_view pending_time;
  bool have_time = false;
  for (std::string_view line : splitAny(text, "\n")) {
    std::string_view digits;
    if (!have_time && bashTimestamp(line, digits)) {
      pending_time = digits;
      have_time = true;
      continue;
    }
    HistoryEntry entry;
    int64_t time = 0;
    std::string_view command;
    if (have_time) {
      entry.time = toInt(pending_time);
      entry.command = std::string(line);
      have_time = false;
    } else if (zshExtended(line, time, command)) {
      entry.time = time;
      entry.command = std::string(command);
    } else {
      entry.command = std::string(line);
    }
    out.push_back(std::move(entry));
  }
  return out;
}

void ShellHistoryTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  for (const auto& user : usersForQuery(query)) {
    for (const char* name : kShellHistoryFiles) {
      const std::string file = homeFile(user.directory, name);
      auto text = readTextFile(file);
      if (!text) continue;
      for (auto& entry : parseShellHistory(*text)) {
        if (rows.done()) return;
        rows.add()
            .set("uid", user.uid)
            .set("time", entry.time)
            .set("command", entry.command)
            .set("history_file", file);
      }
    }
  }
}

}  // namespace oqm_files
