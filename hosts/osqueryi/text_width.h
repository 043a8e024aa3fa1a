// text_width.h: the width of text as the shell lays it out. osquery's printer counts UTF-8
// code points (utf8StringSize), not bytes and not terminal cells, so "é" is one wide and a
// CJK character is one wide too; every mode of this shell measures the same way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace oqs {

// The number of UTF-8 code points in `text` (bytes that do not continue a sequence).
size_t displayLength(std::string_view text);

// The first `count` code points of `text`.
std::string_view prefixOf(std::string_view text, size_t count);

// printf's "%-*.*s" (width >= 0: left-aligned) and "%*.*s" (width < 0: right-aligned to
// -width), measured in code points: cut to the width, then padded with spaces to it.
std::string fitToWidth(std::string_view text, int width);

// printf's "%*s": right-aligned to `width` code points, never cut.
std::string padLeft(std::string_view text, size_t width);

}  // namespace oqs
