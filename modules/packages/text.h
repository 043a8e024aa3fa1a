// text.h: file, directory and text helpers shared by the package tables' parsers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_packages {

// The whole content of a file, or std::nullopt when it cannot be opened or read. Reads at most
// `max_bytes` (package databases are large; 256 MiB is far above any real dpkg status file).
std::optional<std::string> readFile(const std::string& path, size_t max_bytes = 256u << 20);

// `text` without leading and trailing whitespace (space, tab, CR, LF, VT, FF).
std::string_view trim(std::string_view text);

// Splits on any of `delims`, dropping empty pieces (consecutive delimiters count as one).
std::vector<std::string_view> splitAny(std::string_view text, std::string_view delims);

// The lines of `text` (without their '\n' or a trailing '\r'); a final line without '\n' is
// included.
std::vector<std::string_view> lines(std::string_view text);

// A decimal integer spanning all of `text` (after trimming); std::nullopt otherwise.
std::optional<int64_t> toInt(std::string_view text);

bool iequals(std::string_view a, std::string_view b);
bool startsWith(std::string_view text, std::string_view prefix);
bool endsWith(std::string_view text, std::string_view suffix);

// The entries of a directory (not "." or ".."), sorted by name; empty when it cannot be read.
std::vector<std::string> listDirectory(const std::string& dir);

bool isDirectory(const std::string& path);
bool isRegularFile(const std::string& path);

// The paths matching a glob(3) pattern, sorted; only directories when `only_dirs`.
std::vector<std::string> globPaths(const std::string& pattern, bool only_dirs = false);

}  // namespace oqm_packages
