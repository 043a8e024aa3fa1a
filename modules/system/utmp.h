// utmp.h: a reader for utmp/wtmp files (/var/run/utmp, /var/log/wtmp): an array of
// `struct utmpx` records as glibc writes them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_system {

inline constexpr const char* kUtmpPath = "/var/run/utmp";
inline constexpr const char* kWtmpPath = "/var/log/wtmp";

struct UtmpRecord {
  int type = 0;  // ut_type: EMPTY(0) .. ACCOUNTING(9)
  int64_t pid = 0;
  std::string line;  // ut_line: the tty
  std::string id;
  std::string user;
  std::string host;
  int64_t time = 0;  // ut_tv.tv_sec
};

// Every complete record in `bytes` (a trailing partial record is ignored).
std::vector<UtmpRecord> parseUtmpBytes(std::string_view bytes);
// Every record of the file; a missing or unreadable file gives none.
std::vector<UtmpRecord> parseUtmp(const std::string& path);

// logged_in_users.type: "empty", "runlevel", "boot_time", "new_time", "old_time", "init",
// "login", "user", "dead", "accounting"; "unknown" for anything else.
std::string loginTypeName(int type);
// last.type_name: "user-process", "dead-process", ... ("" for an unknown type).
std::string lastTypeName(int type);

}  // namespace oqm_system
