#include "fs_root.h"

#include <unistd.h>

#include <algorithm>
#include <climits>

#include "text.h"

namespace oqm_packages {
namespace {

// "mnt:[4026531841]" -> "4026531841".
std::optional<std::string> mountNamespaceOf(int64_t pid) {
  std::string link = "/proc/" + std::to_string(pid) + "/ns/mnt";
  char buffer[PATH_MAX];
  ssize_t n = ::readlink(link.c_str(), buffer, sizeof(buffer) - 1);
  if (n <= 0) return std::nullopt;
  std::string_view target(buffer, static_cast<size_t>(n));
  size_t open = target.find('[');
  size_t close = target.rfind(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return std::string(target);
  }
  return std::string(target.substr(open + 1, close - open - 1));
}

}  // namespace

std::string FsRoot::logical(std::string_view real_path) const {
  if (!prefix.empty() && startsWith(real_path, prefix)) real_path.remove_prefix(prefix.size());
  return std::string(real_path);
}

std::vector<std::string> FsRoot::glob(const std::string& pattern, bool only_dirs) const {
  std::vector<std::string> out;
  for (const auto& p : globPaths(real(pattern), only_dirs)) out.push_back(logical(p));
  return out;
}

std::vector<FsRoot> rootsFor(const oqm::Query& query) {
  if (!query.hasEq("pid_with_namespace")) return {FsRoot{}};
  std::vector<int64_t> pids = query.eq<int64_t>("pid_with_namespace");
  std::sort(pids.begin(), pids.end());
  pids.erase(std::unique(pids.begin(), pids.end()), pids.end());
  std::vector<FsRoot> roots;
  for (int64_t pid : pids) {
    if (pid <= 0) continue;
    FsRoot root;
    root.prefix = "/proc/" + std::to_string(pid) + "/root";
    root.pid = pid;
    root.mount_namespace_id = mountNamespaceOf(pid);
    if (!isDirectory(root.prefix + "/")) continue;  // gone, or not ours to read
    roots.push_back(std::move(root));
  }
  return roots;
}

void setNamespaceColumns(oqm::Row& row, const FsRoot& root, bool has_mount_namespace_id) {
  row.set("pid_with_namespace", root.pid);
  if (has_mount_namespace_id && root.pid > 0) {
    row.set("mount_namespace_id", root.mount_namespace_id);
  }
}

std::vector<std::string> eqTexts(const oqm::Query& query, std::string_view column) {
  std::vector<std::string> out;
  for (auto& v : query.eq<std::string>(column)) {
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
  }
  return out;
}

}  // namespace oqm_packages
