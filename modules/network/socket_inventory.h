// socket_inventory.h: which process holds which socket, joined with the sockets' descriptions.
// The shared core of process_open_sockets and listening_ports.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "socket_record.h"

namespace network_module {

// One socket as a table reports it: the record, and the process and descriptor that hold it
// (pid and fd are -1 for a socket no process holds, e.g. TIME_WAIT).
struct HeldSocket {
  const SocketRecord* record;
  int64_t pid;
  int64_t fd;
  const std::string* net_namespace;  // the namespace inode, as text
};

// Reads the sockets of the processes a query selects.
//
// Owners come from /proc/<pid>/fd (links "socket:[inode]"); descriptions come once per network
// namespace: through sock_diag for our own namespace, from /proc/<pid>/net/* for the others
// (as osquery does). A socket held by several processes or descriptors gives one row per
// holder. With a pid list only those processes' descriptors are read, and sockets no listed
// process holds are left out.
class SocketInventory {
 public:
  // `pids` empty and `all_processes` true: every process, plus sockets nobody holds.
  template <typename Visit>
  void forEach(bool all_processes, const std::vector<int64_t>& pids, Visit&& visit) {
    Scan scan = collect(all_processes, pids);
    emit(scan, all_processes, visit);
  }

  // How many namespace dumps were taken (tests: a pid-constrained join reuses one).
  uint64_t dumpCount() const { return dumps_.load(); }

 private:
  struct Owner {
    int64_t pid;
    int64_t fd;
  };
  struct NamespaceSockets {
    std::chrono::steady_clock::time_point taken;
    std::vector<SocketRecord> records;
    std::unordered_set<uint64_t> inodes;
  };
  struct Scan {
    std::unordered_map<uint64_t, std::vector<Owner>> owners;  // socket inode -> holders
    // namespace inode -> (its text, its sockets)
    std::vector<std::pair<std::string, std::shared_ptr<const NamespaceSockets>>> namespaces;
  };

  Scan collect(bool all_processes, const std::vector<int64_t>& pids);
  std::shared_ptr<const NamespaceSockets> namespaceSockets(uint64_t ns, int64_t pid, bool own,
                                                           bool may_reuse,
                                                           const std::vector<uint64_t>& wanted);

  template <typename Visit>
  void emit(const Scan& scan, bool all_processes, Visit& visit) {
    for (const auto& [ns_text, sockets] : scan.namespaces) {
      for (const SocketRecord& record : sockets->records) {
        auto it = record.inode != 0 ? scan.owners.find(record.inode) : scan.owners.end();
        if (it == scan.owners.end()) {
          if (!all_processes) continue;
          if (!visit(HeldSocket{&record, -1, -1, &ns_text})) return;
          continue;
        }
        for (const Owner& owner : it->second) {
          if (!visit(HeldSocket{&record, owner.pid, owner.fd, &ns_text})) return;
        }
      }
    }
  }

  std::mutex mutex_;
  std::map<uint64_t, std::shared_ptr<const NamespaceSockets>> cache_;
  std::atomic<uint64_t> dumps_{0};
};

}  // namespace network_module
