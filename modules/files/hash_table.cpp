// osquery semantics (osquery/tables/utility/hash.cpp): only regular files are hashed (symlinks
// are followed); a file that cannot be read gives a row with empty digests. Unlike osquery, files
// larger than --read_max are hashed too (the read is streamed, so size costs no memory).
#include "hash_table.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "file_targets.h"
#include "multi_hash.h"

namespace oqm_files {
namespace {

bool isRegularFile(const FoundEntry& entry) {
  if (entry.d_type == DT_REG) return true;
  if (entry.d_type != DT_UNKNOWN && entry.d_type != DT_LNK) return false;
  struct stat st;
  return ::fstatat(entry.dirfd, entry.name, &st, 0) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

void HashTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  DigestSelection which;
  which.md5 = query.used("md5");
  which.sha1 = query.used("sha1");
  which.sha256 = query.used("sha256");
  forEachTarget(query, kGlobFiles, [&](const FoundEntry& entry, const std::string& directory) {
    if (entry.is_dir || !isRegularFile(entry)) return true;
    FileDigests digests;
    if (which.any()) {
      if (auto computed = hashFileAt(entry.dirfd, entry.name, which)) digests = *computed;
    }
    rows.add()
        .set("path", entry.path)
        .set("directory", directory)
        .set("md5", digests.md5)
        .set("sha1", digests.sha1)
        .set("sha256", digests.sha256)
        .set("pid_with_namespace", 0);
    return !rows.done();
  });
}

}  // namespace oqm_files
