// sysfs.h: small file, directory and text helpers shared by the hardware tables' readers.
#pragma once

#include <oqm_support/files.h>
#include <oqm_support/text.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_hardware {

using oqm_support::exists;
using oqm_support::isDirectory;
using oqm_support::isRegularFile;
using oqm_support::listDirectory;
using oqm_support::toLower;
using oqm_support::trim;

// The whole content of a file (sysfs and procfs files included), at most `max_bytes`.
inline std::optional<std::string> readFile(const std::string& path, size_t max_bytes = 64u << 20) {
  return oqm_support::readFile(path, max_bytes);
}

// A sysfs attribute: the file's text up to its first NUL, trimmed; std::nullopt when absent or
// unreadable.
std::optional<std::string> readAttribute(const std::string& path);

// A sysfs attribute holding an unsigned integer in `base` (see parseUnsigned); std::nullopt
// when absent, unreadable or not a number.
std::optional<uint64_t> unsignedAttribute(const std::string& path, int base = 10);

// The last component of a symbolic link's target (e.g. a device's `driver` link), or
// std::nullopt when `path` is not a readable link.
std::optional<std::string> linkTargetName(const std::string& path);

// An unsigned integer in `base` spanning all of `text` (after trimming; "0x" allowed for 16).
std::optional<uint64_t> parseUnsigned(std::string_view text, int base = 10);

// "0x" followed by `value` in lower-case hex, zero-padded to `width` digits.
std::string hexString(uint64_t value, int width);

}  // namespace oqm_hardware
