// util.h: small text and file helpers shared by the system tables' parsers.
#pragma once

#include <oqm_support/files.h>
#include <oqm_support/text.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_system {

using oqm_support::lines;
using oqm_support::splitAny;
using oqm_support::toInt;
using oqm_support::toUint;
using oqm_support::trim;

// The whole content of a file (procfs and sysfs files included), at most `max_bytes`.
inline std::optional<std::string> readFile(const std::string& path, size_t max_bytes = 64u << 20) {
  return oqm_support::readFile(path, max_bytes);
}

// A C string stored in a fixed-size char array that need not be NUL terminated.
template <size_t N>
std::string fixedString(const char (&field)[N]) {
  size_t n = 0;
  while (n < N && field[n] != '\0') ++n;
  return std::string(field, n);
}

}  // namespace oqm_system
