// fs_root.h: the filesystem a scan reads, and the hidden namespace columns that say which.
//
// osquery's `pid_with_namespace = N` runs a table inside the mount namespace of process N. We
// read the same files through /proc/N/root instead (no fork, no setns), and report paths as
// the process sees them. The same prefix lets unit tests point a whole table at a fixture tree.
#pragma once

#include <cstdint>
#include <optional>
#include <osquery_module.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_packages {

struct FsRoot {
  std::string prefix;  // "" for the host's own root, "/proc/<pid>/root", or a test fixture
  int64_t pid = 0;     // the pid_with_namespace value, 0 for the host
  std::optional<std::string> mount_namespace_id;  // inode of /proc/<pid>/ns/mnt

  // A root at `prefix` (a fixture tree in tests).
  static FsRoot under(std::string prefix) {
    FsRoot root;
    root.prefix = std::move(prefix);
    return root;
  }

  // Where the logical path `path` (absolute, as the process sees it) is on our filesystem.
  std::string real(std::string_view path) const { return prefix + std::string(path); }
  // The logical path of a real path produced under `prefix` (e.g. by a glob).
  std::string logical(std::string_view real_path) const;
  // Glob on the logical pattern; the logical paths that match.
  std::vector<std::string> glob(const std::string& pattern, bool only_dirs = false) const;
};

// The roots a query asks for: one per `pid_with_namespace = N` (N > 0 whose /proc/N/root can
// be read), or the host's root when there is no such constraint.
std::vector<FsRoot> rootsFor(const oqm::Query& query);

// Sets pid_with_namespace, and mount_namespace_id when the table has that column.
void setNamespaceColumns(oqm::Row& row, const FsRoot& root, bool has_mount_namespace_id);

// The equality values of a TEXT column, without duplicates, in constraint order.
std::vector<std::string> eqTexts(const oqm::Query& query, std::string_view column);

}  // namespace oqm_packages
