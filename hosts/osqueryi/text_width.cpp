#include "hosts/osqueryi/text_width.h"

#include <cstdlib>

namespace oqs {

namespace {

bool isContinuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

size_t displayLength(std::string_view text) {
  size_t n = 0;
  for (char c : text) {
    if (!isContinuation(c)) ++n;
  }
  return n;
}

std::string_view prefixOf(std::string_view text, size_t count) {
  size_t seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!isContinuation(text[i])) {
      if (seen == count) return text.substr(0, i);
      ++seen;
    }
  }
  return text;
}

std::string fitToWidth(std::string_view text, int width) {
  size_t w = static_cast<size_t>(std::abs(width));
  std::string_view cut = prefixOf(text, w);
  size_t len = displayLength(cut);
  std::string pad(len < w ? w - len : 0, ' ');
  return width < 0 ? pad + std::string(cut) : std::string(cut) + pad;
}

std::string padLeft(std::string_view text, size_t width) {
  size_t len = displayLength(text);
  return std::string(len < width ? width - len : 0, ' ') + std::string(text);
}

}  // namespace oqs
