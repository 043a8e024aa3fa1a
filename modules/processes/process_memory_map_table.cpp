// process_memory_map: /proc/<pid>/maps (osquery/tables/system/linux/processes.cpp,
// genProcessMap): addresses as "0x" + the kernel's hex text, offset as a number.
#include "process_memory_map_table.h"

#include <cstring>

#include "proc_fs.h"
#include "proc_parsers.h"
#include "process_selection.h"

namespace processes_module {

namespace {
// "0x" followed by `hex`, in `out` (at least 2 + 16 + 1 bytes: addresses are 64-bit).
std::string_view withHexPrefix(std::string_view hex, char (&out)[20]) {
  size_t n = hex.size() < sizeof(out) - 2 ? hex.size() : sizeof(out) - 2;
  out[0] = '0';
  out[1] = 'x';
  std::memcpy(out + 2, hex.data(), n);
  return std::string_view(out, n + 2);
}
}  // namespace

void ProcessMemoryMapTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  GrowableBuffer buffer;
  char start[20];
  char end[20];
  ProcessSelection(query, rows).forEach([&](const ProcessHandle& process) {
    // maps needs ptrace access (root or the same user); kernel threads have no mappings.
    auto content = readFile(process.dirfd, "maps", buffer);
    if (!content) return;
    std::string_view rest = *content;
    while (!rest.empty() && !rows.done()) {
      std::string_view line = nextLine(rest);
      MapsLine map;
      if (!parseMapsLine(line, map)) continue;
      rows.add()
          .set("pid", process.pid)
          .set("start", withHexPrefix(map.start, start))
          .set("end", withHexPrefix(map.end, end))
          .set("permissions", map.permissions)
          .set("offset", map.offset)
          .set("device", map.device)
          .set("inode", map.inode)
          .set("path", map.path)
          .set("pseudo", map.pseudo ? 1 : 0);
    }
  });
}

}  // namespace processes_module
