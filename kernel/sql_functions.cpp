#include "kernel/sql_functions.h"

#include <arpa/inet.h>
#include <openssl/evp.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace oqk {
namespace {

std::optional<std::string> textArg(sqlite3_value* v) {
  if (sqlite3_value_type(v) == SQLITE_NULL) return std::nullopt;
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(v));
  return std::string(text == nullptr ? "" : text, static_cast<size_t>(sqlite3_value_bytes(v)));
}

void resultText(sqlite3_context* ctx, const std::string& s) {
  sqlite3_result_text(ctx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

// A compiled pattern, cached by SQLite on the argument for the whole statement when the
// pattern is a constant (sqlite3_get_auxdata), so a regex over a million rows compiles once.
const std::regex* patternArg(sqlite3_context* ctx, int index, sqlite3_value* v) {
  if (auto* cached = static_cast<std::regex*>(sqlite3_get_auxdata(ctx, index))) return cached;
  auto pattern = textArg(v);
  if (!pattern) return nullptr;
  try {
    auto* compiled = new std::regex(*pattern, std::regex::ECMAScript);
    sqlite3_set_auxdata(ctx, index, compiled, [](void* p) { delete static_cast<std::regex*>(p); });
    return static_cast<std::regex*>(sqlite3_get_auxdata(ctx, index));
  } catch (const std::regex_error& e) {
    std::string message = "Invalid regex: " + *pattern + ": " + e.what();
    sqlite3_result_error(ctx, message.c_str(), -1);
    return nullptr;
  }
}

// ---- strings --------------------------------------------------------------------------------

// split(text, separators, index): the index-th (0-based) non-empty token of text, cut at any
// character of separators; NULL past the end.
void split(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto text = textArg(argv[0]);
  auto separators = textArg(argv[1]);
  if (!text || !separators || sqlite3_value_type(argv[2]) == SQLITE_NULL) {
    return sqlite3_result_null(ctx);
  }
  int64_t index = sqlite3_value_int64(argv[2]);
  std::vector<std::string> tokens;
  std::string current;
  for (char c : *text) {
    if (separators->find(c) != std::string::npos) {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  if (index < 0 || static_cast<size_t>(index) >= tokens.size()) return sqlite3_result_null(ctx);
  resultText(ctx, tokens[static_cast<size_t>(index)]);
}

// regex_split(text, pattern, index): the index-th piece of text cut at each match of pattern.
void regexSplit(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto text = textArg(argv[0]);
  const std::regex* pattern = patternArg(ctx, 1, argv[1]);
  if (!text || pattern == nullptr) return;
  int64_t index = sqlite3_value_int64(argv[2]);
  std::sregex_token_iterator it(text->begin(), text->end(), *pattern, -1), end;
  for (int64_t i = 0; it != end; ++it, ++i) {
    if (i == index) return resultText(ctx, it->str());
  }
  sqlite3_result_null(ctx);
}

// regex_match(text, pattern, index): group `index` of the first match (0: the whole match).
void regexMatch(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto text = textArg(argv[0]);
  const std::regex* pattern = patternArg(ctx, 1, argv[1]);
  if (!text || pattern == nullptr) return;
  int64_t index = sqlite3_value_int64(argv[2]);
  std::smatch match;
  if (!std::regex_search(*text, match, *pattern) || index < 0 ||
      static_cast<size_t>(index) >= match.size() || !match[static_cast<size_t>(index)].matched) {
    return sqlite3_result_null(ctx);
  }
  resultText(ctx, match[static_cast<size_t>(index)].str());
}

// X REGEXP Y calls regexp(Y, X): whether the pattern Y matches anywhere in X.
void regexp(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const std::regex* pattern = patternArg(ctx, 0, argv[0]);
  auto text = textArg(argv[1]);
  if (pattern == nullptr) return;
  if (!text) return sqlite3_result_null(ctx);
  sqlite3_result_int(ctx, std::regex_search(*text, *pattern) ? 1 : 0);
}

// concat(a, b, ...): the arguments as text, NULLs as empty.
void concat(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) out += textArg(argv[i]).value_or("");
  resultText(ctx, out);
}

// concat_ws(separator, a, b, ...): the non-NULL arguments joined by separator.
void concatWs(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  auto separator = textArg(argv[0]);
  if (!separator) return sqlite3_result_null(ctx);
  std::string out;
  bool first = true;
  for (int i = 1; i < argc; ++i) {
    auto part = textArg(argv[i]);
    if (!part) continue;
    if (!first) out += *separator;
    out += *part;
    first = false;
  }
  resultText(ctx, out);
}

// ---- encodings ------------------------------------------------------------------------------

std::string toBase64(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::optional<std::string> fromBase64(std::string data) {
  data.erase(std::remove_if(data.begin(), data.end(),
                            [](char c) { return c == '\n' || c == '\r' || c == ' '; }),
             data.end());
  if (data.size() % 4 != 0) return std::nullopt;
  std::string out(3 * data.size() / 4 + 1, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  if (n < 0) return std::nullopt;
  size_t padding = 0;
  if (!data.empty() && data.back() == '=') ++padding;
  if (data.size() > 1 && data[data.size() - 2] == '=') ++padding;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

void toBase64Function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto data = textArg(argv[0]);
  if (!data) return sqlite3_result_null(ctx);
  resultText(ctx, toBase64(*data));
}

void fromBase64Function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto data = textArg(argv[0]);
  if (!data) return sqlite3_result_null(ctx);
  auto decoded = fromBase64(*data);
  if (!decoded) return sqlite3_result_null(ctx);
  resultText(ctx, *decoded);
}

// conditional_to_base64(text): text unchanged when it is printable ASCII, else its base64.
void conditionalToBase64(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto data = textArg(argv[0]);
  if (!data) return sqlite3_result_null(ctx);
  bool printable = std::all_of(data->begin(), data->end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
  resultText(ctx, printable ? *data : toBase64(*data));
}

// ---- hashes ---------------------------------------------------------------------------------

std::string digestHex(const EVP_MD* md, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, md, nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

template <const EVP_MD* (*Md)()>
void hashFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto data = textArg(argv[0]);
  if (!data) return sqlite3_result_null(ctx);
  resultText(ctx, digestHex(Md(), *data));
}

// ---- network --------------------------------------------------------------------------------

void inetAton(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto text = textArg(argv[0]);
  in_addr address{};
  if (!text || inet_pton(AF_INET, text->c_str(), &address) != 1) return sqlite3_result_null(ctx);
  sqlite3_result_int64(ctx, static_cast<int64_t>(ntohl(address.s_addr)));
}

struct IpAddress {
  int family = 0;
  unsigned char bytes[16] = {0};
  size_t length() const { return family == AF_INET ? 4 : 16; }
};

std::optional<IpAddress> parseIp(const std::string& text) {
  IpAddress ip;
  if (inet_pton(AF_INET, text.c_str(), ip.bytes) == 1) {
    ip.family = AF_INET;
    return ip;
  }
  if (inet_pton(AF_INET6, text.c_str(), ip.bytes) == 1) {
    ip.family = AF_INET6;
    return ip;
  }
  return std::nullopt;
}

// in_cidr_block(cidr, ip): 1 when ip lies in the block, 0 when not, NULL for bad input.
void inCidrBlock(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto cidr = textArg(argv[0]);
  auto ip_text = textArg(argv[1]);
  if (!cidr || !ip_text) return sqlite3_result_null(ctx);
  size_t slash = cidr->find('/');
  auto network = parseIp(cidr->substr(0, slash));
  auto ip = parseIp(*ip_text);
  if (!network || !ip) return sqlite3_result_null(ctx);
  if (network->family != ip->family) return sqlite3_result_int(ctx, 0);
  long bits = static_cast<long>(network->length() * 8);
  if (slash != std::string::npos) {
    char* end = nullptr;
    long prefix = std::strtol(cidr->c_str() + slash + 1, &end, 10);
    if (*end != '\0' || prefix < 0 || prefix > bits) return sqlite3_result_null(ctx);
    bits = prefix;
  }
  for (long i = 0; i < bits; ++i) {
    unsigned mask = 0x80u >> (i % 8);
    if ((network->bytes[i / 8] & mask) != (ip->bytes[i / 8] & mask)) {
      return sqlite3_result_int(ctx, 0);
    }
  }
  sqlite3_result_int(ctx, 1);
}

// community_id_v1(src_ip, dst_ip, src_port, dst_port, protocol [, seed]): the Community ID
// flow hash (https://github.com/corelight/community-id-spec), "1:" + base64(sha1(...)).
void communityId(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  for (int i = 0; i < 5; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  }
  auto src = parseIp(textArg(argv[0]).value_or(""));
  auto dst = parseIp(textArg(argv[1]).value_or(""));
  if (!src || !dst || src->family != dst->family) return sqlite3_result_null(ctx);
  auto src_port = static_cast<uint16_t>(sqlite3_value_int(argv[2]));
  auto dst_port = static_cast<uint16_t>(sqlite3_value_int(argv[3]));
  auto protocol = static_cast<uint8_t>(sqlite3_value_int(argv[4]));
  auto seed = static_cast<uint16_t>(argc > 5 ? sqlite3_value_int(argv[5]) : 0);

  // The flow is direction-free: the smaller endpoint (address, then port) goes first.
  int order = std::memcmp(src->bytes, dst->bytes, src->length());
  if (order > 0 || (order == 0 && src_port > dst_port)) {
    std::swap(src, dst);
    std::swap(src_port, dst_port);
  }
  std::string buffer;
  buffer += static_cast<char>(seed >> 8);
  buffer += static_cast<char>(seed & 0xFF);
  buffer.append(reinterpret_cast<const char*>(src->bytes), src->length());
  buffer.append(reinterpret_cast<const char*>(dst->bytes), dst->length());
  buffer += static_cast<char>(protocol);
  buffer += '\0';
  buffer += static_cast<char>(src_port >> 8);
  buffer += static_cast<char>(src_port & 0xFF);
  buffer += static_cast<char>(dst_port >> 8);
  buffer += static_cast<char>(dst_port & 0xFF);

  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(buffer.data(), buffer.size(), digest, &length, EVP_sha1(), nullptr);
  resultText(ctx, "1:" + toBase64(std::string_view(reinterpret_cast<char*>(digest), length)));
}

// ---- math -----------------------------------------------------------------------------------

void cot(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  double t = std::tan(sqlite3_value_double(argv[0]));
  if (t == 0) return sqlite3_result_null(ctx);
  sqlite3_result_double(ctx, 1.0 / t);
}

struct FunctionDefinition {
  const char* name;
  int arguments;  // -1: any number
  void (*function)(sqlite3_context*, int, sqlite3_value**);
};

const FunctionDefinition kFunctions[] = {
    {"split", 3, split},
    {"regex_split", 3, regexSplit},
    {"regex_match", 3, regexMatch},
    {"regexp", 2, regexp},
    {"concat", -1, concat},
    {"concat_ws", -1, concatWs},
    {"to_base64", 1, toBase64Function},
    {"from_base64", 1, fromBase64Function},
    {"conditional_to_base64", 1, conditionalToBase64},
    {"md5", 1, hashFunction<EVP_md5>},
    {"sha1", 1, hashFunction<EVP_sha1>},
    {"sha256", 1, hashFunction<EVP_sha256>},
    {"inet_aton", 1, inetAton},
    {"in_cidr_block", 2, inCidrBlock},
    {"community_id_v1", 5, communityId},
    {"community_id_v1", 6, communityId},
    {"cot", 1, cot},
};

}  // namespace

void registerSqlFunctions(sqlite3* db) {
  for (const auto& f : kFunctions) {
    sqlite3_create_function_v2(db, f.name, f.arguments, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                               f.function, nullptr, nullptr, nullptr);
  }
}

}  // namespace oqk
