// user_homes.h: the accounts whose home directories the per-user tables (authorized_keys,
// known_hosts, shell_history) read. Like osquery's usersFromContext: the users named by
// `uid = ...` / `uid IN (...)` when given, else every account in /etc/passwd.
#pragma once

#include <cstdint>
#include <osquery_module.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_files {

inline constexpr const char* kPasswdPath = "/etc/passwd";

struct UserHome {
  int64_t uid = 0;
  int64_t gid = 0;
  std::string directory;
};

// passwd(5) lines with a numeric uid and gid and a home directory (others are skipped).
std::vector<UserHome> parsePasswdHomes(std::string_view text);

// The accounts of `passwd_path`, narrowed by the query's equality constraints on `uid`.
std::vector<UserHome> usersForQuery(const oqm::Query& query,
                                    const std::string& passwd_path = kPasswdPath);

// `home` + "/" + `relative`, without a doubled slash.
std::string homeFile(const std::string& home, std::string_view relative);

}  // namespace oqm_files
