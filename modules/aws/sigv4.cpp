// sigv4.cpp: AWS Signature Version 4 on OpenSSL 3 (EVP_Digest and the one-shot HMAC, neither
// deprecated).
#include "sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <oqm_support/text.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <stdexcept>

namespace oqm_aws {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr char kHexUpper[] = "0123456789ABCDEF";

// SHA-256 fetched once: an implicit fetch on every call costs more than hashing a short string.
const EVP_MD* sha256Md() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (md == nullptr) throw std::runtime_error("OpenSSL has no SHA256");
  return md;
}

struct Mac {
  unsigned char bytes[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  std::string_view view() const { return {reinterpret_cast<const char*>(bytes), size}; }
};

Mac hmac(std::string_view key, std::string_view data) {
  Mac m;
  if (HMAC(sha256Md(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), m.bytes,
           &m.size) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return m;
}

bool isUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX sequences decoded; a '%' not followed by two hex digits is kept as it is.
std::string percentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    int hi = -1, lo = -1;
    if (s[i] == '%' && i + 2 < s.size() && (hi = hexValue(s[i + 1])) >= 0 &&
        (lo = hexValue(s[i + 2])) >= 0) {
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Appends `value` trimmed, with every run of white space turned into one space.
void appendTrimmedValue(std::string& out, std::string_view value) {
  size_t b = 0, e = value.size();
  while (b < e && isSpace(value[b])) ++b;
  while (e > b && isSpace(value[e - 1])) --e;
  bool in_space = false;
  for (size_t i = b; i < e; ++i) {
    if (isSpace(value[i])) {
      in_space = true;
      continue;
    }
    if (in_space) out.push_back(' ');
    in_space = false;
    out.push_back(value[i]);
  }
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::string sha256Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_Digest(data.data(), data.size(), md, &n, sha256Md(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return oqm_support::toHex(md, n);
}

std::string uriEncode(std::string_view s, bool keep_slash) {
  std::string out;
  out.reserve(s.size() + s.size() / 2);
  for (unsigned char c : s) {
    if (isUnreserved(c) || (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHexUpper[c >> 4]);
      out.push_back(kHexUpper[c & 0xf]);
    }
  }
  return out;
}

std::string canonicalUri(std::string_view path) {
  // RFC 3986 5.2.4 on segments, with empty segments (repeated slashes) dropped.
  std::vector<std::string_view> segments;
  bool trailing_slash = false;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    std::string_view seg = path.substr(pos, next - pos);
    bool last = next == path.size();
    if (seg.empty() || seg == ".") {
      // A trailing "/", "/." ends in a directory.
      if (last) trailing_slash = true;
    } else if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      if (last) trailing_slash = true;
    } else {
      segments.push_back(seg);
      if (last) trailing_slash = false;
    }
    pos = next + 1;
  }
  std::string out = "/";
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out.push_back('/');
    out += uriEncode(segments[i], false);
  }
  if (trailing_slash && !segments.empty()) out.push_back('/');
  return out;
}

std::string canonicalQuery(std::string_view query) {
  if (query.empty()) return {};
  std::vector<std::pair<std::string, std::string>> params;
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view param = query.substr(pos, amp - pos);
    if (!param.empty()) {
      size_t eq = param.find('=');
      std::string_view key = param.substr(0, eq);
      std::string_view value =
          eq == std::string_view::npos ? std::string_view{} : param.substr(eq + 1);
      params.emplace_back(uriEncode(percentDecode(key), false),
                          uriEncode(percentDecode(value), false));
    }
    pos = amp + 1;
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out.push_back('&');
    out += k;
    out.push_back('=');
    out += v;
  }
  return out;
}

std::string canonicalRequest(const HttpRequest& r, std::string_view payload_hash,
                             std::string* signed_headers_out) {
  // Headers by lower-case name; a stable sort keeps repeated headers in request order.
  std::vector<std::pair<std::string, const std::string*>> headers;
  headers.reserve(r.headers.size());
  for (const auto& h : r.headers) headers.emplace_back(oqm_support::toLower(h.name), &h.value);
  std::stable_sort(headers.begin(), headers.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  std::string out;
  out.reserve(256 + r.path.size() + r.query.size() + 64 * headers.size());
  out += r.method;
  out.push_back('\n');
  out += canonicalUri(r.path);
  out.push_back('\n');
  out += canonicalQuery(r.query);
  out.push_back('\n');
  std::string signed_headers;
  for (size_t i = 0; i < headers.size(); ++i) {
    bool same_as_previous = i > 0 && headers[i].first == headers[i - 1].first;
    if (same_as_previous) {
      out.push_back(',');
    } else {
      if (i > 0) out.push_back('\n');
      out += headers[i].first;
      out.push_back(':');
      if (!signed_headers.empty()) signed_headers.push_back(';');
      signed_headers += headers[i].first;
    }
    appendTrimmedValue(out, *headers[i].second);
  }
  if (!headers.empty()) out.push_back('\n');
  out.push_back('\n');
  out += signed_headers;
  out.push_back('\n');
  out += payload_hash;
  if (signed_headers_out != nullptr) *signed_headers_out = std::move(signed_headers);
  return out;
}

std::string stringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request) {
  std::string out;
  out.reserve(kAlgorithm.size() + amz_date.size() + scope.size() + 68);
  out += kAlgorithm;
  out.push_back('\n');
  out += amz_date;
  out.push_back('\n');
  out += scope;
  out.push_back('\n');
  out += sha256Hex(canonical_request);
  return out;
}

std::string signature(std::string_view secret, std::string_view date, std::string_view region,
                      std::string_view service, std::string_view string_to_sign) {
  std::string key = "AWS4";
  key += secret;
  Mac k_date = hmac(key, date);
  Mac k_region = hmac(k_date.view(), region);
  Mac k_service = hmac(k_region.view(), service);
  Mac k_signing = hmac(k_service.view(), "aws4_request");
  Mac sig = hmac(k_signing.view(), string_to_sign);
  std::fill(key.begin(), key.end(), '\0');
  return oqm_support::toHex(sig.bytes, sig.size);
}

std::string amzDate(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  size_t n = std::strftime(buf, sizeof(buf), "%Y%m%dT%H%M%SZ", &tm);
  return std::string(buf, n);
}

void signRequest(HttpRequest& r, const Credentials& c, std::string_view region,
                 std::string_view service, std::chrono::system_clock::time_point now) {
  std::erase_if(r.headers, [](const HttpHeader& h) {
    return equalsIgnoreCase(h.name, "x-amz-date") ||
           equalsIgnoreCase(h.name, "x-amz-security-token") ||
           equalsIgnoreCase(h.name, "authorization");
  });
  std::string date_time = amzDate(now);
  r.headers.push_back({"X-Amz-Date", date_time});
  if (!c.session_token.empty()) r.headers.push_back({"X-Amz-Security-Token", c.session_token});

  std::string_view date = std::string_view(date_time).substr(0, 8);
  std::string scope;
  scope.reserve(date.size() + region.size() + service.size() + 16);
  scope += date;
  scope.push_back('/');
  scope += region;
  scope.push_back('/');
  scope += service;
  scope += "/aws4_request";

  std::string signed_headers;
  std::string creq = canonicalRequest(r, sha256Hex(r.body), &signed_headers);
  std::string sig =
      signature(c.secret_access_key, date, region, service, stringToSign(date_time, scope, creq));

  std::string auth;
  auth.reserve(kAlgorithm.size() + c.access_key_id.size() + scope.size() + signed_headers.size() +
               sig.size() + 48);
  auth += kAlgorithm;
  auth += " Credential=";
  auth += c.access_key_id;
  auth.push_back('/');
  auth += scope;
  auth += ", SignedHeaders=";
  auth += signed_headers;
  auth += ", Signature=";
  auth += sig;
  r.headers.push_back({"Authorization", std::move(auth)});
}

}  // namespace oqm_aws
