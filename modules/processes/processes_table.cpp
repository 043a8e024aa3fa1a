// processes: osquery's Linux semantics (osquery/tables/system/linux/processes.cpp), read with
// one openat/readlinkat per file relative to /proc/<pid> and no allocation per process.
#include "processes_table.h"

#include <limits.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <string_view>

#include "proc_fs.h"
#include "proc_parsers.h"
#include "process_selection.h"

namespace processes_module {

namespace {

// osquery turns status' "1234 kB" into "1234" + "000": kilobytes times 1000, not 1024. We keep
// its numbers so that results (and watchdog limits written against them) compare equal.
constexpr int64_t kBytesPerStatusKilobyte = 1000;
constexpr std::string_view kDeletedSuffix = " (deleted)";

int64_t clockTicksPerSecond() {
  static const int64_t ticks = [] {
    long n = ::sysconf(_SC_CLK_TCK);
    return n > 0 ? static_cast<int64_t>(n) : int64_t{100};
  }();
  return ticks;
}

// The wall-clock time of boot in whole seconds, or 0 when unknown. This is /proc/stat's btime
// (realtime minus the boot-time clock), computed without reading /proc/stat; unlike osquery's
// time(NULL) - uptime it does not move by a second between two queries.
int64_t bootTimeSeconds() {
  timespec real{}, boot{};
  if (::clock_gettime(CLOCK_REALTIME, &real) != 0 || ::clock_gettime(CLOCK_BOOTTIME, &boot) != 0) {
    return 0;
  }
  int64_t ns = (static_cast<int64_t>(real.tv_sec) - boot.tv_sec) * 1000000000 +
               (static_cast<int64_t>(real.tv_nsec) - boot.tv_nsec);
  return ns > 0 ? ns / 1000000000 : 0;
}

// Which columns the statement reads, so files only they need are not read at all.
struct Wanted {
  bool name, path, cmdline, state, cwd, root, uid, gid, euid, egid, suid, sgid, on_disk, wired_size,
      resident_size, total_size, user_time, system_time, disk_bytes_read, disk_bytes_written,
      start_time, parent, pgroup, threads, nice, cgroup_path;

  explicit Wanted(const oqm::Query& q)
      : name(q.used("name")),
        path(q.used("path")),
        cmdline(q.used("cmdline")),
        state(q.used("state")),
        cwd(q.used("cwd")),
        root(q.used("root")),
        uid(q.used("uid")),
        gid(q.used("gid")),
        euid(q.used("euid")),
        egid(q.used("egid")),
        suid(q.used("suid")),
        sgid(q.used("sgid")),
        on_disk(q.used("on_disk")),
        wired_size(q.used("wired_size")),
        resident_size(q.used("resident_size")),
        total_size(q.used("total_size")),
        user_time(q.used("user_time")),
        system_time(q.used("system_time")),
        disk_bytes_read(q.used("disk_bytes_read")),
        disk_bytes_written(q.used("disk_bytes_written")),
        start_time(q.used("start_time")),
        parent(q.used("parent")),
        pgroup(q.used("pgroup")),
        threads(q.used("threads")),
        nice(q.used("nice")),
        cgroup_path(q.used("cgroup_path")) {}

