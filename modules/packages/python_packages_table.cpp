// With `directory = ...` only those site directories are read (uid 0). Otherwise the system's
// site directories (uid 0), then the user site directories of each `uid = ...`, or of the user
// running the query when there is no uid constraint (as osquery does on Linux).
#include "python_packages_table.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

#include "fs_root.h"
#include "python_packages.h"

namespace oqm_packages {
namespace {

std::string homeOf(int64_t uid) {
  std::vector<char> buffer(16384);
  struct passwd pw {};
  struct passwd* found = nullptr;
  if (getpwuid_r(static_cast<uid_t>(uid), &pw, buffer.data(), buffer.size(), &found) != 0 ||
      found == nullptr || found->pw_dir == nullptr) {
    return "";
  }
  return found->pw_dir;
}

}  // namespace

void PythonPackagesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  auto emit = [&](const FsRoot& root, const PythonPackage& pkg) {
    oqm::Row row = rows.add();
    row.set("name", pkg.name)
        .set("uid", pkg.uid)
        .set("version", pkg.version)
        .set("summary", pkg.summary)
        .set("author", pkg.author)
        .set("license", pkg.license)
        .set("path", pkg.path)
        .set("directory", pkg.directory);
    setNamespaceColumns(row, root, false);
  };
  auto scan = [&](const FsRoot& root, const std::string& site, int64_t uid) {
    for (const PythonPackage& pkg : listSitePackages(root, site, uid)) {
      if (rows.done()) return;
      emit(root, pkg);
    }
  };

  for (const FsRoot& root : rootsFor(query)) {
    if (query.hasEq("directory")) {
      for (const auto& site : eqTexts(query, "directory")) scan(root, site, 0);
      continue;
    }
    for (const auto& site : systemSiteDirectories(root)) scan(root, site, 0);
    std::vector<int64_t> uids = query.eq<int64_t>("uid");
    if (!query.hasEq("uid")) uids = {static_cast<int64_t>(getuid())};
    std::sort(uids.begin(), uids.end());
    uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
    for (int64_t uid : uids) {
      if (uid < 0) continue;
      for (const auto& site : userSiteDirectories(root, homeOf(uid))) scan(root, site, uid);
    }
  }
}

}  // namespace oqm_packages
