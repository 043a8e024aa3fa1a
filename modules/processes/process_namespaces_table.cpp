// process_namespaces: the inode number of each /proc/<pid>/ns/<type> link, which identifies
// the namespace (two processes share a namespace exactly when the numbers are equal), as
// osquery's genNamespaces reports it. Reading another user's links needs ptrace access; a
// namespace that cannot be read stays NULL and the process still has its row, as in osquery.
#include "process_namespaces_table.h"

#include "proc_fs.h"
#include "proc_parsers.h"
#include "process_selection.h"

namespace processes_module {
namespace {

struct NamespaceColumn {
  const char* link;  // relative to /proc/<pid>
  const char* column;
};

constexpr NamespaceColumn kNamespaces[] = {
    {"ns/cgroup", "cgroup_namespace"}, {"ns/ipc", "ipc_namespace"}, {"ns/mnt", "mnt_namespace"},
    {"ns/net", "net_namespace"},       {"ns/pid", "pid_namespace"}, {"ns/user", "user_namespace"},
    {"ns/uts", "uts_namespace"},
};

}  // namespace

void ProcessNamespacesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  ProcessSelection(query, rows).forEach([&](const ProcessHandle& process) {
    oqm::Row row = rows.add();
    row.set("pid", process.pid);
    char target[64];
    for (const auto& ns : kNamespaces) {
      if (!query.used(ns.column)) continue;
      auto link = readLink(process.dirfd, ns.link, target, sizeof(target));
      if (!link) continue;
      std::string_view inode = parseNamespaceInode(*link);
      if (!inode.empty()) row.set(ns.column, inode);
    }
  });
}

}  // namespace processes_module
