// text.h: text helpers the modules' parsers share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_support {

// `text` without leading and trailing whitespace (space, tab, CR, LF, VT, FF).
std::string_view trim(std::string_view text);

// Splits on any of `delims`, dropping empty pieces (consecutive delimiters count as one), as
// osquery's split() does.
std::vector<std::string_view> splitAny(std::string_view text,
                                       std::string_view delims = " \t\n\v\f\r");

// The lines of `text` without their '\n' (and, with strip_cr, without a trailing '\r'); a final
// line without '\n' is included.
std::vector<std::string_view> lines(std::string_view text, bool strip_cr = false);

// Joins pieces[first..] with one separator.
std::string join(const std::vector<std::string_view>& pieces, std::string_view separator,
                 size_t first = 0);

// A decimal integer spanning all of `text` (no whitespace allowed); std::nullopt otherwise.
std::optional<int64_t> toInt(std::string_view text);
std::optional<uint64_t> toUint(std::string_view text);

bool iequals(std::string_view a, std::string_view b);
bool startsWith(std::string_view text, std::string_view prefix);
bool endsWith(std::string_view text, std::string_view suffix);
std::string toLower(std::string_view text);

// `size` bytes as lower-case hex, two digits a byte (digests, binary ids).
std::string toHex(const void* data, size_t size);

}  // namespace oqm_support
