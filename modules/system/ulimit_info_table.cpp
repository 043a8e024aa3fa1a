// getrlimit(2) for each resource osquery knows, in its order (by name).
#include "ulimit_info_table.h"

#include <sys/resource.h>

#include <string>
#include <utility>

namespace oqm_system {

std::string formatLimit(unsigned long long value) {
  if (value == static_cast<unsigned long long>(RLIM_INFINITY)) return "unlimited";
  return std::to_string(value);
}

void UlimitInfoTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  // glibc types the resource as an enum, musl as int.
  using Resource = decltype(RLIMIT_NOFILE);
  static constexpr std::pair<const char*, Resource> kResources[] = {
      {"as", RLIMIT_AS},           {"core", RLIMIT_CORE},
      {"cpu", RLIMIT_CPU},         {"data", RLIMIT_DATA},
      {"fsize", RLIMIT_FSIZE},     {"locks", RLIMIT_LOCKS},
      {"memlock", RLIMIT_MEMLOCK}, {"msgqueue", RLIMIT_MSGQUEUE},
      {"nice", RLIMIT_NICE},       {"nofile", RLIMIT_NOFILE},
      {"nproc", RLIMIT_NPROC},     {"rss", RLIMIT_RSS},
      {"rtprio", RLIMIT_RTPRIO},   {"sigpending", RLIMIT_SIGPENDING},
      {"stack", RLIMIT_STACK},
  };
  for (const auto& [name, resource] : kResources) {
    if (rows.done()) break;
    struct rlimit rl {};
    if (getrlimit(resource, &rl) != 0) continue;
    rows.add()
        .set("type", name)
        .set("soft_limit", formatLimit(rl.rlim_cur))
        .set("hard_limit", formatLimit(rl.rlim_max));
  }
}

}  // namespace oqm_system
