// `directory = ...` names the directories holding a node_modules (e.g. /usr/lib for the
// global packages in /usr/lib/node_modules); without it, osquery's default list is searched.
// `max_depth = N` limits how deep nested node_modules are followed (default 100, -1 no limit).
#include "npm_packages_table.h"

#include "fs_root.h"
#include "npm_packages.h"

namespace oqm_packages {

void NpmPackagesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  int64_t max_depth = kDefaultNpmMaxDepth;
  if (auto depths = query.eq<int64_t>("max_depth"); !depths.empty()) max_depth = depths.front();
  for (const FsRoot& root : rootsFor(query)) {
    std::vector<std::string> directories =
        query.hasEq("directory") ? eqTexts(query, "directory") : defaultNodeDirectories(root);
    for (const auto& directory : directories) {
      for (const NpmPackage& pkg : listNodePackages(root, directory, max_depth)) {
        if (rows.done()) return;
        oqm::Row row = rows.add();
        row.set("name", pkg.name)
            .set("version", pkg.version)
            .set("description", pkg.description)
            .set("author", pkg.author)
            .set("license", pkg.license)
            .set("homepage", pkg.homepage)
            .set("path", pkg.path)
            .set("directory", pkg.directory)
            .set("depth", pkg.depth)
            .set("max_depth", max_depth);
        setNamespaceColumns(row, root, true);
      }
    }
  }
}

}  // namespace oqm_packages
