// One row per binary repository of /etc/apt/sources.list, sources.list.d/*.list and
// sources.list.d/*.sources. Unlike osquery, a source whose Release file apt has not downloaded
// yet is still listed (its Release columns NULL): it is configured all the same.
#include "apt_sources_table.h"

#include "apt_sources.h"
#include "fs_root.h"

namespace oqm_packages {

void AptSourcesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  for (const FsRoot& root : rootsFor(query)) {
    for (const AptSource& s : collectAptSources(root)) {
      if (rows.done()) return;
      oqm::Row row = rows.add();
      row.set("name", s.name)
          .set("source", s.source)
          .set("base_uri", s.base_uri)
          .set("release", s.release)
          .set("version", s.version)
          .set("maintainer", s.maintainer)
          .set("components", s.components)
          .set("architectures", s.architectures);
      setNamespaceColumns(row, root, false);
    }
  }
}

}  // namespace oqm_packages
