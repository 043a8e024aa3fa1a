// shadow.h: the parser for /etc/shadow (shadow(5)), read directly like /etc/passwd so a query
// never reaches NSS. Only root can read the file; anyone else gets no entries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_system {

inline constexpr const char* kShadowPath = "/etc/shadow";

struct ShadowEntry {
  std::string name;
  std::string password;  // the hash field as written: "$6$...", "!", "*", "!!" or empty
  // Days since 1970-01-01 or counts of days; -1 where the field is empty (as getspent(3)).
  int64_t last_change = -1, min = -1, max = -1, warning = -1, inactive = -1, expire = -1;
  int64_t flag = -1;
};

// shadow(5) lines: "name:password:lastchg:min:max:warn:inactive:expire:flag". Lines with fewer
// than nine fields, blank lines and NIS compat lines ('+', '-') are skipped; a numeric field
// that is not a number reads as -1.
std::vector<ShadowEntry> parseShadowText(std::string_view text);
std::vector<ShadowEntry> parseShadow(const std::string& path = kShadowPath);

// osquery's password_status for a hash field: "not_set" for "!!", "locked" for a field starting
// with '!', '*' or 'x', "empty" for an empty field, "active" otherwise.
std::string_view passwordStatus(std::string_view password);

// The crypt(3) scheme id of a hash, "$<id>$...": "6" (SHA-512), "y" (yescrypt), "2b" (bcrypt);
// empty when the field is not of that form (locked, empty, DES).
std::string_view hashAlgorithm(std::string_view password);

}  // namespace oqm_system
