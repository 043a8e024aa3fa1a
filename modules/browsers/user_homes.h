// user_homes.h: the home directories whose browser profiles a scan reads.
#pragma once

#include <cstdint>
#include <osquery_module.hpp>
#include <string>
#include <vector>

namespace oqm_browsers {

struct UserHome {
  int64_t uid = 0;
  std::string directory;
};

// The accounts of /etc/passwd (as osquery's usersFromContext without include_remote), only
// those with a `uid = N` / `uid IN (...)` value when the query has one.
std::vector<UserHome> homesForQuery(const oqm::Query& query, const std::string& passwd_path);

}  // namespace oqm_browsers
