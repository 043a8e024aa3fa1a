#include "keyfile.h"

#include "util.h"

namespace oqm_system {

std::vector<KeyFileEntry> parseKeyFile(std::string_view text, bool continuation) {
  std::vector<KeyFileEntry> out;
  std::string section;
  std::string pending;  // a line continued with '\'
  for (std::string_view raw : lines(text)) {
    std::string_view line = trim(raw);
    if (pending.empty() && (line.empty() || line[0] == '#' || line[0] == ';')) continue;
    std::string joined;
    if (!pending.empty()) {
      // Comment lines inside a continuation are skipped, as systemd does.
      if (!line.empty() && (line[0] == '#' || line[0] == ';')) continue;
      joined = pending + " " + std::string(line);
      pending.clear();
      line = joined;
    }
    if (continuation && !line.empty() && line.back() == '\\') {
      pending = std::string(trim(line.substr(0, line.size() - 1)));
      if (pending.empty()) pending = " ";
      continue;
    }
    if (line.front() == '[' && line.back() == ']') {
      section = std::string(line.substr(1, line.size() - 2));
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    out.push_back(
        {section, std::string(trim(line.substr(0, eq))), std::string(trim(line.substr(eq + 1)))});
  }
  return out;
}

std::optional<std::string> lastValue(const std::vector<KeyFileEntry>& entries,
                                     std::string_view section, std::string_view key) {
  std::optional<std::string> value;
  for (const auto& e : entries) {
    if (e.section == section && e.key == key) value = e.value;
  }
  return value;
}

}  // namespace oqm_system
