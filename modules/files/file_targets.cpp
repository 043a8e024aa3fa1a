#include "file_targets.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <set>
#include <vector>

namespace oqm_files {
namespace {

struct Patterns {
  std::vector<std::string> equals;
  std::vector<std::string> likes;
  size_t size() const { return equals.size() + likes.size(); }
};

Patterns patternsOf(const oqm::Query& query, std::string_view column) {
  Patterns out;
  for (const auto& c : query.constraints(column)) {
    auto text = c.value.as<std::string>();
    if (!text || text->empty()) continue;
    if (c.op == oqm::Op::Eq) out.equals.push_back(std::move(*text));
    if (c.op == oqm::Op::Like) out.likes.push_back(std::move(*text));
  }
  return out;
}

}  // namespace

void forEachTarget(const oqm::Query& query, unsigned path_limit, const TargetVisitor& visit) {
  const Patterns paths = patternsOf(query, "path");
  const Patterns directories = patternsOf(query, "directory");
  // Several constraints may name one file twice; with one constraint nothing repeats, so the
  // common case (one big `%%` walk) keeps no set.
  const bool dedupe = paths.size() + directories.size() > 1;
  std::set<std::string> seen;
  bool go = true;
  auto once = [&](const FoundEntry& entry, const std::string& directory) {
    if (dedupe && !seen.insert(entry.path).second) return true;
    go = visit(entry, directory);
    return go;
  };

  for (const auto& path : paths.equals) {
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) continue;
    bool is_dir = S_ISDIR(st.st_mode);
    if (S_ISLNK(st.st_mode)) {
      struct stat target;
      is_dir = ::stat(path.c_str(), &target) == 0 && S_ISDIR(target.st_mode);
    }
    if (!once(FoundEntry{path, AT_FDCWD, path.c_str(), is_dir, DT_UNKNOWN}, parentPath(path))) {
      return;
    }
  }
  for (const auto& pattern : paths.likes) {
    if (!go) return;
    expandLikePattern(pattern, path_limit,
                      [&](const FoundEntry& entry) { return once(entry, parentPath(entry.path)); });
  }

  std::vector<std::string> listed = directories.equals;
  for (const auto& pattern : directories.likes) {
    expandLikePattern(pattern, kGlobFolders, [&](const FoundEntry& entry) {
      listed.push_back(entry.path);
      return true;
    });
  }
  for (const auto& directory : listed) {
    if (!go) return;
    listDirectory(directory, [&](const FoundEntry& entry) { return once(entry, directory); });
  }
}

}  // namespace oqm_files
