// text_util.h: small text and file helpers shared by the network tables.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace network_module {

// The whole content of a file; nullopt when it cannot be opened or read.
std::optional<std::string> readTextFile(const std::string& path);

// `text` without leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view text);

// Splits `text` on runs of whitespace (no empty tokens).
std::vector<std::string_view> splitWhitespace(std::string_view text);

// Splits `text` on every `separator` (keeps empty pieces).
std::vector<std::string_view> split(std::string_view text, char separator);

// Joins `pieces` with `separator`.
std::string join(const std::vector<std::string_view>& pieces, std::string_view separator);

// Calls `visit(line)` for every line of `text` (without its newline).
template <typename Visit>
void forEachLine(std::string_view text, Visit&& visit) {
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    visit(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

// A number written in `base` that makes up all of `text`; nullopt otherwise.
std::optional<uint64_t> parseUnsigned(std::string_view text, int base = 10);
// A signed decimal number that makes up all of `text`.
std::optional<int64_t> parseSigned(std::string_view text);

// An IPv4 (4 bytes) or IPv6 (16 bytes) address in network order, as inet_ntop writes it.
std::string formatAddress(int family, const void* bytes);

// Bytes as lowercase hexadecimal pairs joined by ':' (a MAC address).
std::string formatMac(const unsigned char* bytes, size_t length);

}  // namespace network_module
