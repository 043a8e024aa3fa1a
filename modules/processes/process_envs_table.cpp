// process_envs: /proc/<pid>/environ, NUL-separated "KEY=value" entries split at the first '='
// (osquery/tables/system/linux/processes.cpp, genProcessEnvironment).
#include "process_envs_table.h"

#include "proc_fs.h"
#include "proc_parsers.h"
#include "process_selection.h"

namespace processes_module {

void ProcessEnvsTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  GrowableBuffer buffer;
  ProcessSelection(query, rows).forEach([&](const ProcessHandle& process) {
    // environ needs ptrace access (root or the same user); kernel threads have none.
    auto content = readFile(process.dirfd, "environ", buffer);
    if (!content) return;
    std::string_view rest = *content;
    while (!rest.empty() && !rows.done()) {
      std::string_view entry = nextNulEntry(rest);
      // As osquery, an empty entry ends the list: past it lies whatever a process that
      // rewrote its environment block left there.
      if (entry.empty()) break;
      EnvEntry env = splitEnvEntry(entry);
      rows.add().set("pid", process.pid).set("key", env.key).set("value", env.value);
    }
  });
}

}  // namespace processes_module
