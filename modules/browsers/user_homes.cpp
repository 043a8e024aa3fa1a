#include "user_homes.h"

#include <algorithm>
#include <set>
#include <system_error>

#include "accounts.h"

namespace oqm_browsers {

std::vector<UserHome> homesForQuery(const oqm::Query& query, const std::string& passwd_path) {
  const bool by_uid = query.hasEq("uid");
  std::set<int64_t> uids;
  for (int64_t uid : query.eq<int64_t>("uid")) uids.insert(uid);
  std::vector<UserHome> out;
  if (by_uid && uids.empty()) return out;
  for (const auto& user : oqm_system::parsePasswd(passwd_path)) {
    if (user.dir.empty()) continue;
    if (by_uid && uids.count(static_cast<int64_t>(user.uid)) == 0) continue;
    out.push_back({static_cast<int64_t>(user.uid), user.dir});
  }
  return out;
}

std::vector<std::filesystem::path> subdirectories(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_directory(type_ec)) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace oqm_browsers
