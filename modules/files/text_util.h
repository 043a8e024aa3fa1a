// text_util.h: small text helpers the files module's parsers share (reading a whole file,
// trimming, osquery-style splitting).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_files {

// The whole content of a file, or nullopt when it cannot be opened or read.
std::optional<std::string> readTextFile(const std::string& path);

// `text` without leading and trailing whitespace (space, tab, CR, LF, VT, FF).
std::string_view trim(std::string_view text);

// Splits on any of the characters in `delims` and drops empty pieces, as osquery's split() does.
std::vector<std::string_view> splitAny(std::string_view text,
                                       std::string_view delims = " \t\n\v\f\r");

// Joins pieces with one separator.
std::string join(const std::vector<std::string_view>& pieces, std::string_view separator,
                 size_t first = 0);

}  // namespace oqm_files
