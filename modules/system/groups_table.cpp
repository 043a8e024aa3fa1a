// One row per gid, as osquery does: when several lines share a gid, the first one wins.
#include "groups_table.h"

#include <set>

#include "accounts.h"

namespace oqm_system {

void GroupsTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  const bool by_gid = query.hasEq("gid");
  std::set<int64_t> wanted;
  for (int64_t g : query.eq<int64_t>("gid")) wanted.insert(g);

  std::set<uint32_t> seen;
  for (const auto& g : parseGroup()) {
    if (rows.done()) break;
    if (by_gid && wanted.count(static_cast<int64_t>(g.gid)) == 0) continue;
    if (!seen.insert(g.gid).second) continue;
    rows.add()
        .set("gid", static_cast<int64_t>(g.gid))
        .set("gid_signed", static_cast<int64_t>(static_cast<int32_t>(g.gid)))
        .set("groupname", g.name)
        .set("pid_with_namespace", 0);
  }
}

}  // namespace oqm_system
