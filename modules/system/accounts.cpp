#include "accounts.h"

#include <algorithm>
#include <optional>

#include "util.h"

namespace oqm_system {
namespace {

// Splits a line on ':' keeping empty fields.
std::vector<std::string_view> colonFields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t pos = 0;
  while (true) {
    size_t end = line.find(':', pos);
    if (end == std::string_view::npos) {
      fields.push_back(line.substr(pos));
      break;
    }
    fields.push_back(line.substr(pos, end - pos));
    pos = end + 1;
  }
  return fields;
}

// An id field as glibc reads it (strtoul, stored in a 32-bit id_t): "-2" is 4294967294.
std::optional<uint32_t> parseId(std::string_view text) {
  text = trim(text);
  if (auto u = toUint(text)) {
    if (*u > UINT32_MAX) return std::nullopt;
    return static_cast<uint32_t>(*u);
  }
  if (auto i = toInt(text)) {
    if (*i < INT32_MIN) return std::nullopt;
    return static_cast<uint32_t>(static_cast<int32_t>(*i));
  }
  return std::nullopt;
}

// The content lines of an account database: not blank, not a comment, not a NIS marker.
bool isEntryLine(std::string_view line) {
  std::string_view t = trim(line);
  if (t.empty()) return false;
  return t.front() != '#' && t.front() != '+' && t.front() != '-';
}

std::string_view stripCR(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

std::vector<PasswdEntry> parsePasswdText(std::string_view text) {
  std::vector<PasswdEntry> out;
  for (std::string_view line : lines(text)) {
    line = stripCR(line);
    if (!isEntryLine(line)) continue;
    auto f = colonFields(line);
    if (f.size() < 4 || f[0].empty()) continue;
    auto uid = parseId(f[2]);
    auto gid = parseId(f[3]);
    if (!uid || !gid) continue;
    PasswdEntry e;
    e.name = std::string(f[0]);
    e.uid = *uid;
    e.gid = *gid;
    if (f.size() > 4) e.gecos = std::string(f[4]);
    if (f.size() > 5) e.dir = std::string(f[5]);
    // The shell is the rest of the line, colons included.
    if (f.size() > 6) {
      size_t offset = static_cast<size_t>(f[6].data() - line.data());
      e.shell = std::string(line.substr(offset));
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<PasswdEntry> parsePasswd(const std::string& path) {
  auto text = readFile(path);
  if (!text) return {};
  return parsePasswdText(*text);
}

std::vector<GroupEntry> parseGroupText(std::string_view text) {
  std::vector<GroupEntry> out;
  for (std::string_view line : lines(text)) {
    line = stripCR(line);
    if (!isEntryLine(line)) continue;
    auto f = colonFields(line);
    if (f.size() < 3 || f[0].empty()) continue;
    auto gid = parseId(f[2]);
    if (!gid) continue;
    GroupEntry e;
    e.name = std::string(f[0]);
    e.gid = *gid;
    if (f.size() > 3) {
      for (std::string_view member : splitAny(f[3], ",")) {
        member = trim(member);
        if (!member.empty()) e.members.emplace_back(member);
      }
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<GroupEntry> parseGroup(const std::string& path) {
  auto text = readFile(path);
  if (!text) return {};
  return parseGroupText(*text);
}

std::vector<uint32_t> groupsForUser(const std::string& user, uint32_t primary_gid,
                                    const std::vector<GroupEntry>& groups) {
  std::vector<uint32_t> out{primary_gid};
  for (const auto& g : groups) {
    if (std::find(g.members.begin(), g.members.end(), user) == g.members.end()) continue;
    if (std::find(out.begin(), out.end(), g.gid) != out.end()) continue;
    out.push_back(g.gid);
  }
  return out;
}

}  // namespace oqm_system
