#include "socket_inventory.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "text_util.h"

namespace network_module {

namespace {

// A pid-constrained query (a JOIN runs one per process) may reuse a namespace's dump this long,
// provided every socket the processes hold is in it; a full scan always dumps afresh.
constexpr auto kReuseWindow = std::chrono::milliseconds(500);

// The number inside a link such as "socket:[12345]" or "net:[4026531840]", or 0.
uint64_t bracketedInode(std::string_view link, std::string_view prefix) {
  if (link.size() < prefix.size() + 3 || link.substr(0, prefix.size()) != prefix) return 0;
  if (link[prefix.size()] != ':' || link[prefix.size() + 1] != '[' || link.back() != ']') return 0;
  auto value = parseUnsigned(link.substr(prefix.size() + 2, link.size() - prefix.size() - 3));
  return value ? *value : 0;
}

uint64_t namespaceOf(int proc_dir) {
  char target[64];
  ssize_t n = ::readlinkat(proc_dir, "ns/net", target, sizeof(target));
  if (n <= 0) return 0;
  return bracketedInode(std::string_view(target, static_cast<size_t>(n)), "net");
}

// Adds the sockets process `pid` holds to `owners` and their inodes to `held`.
template <typename Owners>
void readSocketDescriptors(int proc_dir, int64_t pid, Owners& owners, std::vector<uint64_t>& held) {
  int fd_dir = ::openat(proc_dir, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_dir < 0) return;  // exited, or a kernel thread we may not read
  DIR* dir = ::fdopendir(fd_dir);
  if (dir == nullptr) {
    ::close(fd_dir);
    return;
  }
  char target[64];
  while (dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    ssize_t n = ::readlinkat(fd_dir, entry->d_name, target, sizeof(target));
    // "socket:[" is 8 characters; anything shorter or not starting so is another file.
    if (n < 10 || std::memcmp(target, "socket:[", 8) != 0) continue;
    uint64_t inode = bracketedInode(std::string_view(target, static_cast<size_t>(n)), "socket");
    auto fd = parseUnsigned(entry->d_name);
    if (inode == 0 || !fd) continue;
    owners[inode].push_back({pid, static_cast<int64_t>(*fd)});
    held.push_back(inode);
  }
  ::closedir(dir);
}

}  // namespace

SocketInventory::Scan SocketInventory::collect(bool all_processes,
                                               const std::vector<int64_t>& requested) {
  Scan scan;
  std::vector<int64_t> pids = requested;
  if (all_processes) {
    pids.clear();
    if (DIR* proc = ::opendir("/proc")) {
      while (dirent* entry = ::readdir(proc)) {
        if (auto pid = parseUnsigned(entry->d_name)) pids.push_back(static_cast<int64_t>(*pid));
      }
      ::closedir(proc);
    }
  } else {
    std::sort(pids.begin(), pids.end());
    pids.erase(std::unique(pids.begin(), pids.end()), pids.end());
  }

  // Our own namespace is read through sock_diag; a process whose namespace we may not read
  // (e.g. pid 1 in some sandboxes) is taken to share it.
  uint64_t own = 0;
  {
    int self = ::open("/proc/self", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (self >= 0) {
      own = namespaceOf(self);
      ::close(self);
    }
  }

  // Namespaces in the order first seen, each with the first process seen in it.
  std::vector<std::pair<uint64_t, int64_t>> namespaces;
  std::map<uint64_t, std::vector<uint64_t>> wanted;  // namespace -> inodes its processes hold
  char path[32];
  std::vector<uint64_t> held;
  for (int64_t pid : pids) {
    if (pid <= 0 || pid > (int64_t{1} << 22)) continue;
    std::snprintf(path, sizeof(path), "/proc/%lld", static_cast<long long>(pid));
    int proc_dir = ::open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (proc_dir < 0) continue;
    held.clear();
    readSocketDescriptors(proc_dir, pid, scan.owners, held);
    bool holds = !held.empty();
    // A full scan reports every namespace a process lives in, as osquery does; a constrained
    // one only the namespaces of the listed processes' sockets.
    if (holds || all_processes) {
      uint64_t ns = namespaceOf(proc_dir);
      if (ns == 0) ns = own;
      bool seen = std::any_of(namespaces.begin(), namespaces.end(),
                              [&](const auto& entry) { return entry.first == ns; });
      if (!seen) namespaces.emplace_back(ns, pid);
      if (!all_processes) {
        auto& list = wanted[ns];
        list.insert(list.end(), held.begin(), held.end());
      }
    }
    ::close(proc_dir);
  }

  static const std::vector<uint64_t> kNone;
  for (const auto& [ns, pid] : namespaces) {
    auto it = wanted.find(ns);
    auto sockets = namespaceSockets(ns, pid, ns == own, !all_processes,
                                    it == wanted.end() ? kNone : it->second);
    scan.namespaces.emplace_back(std::to_string(ns), std::move(sockets));
  }
  return scan;
}

std::shared_ptr<const SocketInventory::NamespaceSockets> SocketInventory::namespaceSockets(
    uint64_t ns, int64_t pid, bool own, bool may_reuse, const std::vector<uint64_t>& wanted) {
  auto now = std::chrono::steady_clock::now();
  if (may_reuse) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find(ns);
    if (it != cache_.end() && now - it->second->taken < kReuseWindow) {
      const auto& cached = *it->second;
      bool complete = std::all_of(wanted.begin(), wanted.end(),
                                  [&](uint64_t inode) { return cached.inodes.count(inode) != 0; });
      if (complete) return it->second;
    }
  }
  auto fresh = std::make_shared<NamespaceSockets>();
  fresh->records =
      readNamespaceSockets(own ? "/proc/self/net" : "/proc/" + std::to_string(pid) + "/net", own);
  fresh->taken = std::chrono::steady_clock::now();
  fresh->inodes.reserve(fresh->records.size());
  for (const auto& record : fresh->records) fresh->inodes.insert(record.inode);
  std::lock_guard<std::mutex> lock(mutex_);
  ++dumps_;
  cache_[ns] = fresh;
  return fresh;
}

}  // namespace network_module
