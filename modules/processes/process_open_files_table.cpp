// process_open_files: the targets of /proc/<pid>/fd/*, without sockets, pipes and anonymous
// inodes (osquery/tables/system/linux/process_open_files.cpp).
#include "process_open_files_table.h"

#include <fcntl.h>
#include <limits.h>

#include "proc_fs.h"
#include "proc_parsers.h"
#include "process_selection.h"

namespace processes_module {

void ProcessOpenFilesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  alignas(8) char entries[8192];
  char target[PATH_MAX + 1];
  ProcessSelection(query, rows).forEach([&](const ProcessHandle& process) {
    // Listing another user's descriptors needs ptrace access; unreadable -> no rows.
    UniqueFd fds(::openat(process.dirfd, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fds.valid()) return;
    DirectoryReader reader(fds.get(), entries, sizeof(entries));
    while (const char* name = reader.next()) {
      if (rows.done()) return;
      auto fd = parseDecimal(name);
      if (!fd) continue;
      // The descriptor may have been closed since the listing.
      auto path = readLink(fds.get(), name, target, sizeof(target));
      if (!path || !isOpenFileTarget(*path)) continue;
      rows.add().set("pid", process.pid).set("fd", *fd).set("path", *path);
    }
  });
}

}  // namespace processes_module
