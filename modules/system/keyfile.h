// keyfile.h: the "[Section]\nKey=Value" format of systemd unit files (systemd.syntax(7)) and
// XDG desktop entries, parsed once for both.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_system {

struct KeyFileEntry {
  std::string section;  // without brackets
  std::string key;
  std::string value;  // trimmed
};

// Every assignment in file order. Lines starting with '#' or ';' are comments; with
// `continuation`, a line ending in '\' continues on the next (unit files), joined by a space.
std::vector<KeyFileEntry> parseKeyFile(std::string_view text, bool continuation);

// The value of the LAST assignment of `key` in `section` (later assignments override earlier
// ones in both formats), or nullopt.
std::optional<std::string> lastValue(const std::vector<KeyFileEntry>& entries,
                                     std::string_view section, std::string_view key);

}  // namespace oqm_system
