// Only USER_PROCESS (login) and DEAD_PROCESS (logout) records, in file order.
#include "last_table.h"

#include <utmpx.h>

#include "utmp.h"

namespace oqm_system {

void LastTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  for (const auto& r : parseUtmp(kWtmpPath)) {
    if (rows.done()) break;
    if (r.type != USER_PROCESS && r.type != DEAD_PROCESS) continue;
    rows.add()
        .set("username", r.user)
        .set("tty", r.line)
        .set("pid", r.pid)
        .set("type", r.type)
        .set("type_name", lastTypeName(r.type))
        .set("time", r.time)
        .set("host", r.host);
  }
}

}  // namespace oqm_system
