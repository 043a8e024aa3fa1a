#include "sysfs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>

namespace oqm_hardware {

std::optional<std::string> readAttribute(const std::string& path) {
  auto text = readFile(path, 65536);
  if (!text) return std::nullopt;
  // Firmware-provided strings may carry NUL padding.
  std::string_view view(*text);
  view = view.substr(0, view.find('\0'));
  return std::string(trim(view));
}

std::optional<uint64_t> unsignedAttribute(const std::string& path, int base) {
  auto text = readAttribute(path);
  if (!text) return std::nullopt;
  return parseUnsigned(*text, base);
}

std::optional<std::string> linkTargetName(const std::string& path) {
  char buffer[4096];
  ssize_t n = ::readlink(path.c_str(), buffer, sizeof(buffer));
  if (n <= 0) return std::nullopt;
  std::string_view target(buffer, static_cast<size_t>(n));
  size_t slash = target.rfind('/');
  if (slash != std::string_view::npos) target = target.substr(slash + 1);
  return std::string(target);
}

std::optional<uint64_t> parseUnsigned(std::string_view text, int base) {
  text = trim(text);
  if (base == 16 && text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    text.remove_prefix(2);
  }
  if (text.empty()) return std::nullopt;
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string hexString(uint64_t value, int width) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "0x%0*llx", width, static_cast<unsigned long long>(value));
  return buffer;
}

}  // namespace oqm_hardware
