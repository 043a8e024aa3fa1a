// osquery semantics (osquery/tables/system/posix/suid_bin.cpp): each search directory is walked
// recursively without entering symlinked directories (a search directory that is itself a
// symlink, like /bin on merged-/usr systems, is followed, so its files appear under both
// names); an entry qualifies when stat (following symlinks) says it is a regular file with
// S_ISUID or S_ISGID. permissions is "S" for setuid, "G" for setgid, "SG" for both; an owner
// without a name is printed as its number.
#include "suid_bin_table.h"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>

#include <map>
#include <string>

#include "path_glob.h"

namespace oqm_files {
namespace {

class NameCache {
 public:
  const std::string& user(uid_t uid) {
    auto it = users_.find(uid);
    if (it != users_.end()) return it->second;
    char buffer[16384];
    struct passwd pwd;
    struct passwd* result = nullptr;
    std::string name = (getpwuid_r(uid, &pwd, buffer, sizeof(buffer), &result) == 0 && result)
                           ? std::string(result->pw_name)
                           : std::to_string(uid);
    return users_.emplace(uid, std::move(name)).first->second;
  }

  const std::string& group(gid_t gid) {
    auto it = groups_.find(gid);
    if (it != groups_.end()) return it->second;
    char buffer[16384];
    struct group grp;
    struct group* result = nullptr;
    std::string name = (getgrgid_r(gid, &grp, buffer, sizeof(buffer), &result) == 0 && result)
                           ? std::string(result->gr_name)
                           : std::to_string(gid);
    return groups_.emplace(gid, std::move(name)).first->second;
  }

 private:
  std::map<uid_t, std::string> users_;
  std::map<gid_t, std::string> groups_;
};

}  // namespace

void SuidBinTable::generate(const oqm::Query&, oqm::Rows& rows) {
  NameCache names;
  for (const auto& root : roots) {
    bool go = walkTree(root, [&](const FoundEntry& entry) {
      if (entry.is_dir) return true;
      struct stat st;
      if (::fstatat(entry.dirfd, entry.name, &st, 0) != 0) return true;
      if (!S_ISREG(st.st_mode) || (st.st_mode & (S_ISUID | S_ISGID)) == 0) return true;
      std::string permissions;
      if ((st.st_mode & S_ISUID) != 0) permissions += 'S';
      if ((st.st_mode & S_ISGID) != 0) permissions += 'G';
      rows.add()
          .set("path", entry.path)
          .set("username", names.user(st.st_uid))
          .set("groupname", names.group(st.st_gid))
          .set("permissions", permissions)
          .set("pid_with_namespace", 0);
      return !rows.done();
    });
    if (!go) return;
  }
}

}  // namespace oqm_files
