// One row per /proc/mounts line. device_alias is the device path with symlinks resolved
// (/dev/disk/by-uuid/... -> /dev/sda1), or the device itself when it is not a path. The sizes
// come from statfs(2), which is skipped for autofs (it would trigger the automount) and when
// the statement reads none of the size columns (a hung network mount cannot stall it then);
// when statfs is skipped or fails they are 0, as in osquery.
#include "mounts_table.h"

#include <sys/vfs.h>

#include <climits>
#include <cstdlib>

#include "procfs.h"
#include "util.h"

namespace oqm_system {
namespace {

std::string deviceAlias(const std::string& device) {
  if (device.empty() || device.front() != '/') return device;
  char* resolved = realpath(device.c_str(), nullptr);
  if (resolved == nullptr) return device;
  std::string out(resolved);
  std::free(resolved);
  return out;
}

}  // namespace

void MountsTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  auto text = readFile("/proc/mounts");
  if (!text) text = readFile("/proc/self/mounts");
  if (!text) return;

  bool want_sizes = false;
  for (const char* c :
       {"blocks_size", "blocks", "blocks_free", "blocks_available", "inodes", "inodes_free"}) {
    want_sizes |= query.used(c);
  }

  for (const auto& m : parseMounts(*text)) {
    if (rows.done()) break;
    int64_t bsize = 0, blocks = 0, bfree = 0, bavail = 0, files = 0, ffree = 0;
    struct statfs st {};
    if (want_sizes && m.type != "autofs" && statfs(m.path.c_str(), &st) == 0) {
      bsize = static_cast<int64_t>(st.f_bsize);
      blocks = static_cast<int64_t>(st.f_blocks);
      bfree = static_cast<int64_t>(st.f_bfree);
      bavail = static_cast<int64_t>(st.f_bavail);
      files = static_cast<int64_t>(st.f_files);
      ffree = static_cast<int64_t>(st.f_ffree);
    }
    rows.add()
        .set("device", m.device)
        .set("device_alias", deviceAlias(m.device))
        .set("path", m.path)
        .set("type", m.type)
        .set("blocks_size", bsize)
        .set("blocks", blocks)
        .set("blocks_free", bfree)
        .set("blocks_available", bavail)
        .set("inodes", files)
        .set("inodes_free", ffree)
        .set("flags", m.flags);
  }
}

}  // namespace oqm_system
