// proc_parsers.h: parsers for the text of /proc/<pid> files, separate from the reading so they
// can be tested on fixed input.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace processes_module {

// Fields of /proc/<pid>/stat that the processes table reports.
struct StatFields {
  char state = 0;
  int64_t parent = 0;
  int64_t pgroup = 0;
  int64_t user_ticks = 0;
  int64_t system_ticks = 0;
  int64_t nice = 0;
  int64_t threads = 0;
  std::optional<int64_t> start_ticks;  // clock ticks after boot
};

// Parses /proc/<pid>/stat. The command name in parentheses may itself contain spaces and
// parentheses, so the fields start after the LAST ')'. False when the text is cut short.
bool parseStat(std::string_view content, StatFields& out);

// Fields of /proc/<pid>/status. Absent lines stay unset (e.g. kernel threads have no VmRSS).
struct StatusFields {
  std::optional<std::string_view> name;  // a view into the parsed text
  std::optional<int64_t> uid, euid, suid;
  std::optional<int64_t> gid, egid, sgid;
  std::optional<int64_t> resident_kb;  // VmRSS
  std::optional<int64_t> total_kb;     // VmSize
};

void parseStatus(std::string_view content, StatusFields& out);

// Fields of /proc/<pid>/io.
struct IoFields {
  std::optional<int64_t> read_bytes;
  std::optional<int64_t> write_bytes;
  std::optional<int64_t> cancelled_write_bytes;
};

void parseIo(std::string_view content, IoFields& out);

// The cgroup path osquery reports from /proc/<pid>/cgroup: the text after the second ':' of the
// FIRST line ("0::/user.slice/..." on cgroup v2). Empty when the line has no second ':'.
std::string_view parseCgroupPath(std::string_view content);

// One line of /proc/<pid>/maps.
struct MapsLine {
  std::string_view start;  // hex digits, without 0x
  std::string_view end;
  std::string_view permissions;
  int64_t offset = -1;  // -1 when it does not parse, as osquery
  std::string_view device;
  std::optional<int64_t> inode;
  std::string_view path;  // trimmed; may be empty
  bool pseudo = false;    // inode 0 and a name: [heap], [stack], [vdso], [anon:...]
};

// False for a line without the five leading fields.
bool parseMapsLine(std::string_view line, MapsLine& out);

// Splits the next NUL-terminated entry off `rest` (as in environ and cmdline).
std::string_view nextNulEntry(std::string_view& rest);

// Splits the next line (without its '\n') off `rest`; no allocation, unlike oqm_support::lines.
std::string_view nextLine(std::string_view& rest);

// One environment entry split at its first '='; an entry without '=' is all key.
struct EnvEntry {
  std::string_view key;
  std::string_view value;
};
EnvEntry splitEnvEntry(std::string_view entry);

// True when an fd's link target names a file: osquery's process_open_files leaves out
// sockets, pipes and anonymous inodes (those belong to process_open_sockets/_pipes).
bool isOpenFileTarget(std::string_view target);

// /proc/<pid>/cmdline as one line: NULs become spaces, surrounding whitespace is trimmed.
// Edits `content` in place and returns the trimmed view of it.
std::string_view normalizeCmdline(char* content, size_t length);

// The inode number in a /proc/<pid>/ns/<type> link target such as "net:[4026531840]", as
// decimal text (what osquery's process_namespaces reports); empty when the target has another
// shape.
std::string_view parseNamespaceInode(std::string_view link_target);

}  // namespace processes_module
