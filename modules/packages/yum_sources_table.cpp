// One row per repository section (all but [main]) of /etc/yum.conf and the *.repo files of its
// reposdir. `name` is the repository's name= value, as in osquery (NULL when unset).
#include "yum_sources_table.h"

#include "fs_root.h"
#include "yum_sources.h"

namespace oqm_packages {

void YumSourcesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  for (const FsRoot& root : rootsFor(query)) {
    for (const YumSource& repo : collectYumSources(root)) {
      if (rows.done()) return;
      oqm::Row row = rows.add();
      row.set("name", repo.name)
          .set("source", repo.source)
          .set("baseurl", repo.baseurl)
          .set("mirrorlist", repo.mirrorlist)
          .set("metalink", repo.metalink)
          .set("enabled", repo.enabled)
          .set("gpgcheck", repo.gpgcheck)
          .set("gpgkey", repo.gpgkey);
      setNamespaceColumns(row, root, false);
    }
  }
}

}  // namespace oqm_packages
