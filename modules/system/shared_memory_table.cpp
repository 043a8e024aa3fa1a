// osquery walks the segments with shmctl(SHM_INFO/SHM_STAT); /proc/sysvipc/shm lists the same
// segments in one read and needs no permission on each. As osquery: pid is the last process
// that attached or detached, permissions are the low twelve mode bits in octal (so a segment
// marked for destruction shows its SHM_DEST bit, "1600"), status is "dest" for such a segment
// and "" otherwise. osquery leaves owner_uid/creator_uid NULL for a uid without a passwd entry;
// we always report the uid.
#include "shared_memory_table.h"

#include <sys/shm.h>

#include "procfs.h"
#include "util.h"

namespace oqm_system {

void SharedMemoryTable::generate(const oqm::Query&, oqm::Rows& rows) {
  auto text = readFile("/proc/sysvipc/shm");
  if (!text) return;  // a kernel without CONFIG_SYSVIPC
  for (const auto& s : parseSysvShm(*text)) {
    if (rows.done()) break;
    rows.add()
        .set("shmid", s.shmid)
        .set("owner_uid", s.uid)
        .set("creator_uid", s.creator_uid)
        .set("pid", s.last_pid)
        .set("creator_pid", s.creator_pid)
        .set("atime", s.atime)
        .set("dtime", s.dtime)
        .set("ctime", s.ctime)
        .set("permissions", octalPermissions(s.mode))
        .set("size", s.size)
        .set("attached", s.attached)
        .set("status", (s.mode & SHM_DEST) != 0 ? "dest" : "")
        .set("locked", (s.mode & SHM_LOCKED) != 0 ? 1 : 0);
  }
}

}  // namespace oqm_system
