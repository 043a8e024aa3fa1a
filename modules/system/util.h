// util.h: small text and file helpers shared by the system tables' parsers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_system {

// The whole content of a file (procfs and sysfs files included, which report size 0), or
// std::nullopt when it cannot be opened or read. Reads at most `max_bytes`.
std::optional<std::string> readFile(const std::string& path, size_t max_bytes = 64u << 20);

// `text` without leading and trailing whitespace (space, tab, CR, LF, VT, FF).
std::string_view trim(std::string_view text);

// Splits on any of `delims`, dropping empty pieces (consecutive delimiters count as one).
std::vector<std::string_view> splitAny(std::string_view text, std::string_view delims);

// The lines of `text` (without their '\n'); a final line without '\n' is included.
std::vector<std::string_view> lines(std::string_view text);

// A decimal integer spanning all of `text`; std::nullopt otherwise.
std::optional<int64_t> toInt(std::string_view text);
std::optional<uint64_t> toUint(std::string_view text);

// A C string stored in a fixed-size char array that need not be NUL terminated.
template <size_t N>
std::string fixedString(const char (&field)[N]) {
  size_t n = 0;
  while (n < N && field[n] != '\0') ++n;
  return std::string(field, n);
}

}  // namespace oqm_system
