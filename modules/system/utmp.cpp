#include "utmp.h"

#include <utmpx.h>

#include <cstring>

#include "util.h"

namespace oqm_system {

std::vector<UtmpRecord> parseUtmpBytes(std::string_view bytes) {
  std::vector<UtmpRecord> out;
  const size_t n = bytes.size() / sizeof(struct utmpx);
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    struct utmpx ut;
    std::memcpy(&ut, bytes.data() + i * sizeof(ut), sizeof(ut));
    UtmpRecord r;
    r.type = ut.ut_type;
    r.pid = ut.ut_pid;
    r.line = fixedString(ut.ut_line);
    r.id = fixedString(ut.ut_id);
    r.user = fixedString(ut.ut_user);
    r.host = fixedString(ut.ut_host);
    r.time = static_cast<int64_t>(ut.ut_tv.tv_sec);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<UtmpRecord> parseUtmp(const std::string& path) {
  // wtmp grows without bound on long-lived hosts; 256 MiB is ~700k records.
  auto bytes = readFile(path, 256u << 20);
  if (!bytes) return {};
  return parseUtmpBytes(*bytes);
}

std::string loginTypeName(int type) {
  switch (type) {
    case EMPTY:
      return "empty";
    case RUN_LVL:
      return "runlevel";
    case BOOT_TIME:
      return "boot_time";
    case NEW_TIME:
      return "new_time";
    case OLD_TIME:
      return "old_time";
    case INIT_PROCESS:
      return "init";
    case LOGIN_PROCESS:
      return "login";
    case USER_PROCESS:
      return "user";
    case DEAD_PROCESS:
      return "dead";
#ifdef ACCOUNTING
    case ACCOUNTING:
      return "accounting";
#endif
    default:
      return "unknown";
  }
}

std::string lastTypeName(int type) {
  switch (type) {
    case EMPTY:
      return "empty";
    case RUN_LVL:
      return "run-level";
    case BOOT_TIME:
      return "boot-time";
    case NEW_TIME:
      return "new-time";
    case OLD_TIME:
      return "old-time";
    case INIT_PROCESS:
      return "init-process";
    case LOGIN_PROCESS:
      return "login-process";
    case USER_PROCESS:
      return "user-process";
    case DEAD_PROCESS:
      return "dead-process";
    default:
      return "";
  }
}

}  // namespace oqm_system
