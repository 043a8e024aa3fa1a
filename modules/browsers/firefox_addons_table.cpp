// As osquery: text columns are "" when extensions.json lacks them (a JSON null too); the
// boolean columns are 0/1, NULL when the key is absent.
#include "firefox_addons_table.h"

#include "accounts.h"
#include "firefox_addons.h"

namespace oqm_browsers {

void FirefoxAddonsTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  for (const auto& a : scanFirefoxAddons(homesForQuery(query, oqm_system::kPasswdPath))) {
    if (rows.done()) break;
    rows.add()
        .set("uid", a.uid)
        .set("name", a.name)
        .set("identifier", a.identifier)
        .set("creator", a.creator)
        .set("type", a.type)
        .set("version", a.version)
        .set("description", a.description)
        .set("source_url", a.source_url)
        .set("visible", a.visible)
        .set("active", a.active)
        .set("disabled", a.disabled ? 1 : 0)
        .set("autoupdate", a.autoupdate)
        .set("location", a.location)
        .set("path", a.path);
  }
}

}  // namespace oqm_browsers
