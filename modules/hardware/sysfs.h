// sysfs.h: small file, directory and text helpers shared by the hardware tables' readers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_hardware {

// The whole content of a file (sysfs and procfs files included, which report size 0), or
// std::nullopt when it cannot be opened or read. Reads at most `max_bytes`.
std::optional<std::string> readFile(const std::string& path, size_t max_bytes = 64u << 20);

// A sysfs attribute: the file's text up to its first NUL, trimmed; std::nullopt when absent or
// unreadable.
std::optional<std::string> readAttribute(const std::string& path);

// The entry names of a directory (without "." and ".."), sorted; empty when it cannot be read.
std::vector<std::string> listDirectory(const std::string& path);

bool isDirectory(const std::string& path);
bool isRegularFile(const std::string& path);
bool exists(const std::string& path);

// The last component of a symbolic link's target (e.g. a device's `driver` link), or
// std::nullopt when `path` is not a readable link.
std::optional<std::string> linkTargetName(const std::string& path);

// `text` without leading and trailing whitespace.
std::string_view trim(std::string_view text);
std::string toLower(std::string_view text);

// An unsigned integer in `base` spanning all of `text` (after trimming; "0x" allowed for 16).
std::optional<uint64_t> parseUnsigned(std::string_view text, int base = 10);

// "0x" followed by `value` in lower-case hex, zero-padded to `width` digits.
std::string hexString(uint64_t value, int width);

}  // namespace oqm_hardware
