#include "proc_parsers.h"

#include <cstring>

#include "proc_fs.h"

namespace processes_module {

namespace {

std::optional<int64_t> parseSigned(std::string_view text) {
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  auto value = parseDecimal(text);
  if (!value) return std::nullopt;
  return negative ? -*value : *value;
}

std::optional<int64_t> parseHex(std::string_view text) {
  if (text.empty() || text.size() > 16) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else {
      return std::nullopt;
    }
    value = (value << 4) | static_cast<uint64_t>(digit);
  }
  if (value > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  return static_cast<int64_t>(value);
}

// Splits the piece up to the next `terminator` (or the end) off `rest`.
std::string_view nextTerminated(std::string_view& rest, char terminator) {
  size_t at = rest.find(terminator);
  std::string_view piece = rest.substr(0, at);
  rest = at == std::string_view::npos ? std::string_view() : rest.substr(at + 1);
  return piece;
}

// Splits off the next `separator`-delimited piece of `rest`, skipping empty pieces (as osquery's
// split does). Empty when nothing is left.
std::string_view nextField(std::string_view& rest, char separator) {
  while (!rest.empty() && rest.front() == separator) rest.remove_prefix(1);
  return nextTerminated(rest, separator);
}

// Calls fn(key, value) for each "Key: value" line; value is trimmed.
template <typename Fn>
void forEachKeyValueLine(std::string_view content, Fn&& fn) {
  while (!content.empty()) {
    std::string_view line = nextTerminated(content, '\n');
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    fn(line.substr(0, colon), trimWhitespace(line.substr(colon + 1)));
  }
}

// "Uid:\t1000\t1000\t1000\t1000": real, effective, saved, filesystem.
void parseIdTriple(std::string_view value, std::optional<int64_t>& real,
                   std::optional<int64_t>& effective, std::optional<int64_t>& saved) {
  std::string_view parts[4];
  for (auto& part : parts) part = trimWhitespace(nextField(value, '\t'));
  if (parts[3].empty() || !trimWhitespace(value).empty()) return;  // osquery wants exactly 4
  real = parseDecimal(parts[0]);
  effective = parseDecimal(parts[1]);
  saved = parseDecimal(parts[2]);
}

// "1234 kB" -> 1234.
std::optional<int64_t> parseKilobytes(std::string_view value) {
  constexpr std::string_view kUnit = " kB";
  if (value.ends_with(kUnit)) value.remove_suffix(kUnit.size());
  return parseDecimal(trimWhitespace(value));
}

}  // namespace

bool parseStat(std::string_view content, StatFields& out) {
  size_t close = content.rfind(')');
  if (close == std::string_view::npos || content.size() <= close + 2) return false;
  std::string_view rest = content.substr(close + 2);
  // After "(comm) ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt
  // utime stime cutime cstime priority nice num_threads itrealvalue starttime ...
  std::string_view fields[20];
  for (auto& field : fields) {
    field = trimWhitespace(nextField(rest, ' '));
    if (field.empty()) return false;
  }
  auto parent = parseSigned(fields[1]);
  auto pgroup = parseSigned(fields[2]);
  auto utime = parseDecimal(fields[11]);
  auto stime = parseDecimal(fields[12]);
  auto nice = parseSigned(fields[16]);
  auto threads = parseSigned(fields[17]);
  if (!parent || !pgroup || !utime || !stime || !nice || !threads) return false;
  out.state = fields[0][0];
  out.parent = *parent;
  out.pgroup = *pgroup;
  out.user_ticks = *utime;
  out.system_ticks = *stime;
  out.nice = *nice;
  out.threads = *threads;
  out.start_ticks = parseDecimal(fields[19]);
  return true;
}

void parseStatus(std::string_view content, StatusFields& out) {
  forEachKeyValueLine(content, [&](std::string_view key, std::string_view value) {
    if (key == "Name") {
      out.name = value;
    } else if (key == "Uid") {
      parseIdTriple(value, out.uid, out.euid, out.suid);
    } else if (key == "Gid") {
      parseIdTriple(value, out.gid, out.egid, out.sgid);
    } else if (key == "VmSize") {
      out.total_kb = parseKilobytes(value);
    } else if (key == "VmRSS") {
      out.resident_kb = parseKilobytes(value);
    }
  });
}

void parseIo(std::string_view content, IoFields& out) {
  forEachKeyValueLine(content, [&](std::string_view key, std::string_view value) {
    if (key == "read_bytes") {
      out.read_bytes = parseDecimal(value);
    } else if (key == "write_bytes") {
      out.write_bytes = parseDecimal(value);
    } else if (key == "cancelled_write_bytes") {
      out.cancelled_write_bytes = parseDecimal(value);
    }
  });
}

std::string_view parseCgroupPath(std::string_view content) {
  // "0::/user.slice" (v2) or "12:pids:/user.slice" (v1); the path itself may contain ':'.
  std::string_view line = content.substr(0, content.find('\n'));
  size_t first = line.find(':');
  if (first == std::string_view::npos) return {};
  size_t second = line.find(':', first + 1);
  if (second == std::string_view::npos) return {};
  return line.substr(second + 1);
}

bool parseMapsLine(std::string_view line, MapsLine& out) {
  // "7f1c2a000000-7f1c2a021000 rw-p 00000000 00:00 0          [heap]"
  std::string_view fields[5];
  for (auto& field : fields) {
    field = nextField(line, ' ');
    if (field.empty()) return false;
  }
  size_t dash = fields[0].find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 == fields[0].size()) return false;
  out.start = fields[0].substr(0, dash);
  out.end = fields[0].substr(dash + 1);
  out.permissions = fields[1];
  out.offset = parseHex(fields[2]).value_or(-1);
  out.device = fields[3];
  out.inode = parseDecimal(fields[4]);
  out.path = trimWhitespace(line);
  out.pseudo = fields[4] == "0" && !out.path.empty();
  return true;
}

std::string_view nextNulEntry(std::string_view& rest) {
  return nextTerminated(rest, '\0');
}

std::string_view nextLine(std::string_view& rest) {
  return nextTerminated(rest, '\n');
}

EnvEntry splitEnvEntry(std::string_view entry) {
  size_t eq = entry.find('=');
  if (eq == std::string_view::npos) return {entry, {}};
  return {entry.substr(0, eq), entry.substr(eq + 1)};
}

bool isOpenFileTarget(std::string_view target) {
  return !target.empty() && !target.starts_with("socket:[") && !target.starts_with("pipe:[") &&
         !target.starts_with("anon_inode:");
}

std::string_view normalizeCmdline(char* content, size_t length) {
  for (char* p = static_cast<char*>(std::memchr(content, '\0', length)); p != nullptr;
       p = static_cast<char*>(std::memchr(p, '\0', length - static_cast<size_t>(p - content)))) {
    *p = ' ';
  }
  return trimWhitespace(std::string_view(content, length));
}

std::string_view parseNamespaceInode(std::string_view link_target) {
  size_t open = link_target.find(":[");
  if (open == std::string_view::npos || link_target.empty() || link_target.back() != ']') {
    return {};
  }
  std::string_view digits = link_target.substr(open + 2, link_target.size() - open - 3);
  if (!parseDecimal(digits)) return {};
  return digits;
}

}  // namespace processes_module
