// One row per package of the rpm database (rpmdb.sqlite, rpm 4.16 and later). Hosts without
// one (Debian) get zero rows after two stat(2) calls. The older Berkeley DB (Packages) and
// ndb (Packages.db) formats are not read.
#include "rpm_packages_table.h"

#include <algorithm>

#include "fs_root.h"
#include "rpm_header.h"
#include "text.h"

namespace oqm_packages {

void RpmPackagesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  const bool by_name = query.hasEq("name");
  const std::vector<std::string> names = eqTexts(query, "name");
  for (const FsRoot& root : rootsFor(query)) {
    // /var/lib/rpm is usually a link to /usr/lib/sysimage/rpm: read the first database only.
    for (const char* dir : kRpmDbDirs) {
      if (!isRegularFile(root.real(dir) + "/rpmdb.sqlite")) continue;
      for (const RpmPackage& pkg : readRpmSqliteDb(root.real(dir))) {
        if (rows.done()) return;
        if (by_name && std::find(names.begin(), names.end(), pkg.name) == names.end()) continue;
        oqm::Row row = rows.add();
        row.set("name", pkg.name)
            .set("version", pkg.version)
            .set("release", pkg.release)
            .set("source", pkg.source)
            .set("size", pkg.size)
            .set("sha1", pkg.sha1)
            .set("arch", pkg.arch)
            .set("epoch", pkg.epoch)
            .set("install_time", pkg.install_time)
            .set("vendor", pkg.vendor)
            .set("package_group", pkg.package_group);
        setNamespaceColumns(row, root, true);
      }
      break;
    }
  }
}

}  // namespace oqm_packages