  bool status() const {
    return name || uid || gid || euid || egid || suid || sgid || resident_size || total_size;
  }
  bool exe() const { return path || on_disk; }
  bool io() const { return disk_bytes_read || disk_bytes_written; }
};

// Buffers for one process's files. Fixed-size files are read into these arrays; the heap
// buffers are kept across processes and grow only for unusually large files.
struct Scratch {
  char stat[4096];
  char status[4096];
  char io[1024];
  char cgroup[4096];
  char exe[PATH_MAX + 1];
  char cwd[PATH_MAX + 1];
  char root[PATH_MAX + 1];
  GrowableBuffer status_overflow;
  GrowableBuffer cgroup_overflow;
  GrowableBuffer cmdline;
};

// Everything one row needs; the views point into Scratch.
struct ProcessRecord {
  StatFields stat;
  StatusFields status;
  IoFields io;
  bool io_read = false;
  std::string_view path, cmdline, cwd, root, cgroup_path;
  int on_disk = -1;
};

// osquery's on_disk: -1 when the executable's path is unknown, 1 when a file exists at it, 0
// when it does not (the binary was deleted or replaced). The kernel marks a deleted executable
// with " (deleted)", which is stripped from `path`, unless a file with that very name is the
// running binary (same device and inode as /proc/<pid>/exe).
int onDisk(int dirfd, std::string_view& path) {
  if (path.empty()) return -1;
  struct stat file {};
  // `path` views the NUL-terminated link buffer, so data() is a C string.
  bool exists = ::stat(path.data(), &file) == 0;
  if (!path.ends_with(kDeletedSuffix)) return exists ? 1 : 0;
  if (exists) {
    struct stat exe {};
    if (::fstatat(dirfd, "exe", &exe, 0) != 0) return -1;
    if (exe.st_dev == file.st_dev && exe.st_ino == file.st_ino) return 1;
  }
  path.remove_suffix(kDeletedSuffix.size());
  return 0;
}

// Reads one process. False when it is gone (or its stat/status cannot be read), so it is
// skipped rather than failing the query.
bool readProcess(int dirfd, const Wanted& want, Scratch& s, ProcessRecord& r) {
  auto stat = readFile(dirfd, "stat", s.stat, sizeof(s.stat), s.status_overflow);
  if (!stat || !parseStat(*stat, r.stat)) return false;

  if (want.status()) {
    auto status = readFile(dirfd, "status", s.status, sizeof(s.status), s.status_overflow);
    if (!status) return false;
    parseStatus(*status, r.status);
  }
  if (want.exe()) {
    r.path = readLink(dirfd, "exe", s.exe, sizeof(s.exe)).value_or(std::string_view());
    if (want.on_disk) r.on_disk = onDisk(dirfd, r.path);
  }
  if (want.cmdline) {
    if (auto content = readFile(dirfd, "cmdline", s.cmdline)) {
      r.cmdline = normalizeCmdline(s.cmdline.data(), content->size());
    }
  }
  if (want.cwd) r.cwd = readLink(dirfd, "cwd", s.cwd, sizeof(s.cwd)).value_or(std::string_view());
  if (want.root) {
    r.root = readLink(dirfd, "root", s.root, sizeof(s.root)).value_or(std::string_view());
  }
  if (want.io()) {
    // Needs ptrace access to the process (root, or the same user): unreadable -> NULL.
    if (auto io = readFile(dirfd, "io", s.io, sizeof(s.io), s.cgroup_overflow)) {
      parseIo(*io, r.io);
      r.io_read = true;
    }
  }
  if (want.cgroup_path) {
    if (auto cgroup = readFile(dirfd, "cgroup", s.cgroup, sizeof(s.cgroup), s.cgroup_overflow)) {
      r.cgroup_path = parseCgroupPath(*cgroup);
    }
  }
  return true;
}

template <typename T>
void setIf(oqm::Row& row, bool wanted, std::string_view column, const T& value) {
  if (wanted) row.set(column, value);
}

void emit(oqm::Rows& rows, const Wanted& want, int64_t pid, int64_t boot_time,
          const ProcessRecord& r) {
  const int64_t ms_per_tick = 1000 / clockTicksPerSecond();
  oqm::Row row = rows.add();
  row.set("pid", pid);
  if (want.name && r.status.name) row.set("name", *r.status.name);
  setIf(row, want.path, "path", r.path);
  setIf(row, want.cmdline, "cmdline", r.cmdline);
  setIf(row, want.state, "state", std::string_view(&r.stat.state, 1));
  setIf(row, want.cwd, "cwd", r.cwd);
  setIf(row, want.root, "root", r.root);
  setIf(row, want.uid, "uid", r.status.uid);
  setIf(row, want.gid, "gid", r.status.gid);
  setIf(row, want.euid, "euid", r.status.euid);
  setIf(row, want.egid, "egid", r.status.egid);
  setIf(row, want.suid, "suid", r.status.suid);
  setIf(row, want.sgid, "sgid", r.status.sgid);
  setIf(row, want.on_disk, "on_disk", r.on_disk);
  setIf(row, want.wired_size, "wired_size", 0);  // Linux has no wired (unpageable) counter.
  if (want.resident_size && r.status.resident_kb) {
    row.set("resident_size", *r.status.resident_kb * kBytesPerStatusKilobyte);
  }
  if (want.total_size && r.status.total_kb) {
    row.set("total_size", *r.status.total_kb * kBytesPerStatusKilobyte);
  }
  setIf(row, want.user_time, "user_time", r.stat.user_ticks * ms_per_tick);
  setIf(row, want.system_time, "system_time", r.stat.system_ticks * ms_per_tick);
  if (r.io_read) {
    setIf(row, want.disk_bytes_read, "disk_bytes_read", r.io.read_bytes);
    // As osquery: bytes written minus those whose write-back was cancelled (truncated files).
    setIf(row, want.disk_bytes_written, "disk_bytes_written",
          r.io.write_bytes.value_or(0) - r.io.cancelled_write_bytes.value_or(0));
  }
  if (want.start_time) {
    int64_t start = -1;
    if (r.stat.start_ticks && boot_time > 0) {
      start = boot_time + *r.stat.start_ticks / clockTicksPerSecond();
    }
    row.set("start_time", start);
  }
  setIf(row, want.parent, "parent", r.stat.parent);
  setIf(row, want.pgroup, "pgroup", r.stat.pgroup);
  setIf(row, want.threads, "threads", r.stat.threads);
  setIf(row, want.nice, "nice", r.stat.nice);
  setIf(row, want.cgroup_path, "cgroup_path", r.cgroup_path);
}

}  // namespace

void ProcessesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  const Wanted want(query);
  const int64_t boot_time = want.start_time ? bootTimeSeconds() : 0;
  Scratch scratch;
  ProcessSelection(query, rows).forEach([&](const ProcessHandle& process) {
    ProcessRecord record;
    if (readProcess(process.dirfd, want, scratch, record)) {
      emit(rows, want, process.pid, boot_time, record);
    }
  });
}

}  // namespace processes_module
