// As osquery: text columns are "" (not NULL) when the manifest or preferences lack them,
// permissions_json is "{}" without permissions, install_timestamp is 0 when install_time is
// absent. Unlike osquery, a profile is read when only one of its two preference files exists
// or it has no profile name, and non-string permission entries are left out of `permissions`.
#include "chrome_extensions_table.h"

#include "accounts.h"
#include "chrome_profiles.h"

namespace oqm_browsers {

void ChromeExtensionsTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  for (const auto& e : scanChromeExtensions(homesForQuery(query, oqm_system::kPasswdPath))) {
    if (rows.done()) break;
    rows.add()
        .set("browser_type", e.browser_type)
        .set("uid", e.uid)
        .set("name", e.name)
        .set("profile", e.profile)
        .set("profile_path", e.profile_path)
        .set("referenced_identifier", e.referenced_identifier)
        .set("identifier", e.identifier)
        .set("version", e.version)
        .set("description", e.description)
        .set("default_locale", e.default_locale)
        .set("current_locale", e.current_locale)
        .set("update_url", e.update_url)
        .set("author", e.author)
        .set("persistent", e.persistent ? 1 : 0)
        .set("path", e.path)
        .set("permissions", e.permissions)
        .set("permissions_json", e.permissions_json)
        .set("optional_permissions", e.optional_permissions)
        .set("optional_permissions_json", e.optional_permissions_json)
        .set("manifest_hash", e.manifest_hash)
        .set("referenced", e.referenced ? 1 : 0)
        .set("from_webstore", e.from_webstore)
        .set("state", e.state)
        .set("install_time", e.install_time)
        .set("install_timestamp", e.install_timestamp)
        .set("manifest_json", e.manifest_json)
        .set("key", e.key);
  }
}

}  // namespace oqm_browsers
