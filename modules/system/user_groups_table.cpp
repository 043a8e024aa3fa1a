// Memberships as getgrouplist(3) gives them for each /etc/passwd user (primary group first,
// then the /etc/group lines that list the user), each uid once.
#include "user_groups_table.h"

#include <set>

#include "accounts.h"

namespace oqm_system {

void UserGroupsTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  const bool by_uid = query.hasEq("uid");
  std::set<int64_t> wanted_uids;
  for (int64_t u : query.eq<int64_t>("uid")) wanted_uids.insert(u);
  const bool by_gid = query.hasEq("gid");
  std::set<int64_t> wanted_gids;
  for (int64_t g : query.eq<int64_t>("gid")) wanted_gids.insert(g);

  auto users = parsePasswd();
  if (users.empty()) return;
  auto groups = parseGroup();

  std::set<uint32_t> seen;
  for (const auto& u : users) {
    if (rows.done()) break;
    if (by_uid && wanted_uids.count(static_cast<int64_t>(u.uid)) == 0) continue;
    if (!seen.insert(u.uid).second) continue;
    for (uint32_t gid : groupsForUser(u.name, u.gid, groups)) {
      if (rows.done()) break;
      if (by_gid && wanted_gids.count(static_cast<int64_t>(gid)) == 0) continue;
      rows.add().set("uid", static_cast<int64_t>(u.uid)).set("gid", static_cast<int64_t>(gid));
    }
  }
}

}  // namespace oqm_system
