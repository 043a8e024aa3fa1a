// procfs.h: parsers for the /proc files the system tables read. Each takes the file's text,
// so tests feed them fixtures; an empty text gives an empty result, never an error.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_system {

// /proc/modules: "name size refcount used_by state address [taint]".
struct KernelModule {
  std::string name;
  int64_t size = 0;
  std::string used_by;  // "mod_a,mod_b" (trailing ',' removed) or "-"
  std::string status;   // Live, Loading, Unloading
  std::string address;  // as the kernel prints it: "0xffffffffc0a5e000" (zero when unprivileged)
};
std::vector<KernelModule> parseModules(std::string_view text);

// /proc/meminfo: every "Key: value [kB]" line, in bytes (kB values times 1024).
std::map<std::string, int64_t> parseMeminfo(std::string_view text);

// /proc/stat: one entry per "cpuN" line (the aggregate "cpu" line is skipped), in the
// kernel's units (USER_HZ clock ticks). Fields absent on old kernels are 0.
struct CpuTimes {
  int64_t core = 0;
  int64_t user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0;
  int64_t steal = 0, guest = 0, guest_nice = 0;
};
std::vector<CpuTimes> parseCpuTimes(std::string_view text);

// /proc/uptime: whole seconds since boot (the first number, truncated).
std::optional<int64_t> parseUptime(std::string_view text);

// /proc/loadavg: the 1, 5 and 15 minute averages.
std::optional<std::array<double, 3>> parseLoadavg(std::string_view text);

// /proc/mounts (fstab(5) format, octal escapes such as \040 decoded).
struct MountEntry {
  std::string device;
  std::string path;
  std::string type;
  std::string flags;  // the mount options, "rw,relatime,..."
};
std::vector<MountEntry> parseMounts(std::string_view text);

// /proc/cmdline, split as osquery's kernel_info does: BOOT_IMAGE= gives the path, root= the
// device, every other word is kept in arguments (single spaces between them).
struct KernelCmdline {
  std::string arguments;
  std::optional<std::string> path;
  std::optional<std::string> device;
};
KernelCmdline parseCmdline(std::string_view text);

// /proc/version: "Linux version <release> ..." gives <release>.
std::optional<std::string> parseProcVersion(std::string_view text);

// /proc/keys: "serial flags usage timeout perm uid gid type description". The description is
// the rest of the line as the kernel prints it ("_uid.0: empty", ".user_reg: 2").
struct KernelKey {
  std::string serial_number;  // hex, as printed
  std::string flags;          // "I--Q---"
  int64_t usage = 0;
  std::string timeout;      // "perm", "5d", "expd"
  std::string permissions;  // hex mask, as printed
  int64_t uid = 0;
  int64_t gid = 0;
  std::string type;
  std::string description;
};
std::vector<KernelKey> parseKeys(std::string_view text);

// /proc/sysvipc/shm (after its header line): "key shmid perms size cpid lpid nattch uid gid
// cuid cgid atime dtime ctime [rss swap]". perms is octal and carries SHM_DEST (01000) and
// SHM_LOCKED (02000) beside the permission bits.
struct SharedMemorySegment {
  int64_t key = 0;
  int64_t shmid = 0;
  uint32_t mode = 0;
  int64_t size = 0;
  int64_t creator_pid = 0;
  int64_t last_pid = 0;
  int64_t attached = 0;
  int64_t uid = 0, gid = 0, creator_uid = 0, creator_gid = 0;
  int64_t atime = 0, dtime = 0, ctime = 0;
};
std::vector<SharedMemorySegment> parseSysvShm(std::string_view text);

// The low twelve bits of a mode as four octal digits, "0600" (osquery's lsperms).
std::string octalPermissions(uint32_t mode);

}  // namespace oqm_system
