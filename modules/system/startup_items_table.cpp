// The homes are those of /etc/passwd, each directory once. Differences from osquery, which
// asks systemd over D-Bus for every loaded unit and reports its active state: we list the
// units enabled on disk (systemd_unit_files.h) with status "enabled" / "enabled-runtime";
// autostart entries with Hidden=true or X-GNOME-Autostart-enabled=false are "disabled" (osquery
// says "enabled" for every entry); username is the owner of the home for every per-user item
// (osquery sets it only under /home/<user>); args holds the Exec arguments.
#include "startup_items_table.h"

#include <set>

#include "accounts.h"
#include "startup_items.h"

namespace oqm_system {

void StartupItemsTable::generate(const oqm::Query&, oqm::Rows& rows) {
  StartupRoots roots;
  std::set<std::string> seen;
  for (const auto& user : parsePasswd()) {
    if (user.dir.empty() || !seen.insert(user.dir).second) continue;
    roots.homes.push_back({user.name, user.dir});
  }
  for (const auto& item : listStartupItems(roots)) {
    if (rows.done()) break;
    oqm::Row row = rows.add();
    row.set("name", item.name).set("path", item.path);
    if (!item.args.empty()) row.set("args", item.args);
    row.set("type", item.type)
        .set("source", item.source)
        .set("status", item.status)
        .set("username", item.username);
  }
}

}  // namespace oqm_system
