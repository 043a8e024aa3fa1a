// One row per package of the dpkg database in `admindir` (default /var/lib/dpkg; each
// `admindir = ...` names another), read from its status file directly rather than through
// libdpkg: the status file is the database, and its format is stable (deb-control(5)).
#include "deb_packages_table.h"

#include "dpkg_status.h"
#include "fs_root.h"

namespace oqm_packages {

void DebPackagesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  std::vector<std::string> admindirs = eqTexts(query, "admindir");
  if (!query.hasEq("admindir")) admindirs = {"/var/lib/dpkg"};
  for (const FsRoot& root : rootsFor(query)) {
    for (const std::string& admindir : admindirs) {
      for (const DebPackage& pkg : readDpkgDatabase(root.real(admindir))) {
        if (rows.done()) return;
        oqm::Row row = rows.add();
        row.set("name", pkg.name)
            .set("version", pkg.version)
            .set("source", pkg.source)
            .set("size", pkg.size)
            .set("arch", pkg.arch)
            .set("revision", pkg.revision)
            .set("status", pkg.status)
            .set("maintainer", pkg.maintainer)
            .set("section", pkg.section)
            .set("priority", pkg.priority)
            .set("admindir", admindir);
        setNamespaceColumns(row, root, true);
      }
    }
  }
}

}  // namespace oqm_packages
