// Every utmp record except those of pid 1 (init's bookkeeping), as osquery does.
#include "logged_in_users_table.h"

#include "utmp.h"

namespace oqm_system {

void LoggedInUsersTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  for (const auto& r : parseUtmp(kUtmpPath)) {
    if (rows.done()) break;
    if (r.pid == 1) continue;
    rows.add()
        .set("type", loginTypeName(r.type))
        .set("user", r.user)
        .set("tty", r.line)
        .set("host", r.host)
        .set("time", r.time)
        .set("pid", r.pid);
  }
}

}  // namespace oqm_system
