// osquery semantics (osquery/tables/utility/file.cpp): lstat decides `symlink`, and the other
// facts come from stat (the link's target) unless that fails (a dangling link), when they come
// from lstat and `type` is "unknown". `device` is st_rdev, btime is 0 on Linux.
// symlink_target_path is the fully resolved target of a symlink.
#include "file_table.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cstdint>
#include <string>

#include "file_stat.h"
#include "file_targets.h"

namespace oqm_files {
namespace {

// Which groups of columns the statement reads, so a `SELECT path ... %%` walk costs no stat.
struct UsedColumns {
  bool stat_facts;
  bool symlink;
  bool type;
  bool target;

  explicit UsedColumns(const oqm::Query& q)
      : stat_facts(q.used("inode") || q.used("uid") || q.used("gid") || q.used("mode") ||
                   q.used("device") || q.used("size") || q.used("block_size") || q.used("atime") ||
                   q.used("mtime") || q.used("ctime") || q.used("hard_links")),
        symlink(q.used("symlink")),
        type(q.used("type")),
        target(q.used("symlink_target_path")) {}

  bool needStat(unsigned char d_type) const {
    return stat_facts || type || target || (symlink && d_type == DT_UNKNOWN);
  }
};

void emitFile(oqm::Rows& rows, const FoundEntry& entry, const std::string& directory,
              const UsedColumns& used) {
  auto names = [&](oqm::Row& row) {
    row.set("path", entry.path)
        .set("directory", directory)
        .set("filename", fileName(entry.path))
        .set("btime", 0)
        .set("pid_with_namespace", 0);
  };
  if (!used.needStat(entry.d_type)) {
    oqm::Row row = rows.add();
    names(row);
    row.set("symlink", entry.d_type == DT_LNK ? 1 : 0);
    return;
  }
  struct stat link_stat;
  if (::fstatat(entry.dirfd, entry.name, &link_stat, AT_SYMLINK_NOFOLLOW) != 0) return;
  const bool is_link = S_ISLNK(link_stat.st_mode);
  struct stat st = link_stat;
  bool resolved = true;
  if (is_link && ::fstatat(entry.dirfd, entry.name, &st, 0) != 0) {
    st = link_stat;
    resolved = false;
  }
  oqm::Row row = rows.add();
  names(row);
  row.set("inode", static_cast<int64_t>(st.st_ino))
      .set("uid", static_cast<int64_t>(st.st_uid))
      .set("gid", static_cast<int64_t>(st.st_gid))
      .set("mode", octalMode(st.st_mode))
      .set("device", static_cast<int64_t>(st.st_rdev))
      .set("size", static_cast<int64_t>(st.st_size))
      .set("block_size", static_cast<int64_t>(st.st_blksize))
      .set("atime", static_cast<int64_t>(st.st_atime))
      .set("mtime", static_cast<int64_t>(st.st_mtime))
      .set("ctime", static_cast<int64_t>(st.st_ctime))
      .set("hard_links", static_cast<int64_t>(st.st_nlink))
      .set("symlink", is_link ? 1 : 0)
      .set("type", resolved ? fileTypeName(st.st_mode) : "unknown");
  if (is_link && used.target) {
    char resolved_path[PATH_MAX];
    // The paths of a walk are absolute; one given by `=` resolves against the working directory.
    if (::realpath(entry.path.c_str(), resolved_path) != nullptr) {
      row.set("symlink_target_path", std::string(resolved_path));
    }
  }
}

}  // namespace

void FileTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  const UsedColumns used(query);
  forEachTarget(query, kGlobAll, [&](const FoundEntry& entry, const std::string& directory) {
    emitFile(rows, entry, directory, used);
    return !rows.done();
  });
}

}  // namespace oqm_files
