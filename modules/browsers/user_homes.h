// user_homes.h: the home directories whose browser profiles a scan reads.
#pragma once

#include <cstdint>
#include <filesystem>
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

// The subdirectories of `dir` (symbolic links to directories included), sorted; empty when it
// cannot be listed. Browser profiles and extension versions are found this way.
std::vector<std::filesystem::path> subdirectories(const std::filesystem::path& dir);

}  // namespace oqm_browsers
