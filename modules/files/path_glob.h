// path_glob.h: how the file-oriented tables turn `path` / `directory` constraints into files.
//
// osquery's rules (osquery/filesystem/filesystem.cpp, resolveFilePattern):
//   - `=` values are used as given;
//   - LIKE patterns are filesystem globs with `%` -> `*`, one path level per `*`; names that
//     start with '.' match only a pattern component that starts with '.' (glob's FNM_PERIOD);
//   - a trailing `%%` is recursive: everything below the matches, up to 63 levels;
//   - matched directories are reported with a trailing '/' (glob's GLOB_MARK), and a result is
//     kept only if its kind is wanted (files, folders or both).
// The walk works on directory descriptors (openat + readdir d_type), never re-resolving a path
// string per entry, and does not descend into symlinked directories while recursing (so a
// symlink loop cannot blow up a `%%` query; osquery's glob does follow them).
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <string_view>

namespace oqm_files {

enum GlobLimit : unsigned { kGlobFiles = 1, kGlobFolders = 2, kGlobAll = 3 };

// One file found by a walk. `name` is relative to `dirfd` (so fstatat/openat on it cost no path
// resolution); when the walk has no directory descriptor, dirfd is AT_FDCWD and name == path.
struct FoundEntry {
  const std::string& path;  // as osquery prints it: directories from a glob end in '/'
  int dirfd;
  const char* name;
  bool is_dir;
  unsigned char d_type;  // DT_* from readdir, DT_UNKNOWN when not known
};

// Returns false to stop the walk.
using EntryVisitor = std::function<bool(const FoundEntry&)>;

// Expands one LIKE pattern. Returns false if the visitor stopped the walk.
bool expandLikePattern(std::string_view like_pattern, unsigned limit, const EntryVisitor& visit);

// Visits every entry of `directory` (one level, dot files included, no trailing '/' on
// directories; paths are `directory` + "/" + name without a doubled '/'), as osquery's
// directory listing does. Returns false if the visitor stopped.
bool listDirectory(const std::string& directory, const EntryVisitor& visit);

// Visits every entry below `root` recursively (dot files included, symlinked directories not
// entered), depth-first. The root itself is not visited. Returns false if the visitor stopped.
bool walkTree(const std::string& root, const EntryVisitor& visit);

// boost::filesystem's parent_path() and filename() for the path texts osquery produces:
// "/a/b" -> ("/a", "b"); "/a/b/" -> ("/a/b", "."); "/" -> ("", "/").
std::string parentPath(std::string_view path);
std::string fileName(std::string_view path);

}  // namespace oqm_files
