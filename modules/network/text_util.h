// text_util.h: number and address helpers shared by the network tables; for files, lines,
// trimming, splitting on whitespace and joining they use oqm_support (files.h, text.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace network_module {

// Splits `text` on every `separator` (keeps empty pieces).
std::vector<std::string_view> split(std::string_view text, char separator);

// A number written in `base` that makes up all of `text`; nullopt otherwise.
std::optional<uint64_t> parseUnsigned(std::string_view text, int base = 10);
// A signed decimal number that makes up all of `text`.
std::optional<int64_t> parseSigned(std::string_view text);

// An IPv4 (4 bytes) or IPv6 (16 bytes) address in network order, as inet_ntop writes it.
std::string formatAddress(int family, const void* bytes);

// Bytes as lowercase hexadecimal pairs joined by ':' (a MAC address).
std::string formatMac(const unsigned char* bytes, size_t length);

}  // namespace network_module
