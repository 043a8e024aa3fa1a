#include "process_selection.h"

#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "proc_fs.h"

namespace processes_module {

namespace {
// Linux pids are positive and at most PID_MAX_LIMIT (2^22); anything else cannot exist.
constexpr int64_t kPidLimit = int64_t{1} << 22;
constexpr int kDirFlags = O_PATH | O_DIRECTORY | O_CLOEXEC;
}  // namespace

ProcessSelection::ProcessSelection(const oqm::Query& query, const oqm::Rows& rows)
    : rows_(rows), list_all_(!query.hasEq("pid")) {
  if (list_all_) return;
  // `pid IN (1, 1)` must still give one row per process: the kernel re-checks rows, it does not
  // de-duplicate them.
  pids_ = query.eq<int64_t>("pid");
  std::sort(pids_.begin(), pids_.end());
  pids_.erase(std::unique(pids_.begin(), pids_.end()), pids_.end());
}

void ProcessSelection::forEachImpl(Callback callback, void* ctx) {
  if (!list_all_) {
    char path[32];
    for (int64_t pid : pids_) {
      if (rows_.done()) return;
      if (pid <= 0 || pid > kPidLimit) continue;
      std::snprintf(path, sizeof(path), "/proc/%lld", static_cast<long long>(pid));
      UniqueFd dir(::open(path, kDirFlags));
      if (!dir.valid()) continue;
      callback(ctx, ProcessHandle{pid, dir.get()});
    }
    return;
  }

  UniqueFd proc(::open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!proc.valid()) {
    throw oqm::Error(std::string("cannot list /proc: ") + std::strerror(errno));
  }
  countProcListing();
  alignas(8) char entries[16384];
  DirectoryReader reader(proc.get(), entries, sizeof(entries));
  while (const char* name = reader.next()) {
    if (rows_.done()) return;
    auto pid = parseDecimal(name);
    if (!pid) continue;  // self, sys, meminfo, ...
    UniqueFd dir(::openat(proc.get(), name, kDirFlags));
    if (!dir.valid()) continue;  // exited since the listing
    callback(ctx, ProcessHandle{*pid, dir.get()});
  }
}

}  // namespace processes_module
