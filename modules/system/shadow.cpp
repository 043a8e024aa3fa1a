#include "shadow.h"

#include "util.h"

namespace oqm_system {
namespace {

// The ':'-separated fields of a line, empty ones included.
std::vector<std::string_view> colonFields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t colon = line.find(':', start);
    out.push_back(line.substr(start, colon == std::string_view::npos ? colon : colon - start));
    if (colon == std::string_view::npos) return out;
    start = colon + 1;
  }
}

int64_t dayField(std::string_view field) {
  return field.empty() ? -1 : toInt(field).value_or(-1);
}

}  // namespace

std::vector<ShadowEntry> parseShadowText(std::string_view text) {
  std::vector<ShadowEntry> out;
  for (std::string_view line : lines(text)) {
    if (line.empty() || line[0] == '#' || line[0] == '+' || line[0] == '-') continue;
    auto f = colonFields(line);
    if (f.size() < 9 || f[0].empty()) continue;
    ShadowEntry e;
    e.name = std::string(f[0]);
    e.password = std::string(f[1]);
    e.last_change = dayField(f[2]);
    e.min = dayField(f[3]);
    e.max = dayField(f[4]);
    e.warning = dayField(f[5]);
    e.inactive = dayField(f[6]);
    e.expire = dayField(f[7]);
    e.flag = dayField(f[8]);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<ShadowEntry> parseShadow(const std::string& path) {
  auto text = readFile(path);
  return text ? parseShadowText(*text) : std::vector<ShadowEntry>{};
}

std::string_view passwordStatus(std::string_view password) {
  if (password == "!!") return "not_set";
  if (password.empty()) return "empty";
  if (password[0] == '!' || password[0] == '*' || password[0] == 'x') return "locked";
  return "active";
}

std::string_view hashAlgorithm(std::string_view password) {
  // The id is one or more word characters between the first two '$'.
  if (password.size() < 3 || password[0] != '$') return {};
  size_t end = password.find('$', 1);
  if (end == std::string_view::npos || end == 1) return {};
  std::string_view id = password.substr(1, end - 1);
  for (char c : id) {
    bool word =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!word) return {};
  }
  return id;
}

}  // namespace oqm_system
