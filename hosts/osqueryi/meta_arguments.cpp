#include "hosts/osqueryi/meta_arguments.h"

#include <cctype>

namespace oqs {

namespace {

bool isSpace(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

std::string resolveBackslashes(std::string_view z) {
  std::string out;
  out.reserve(z.size());
  for (size_t i = 0; i < z.size(); ++i) {
    char c = z[i];
    if (c == '\\' && i + 1 < z.size()) {
      c = z[++i];
      if (c == 'n') {
        c = '\n';
      } else if (c == 't') {
        c = '\t';
      } else if (c == 'r') {
        c = '\r';
      } else if (c >= '0' && c <= '7') {
        int v = c - '0';
        for (int k = 0; k < 2 && i + 1 < z.size() && z[i + 1] >= '0' && z[i + 1] <= '7'; ++k) {
          v = (v << 3) + (z[++i] - '0');
        }
        c = static_cast<char>(v);
      }
      // "\\" and "\x" for any other x give x.
    }
    out += c;
  }
  return out;
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::vector<std::string> splitMetaCommand(std::string_view line) {
  std::vector<std::string> words;
  size_t i = (!line.empty() && line[0] == '.') ? 1 : 0;
  while (i < line.size() && words.size() < 50) {
    while (i < line.size() && isSpace(line[i])) ++i;
    if (i >= line.size()) break;
    if (line[i] == '\'' || line[i] == '"') {
      char delim = line[i++];
      size_t start = i;
      while (i < line.size() && line[i] != delim) {
        if (line[i] == '\\' && delim == '"' && i + 1 < line.size()) ++i;
        ++i;
      }
      std::string_view word = line.substr(start, i - start);
      if (i < line.size()) ++i;  // the closing quote
      words.push_back(delim == '"' ? resolveBackslashes(word) : std::string(word));
    } else {
      size_t start = i;
      while (i < line.size() && !isSpace(line[i])) ++i;
      words.push_back(resolveBackslashes(line.substr(start, i - start)));
    }
  }
  return words;
}

int64_t integerValue(std::string_view z) {
  static const struct {
    const char* suffix;
    int64_t multiplier;
  } kMultipliers[] = {
      {"KiB", 1024}, {"MiB", 1024 * 1024}, {"GiB", 1024 * 1024 * 1024},
      {"KB", 1000},  {"MB", 1000000},      {"GB", 1000000000},
      {"K", 1000},   {"M", 1000000},       {"G", 1000000000},
  };
  int64_t v = 0;
  bool negative = false;
  size_t i = 0;
  if (i < z.size() && (z[i] == '-' || z[i] == '+')) negative = z[i++] == '-';
  if (i + 1 < z.size() && z[i] == '0' && z[i + 1] == 'x') {
    i += 2;
    for (int x; i < z.size() && (x = hexDigit(z[i])) >= 0; ++i) v = (v << 4) + x;
  } else {
    for (; i < z.size() && std::isdigit(static_cast<unsigned char>(z[i])); ++i) {
      v = v * 10 + (z[i] - '0');
    }
  }
  for (const auto& m : kMultipliers) {
    if (equalsIgnoreCase(z.substr(i), m.suffix)) {
      v *= m.multiplier;
      break;
    }
  }
  return negative ? -v : v;
}

std::optional<bool> booleanValue(std::string_view z) {
  size_t i = 0;
  if (z.size() >= 2 && z[0] == '0' && z[1] == 'x') {
    for (i = 2; i < z.size() && hexDigit(z[i]) >= 0; ++i) {
    }
  } else {
    for (i = 0; i < z.size() && z[i] >= '0' && z[i] <= '9'; ++i) {
    }
  }
  if (i > 0 && i == z.size()) return (integerValue(z) & 0xffffffff) != 0;
  static const char* const kTrue[] = {"true", "t", "yes", "y", "on", "enable", "enabled", "ok"};
  static const char* const kFalse[] = {"false", "f", "no", "n", "off", "disable", "disabled"};
  for (const char* w : kTrue) {
    if (equalsIgnoreCase(z, w)) return true;
  }
  for (const char* w : kFalse) {
    if (equalsIgnoreCase(z, w)) return false;
  }
  return std::nullopt;
}

bool commandMatches(std::string_view typed, std::string_view command, size_t min_length) {
  return !typed.empty() && typed.size() >= min_length && typed.size() <= command.size() &&
         command.compare(0, typed.size(), typed) == 0;
}

}  // namespace oqs
