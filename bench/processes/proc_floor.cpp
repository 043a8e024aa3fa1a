// proc_floor: the floor for `SELECT * FROM processes`. A plain C++ loop, with no SDK and no
// SQLite, that reads the same /proc files the processes table reads for every process (stat,
// status, cmdline, io, cgroup, the exe/cwd/root links and a stat() of the executable), pulls
// out the same fields and writes each row's fields into a string sink, so that the work cannot
// be optimized away. Prints the number of processes read.
//
//   proc_floor [repeat]   (repeat: how many full scans, default 1)
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

// Reads a whole file relative to dirfd into buf; -1 when it cannot be read.
ssize_t readWhole(int dirfd, const char* name, char* buf, size_t cap) {
  int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  size_t len = 0;
  while (len < cap) {
    ssize_t n = read(fd, buf + len, cap - len);
    if (n < 0) {
      close(fd);
      return -1;
    }
    if (n == 0) break;
    len += static_cast<size_t>(n);
  }
  close(fd);
  return static_cast<ssize_t>(len);
}

std::string_view link(int dirfd, const char* name, char* buf, size_t cap) {
  ssize_t n = readlinkat(dirfd, name, buf, cap - 1);
  if (n <= 0) return {};
  buf[n] = '\0';
  return {buf, static_cast<size_t>(n)};
}

void put(std::string& sink, std::string_view text) {
  sink.append(text);
  sink.push_back('|');
}

void put(std::string& sink, long long value) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof(digits), value).ptr;
  put(sink, std::string_view(digits, static_cast<size_t>(end - digits)));
}

// The value of "Key:" in a status/io style text, trimmed; empty when absent.
std::string_view field(std::string_view text, std::string_view key) {
  size_t at = 0;
  while (at < text.size()) {
    size_t eol = text.find('\n', at);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(at, eol - at);
    if (line.size() > key.size() && line.substr(0, key.size()) == key && line[key.size()] == ':') {
      std::string_view value = line.substr(key.size() + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
        value.remove_prefix(1);
      }
      return value;
    }
    at = eol + 1;
  }
  return {};
}

// The leading number of `text` (0 when there is none).
long long number(std::string_view text) {
  long long value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

struct Buffers {
  char stat[4096], status[8192], io[1024], cgroup[4096];
  char exe[PATH_MAX + 1], cwd[PATH_MAX + 1], root[PATH_MAX + 1];
  char cmdline[256 * 1024];
};

bool readProcess(int dirfd, const char* pid, long long boot, long long hz, Buffers& b,
                 std::string& sink) {
  ssize_t n = readWhole(dirfd, "stat", b.stat, sizeof(b.stat) - 1);
  if (n <= 0) return false;
  b.stat[n] = '\0';
  char* close_paren = strrchr(b.stat, ')');
  if (close_paren == nullptr) return false;
  // state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime
  // cstime priority nice threads itrealvalue starttime
  char state = close_paren[2];
  char* p = close_paren + 4;
  long long f[20] = {};
  for (int i = 1; i < 20; ++i) f[i] = strtoll(p, &p, 10);

  ssize_t status_len = readWhole(dirfd, "status", b.status, sizeof(b.status));
  if (status_len < 0) return false;
  std::string_view status(b.status, static_cast<size_t>(status_len));

  std::string_view exe = link(dirfd, "exe", b.exe, sizeof(b.exe));
  int on_disk = -1;
  if (!exe.empty()) {
    struct stat st;
    on_disk = stat(b.exe, &st) == 0 ? 1 : 0;
  }
  ssize_t cmd_len = readWhole(dirfd, "cmdline", b.cmdline, sizeof(b.cmdline));
  if (cmd_len < 0) cmd_len = 0;
  for (ssize_t i = 0; i < cmd_len; ++i) {
    if (b.cmdline[i] == '\0') b.cmdline[i] = ' ';
  }
  while (cmd_len > 0 && b.cmdline[cmd_len - 1] == ' ') --cmd_len;
  std::string_view cwd = link(dirfd, "cwd", b.cwd, sizeof(b.cwd));
  std::string_view root = link(dirfd, "root", b.root, sizeof(b.root));
  ssize_t io_len = readWhole(dirfd, "io", b.io, sizeof(b.io));
  std::string_view io(b.io, io_len > 0 ? static_cast<size_t>(io_len) : 0);
  ssize_t cg_len = readWhole(dirfd, "cgroup", b.cgroup, sizeof(b.cgroup));
  std::string_view cgroup(b.cgroup, cg_len > 0 ? static_cast<size_t>(cg_len) : 0);
  cgroup = cgroup.substr(0, cgroup.find('\n'));
  size_t colon = cgroup.find(':');
  colon = colon == std::string_view::npos ? colon : cgroup.find(':', colon + 1);
  cgroup = colon == std::string_view::npos ? std::string_view() : cgroup.substr(colon + 1);

  sink.clear();
  put(sink, pid);
  put(sink, field(status, "Name"));
  put(sink, exe);
  put(sink, std::string_view(b.cmdline, static_cast<size_t>(cmd_len)));
  put(sink, std::string_view(&state, 1));
  put(sink, cwd);
  put(sink, root);
  put(sink, field(status, "Uid"));
  put(sink, field(status, "Gid"));
  put(sink, on_disk);
  put(sink, 0);
  put(sink, number(field(status, "VmRSS")) * 1000);
  put(sink, number(field(status, "VmSize")) * 1000);
  put(sink, f[11] * (1000 / hz));
  put(sink, f[12] * (1000 / hz));
  put(sink, number(field(io, "read_bytes")));
  put(sink, number(field(io, "write_bytes")) - number(field(io, "cancelled_write_bytes")));
  put(sink, boot + f[19] / hz);
  put(sink, f[1]);
  put(sink, f[2]);
  put(sink, f[17]);
  put(sink, f[16]);
  put(sink, cgroup);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = argc > 1 ? atoi(argv[1]) : 1;
  long long hz = sysconf(_SC_CLK_TCK);
  timespec real{}, boot_clock{};
  clock_gettime(CLOCK_REALTIME, &real);
  clock_gettime(CLOCK_BOOTTIME, &boot_clock);
  long long boot = real.tv_sec - boot_clock.tv_sec;
  static Buffers buffers;
  std::string sink;
  sink.reserve(1 << 16);
  size_t processes = 0, bytes = 0;
  for (int r = 0; r < repeat; ++r) {
    processes = 0;
    DIR* proc = opendir("/proc");
    if (proc == nullptr) {
      perror("/proc");
      return 1;
    }
    while (dirent* entry = readdir(proc)) {
      if (entry->d_name[0] < '1' || entry->d_name[0] > '9') continue;
      int dirfd = openat(::dirfd(proc), entry->d_name, O_PATH | O_DIRECTORY | O_CLOEXEC);
      if (dirfd < 0) continue;
      if (readProcess(dirfd, entry->d_name, boot, hz, buffers, sink)) {
        ++processes;
        bytes += sink.size();
      }
      close(dirfd);
    }
    closedir(proc);
  }
  std::printf("%zu processes (%zu bytes of fields)\n", processes, bytes);
  return 0;
}
