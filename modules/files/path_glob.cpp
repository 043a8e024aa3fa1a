#include "path_glob.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <oqm_support/text.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

namespace oqm_files {
namespace {

// osquery's kMaxRecursiveGlobs is 64: the pattern's own level plus 62 below it.
constexpr int kMaxLevelsBelowMatch = 62;

bool hasGlobMeta(std::string_view component) {
  return component.find_first_of("*?[") != std::string_view::npos;
}

bool wanted(unsigned limit, bool is_dir) {
  return (limit & (is_dir ? kGlobFolders : kGlobFiles)) != 0;
}

// linux_dirent64, as getdents64(2) writes it.
struct LinuxDirent64 {
  ino64_t d_ino;
  off64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

// A directory read with getdents64 on its own descriptor: no DIR stream, so no fcntl calls per
// directory and a buffer large enough for most directories in one call.
class DirStream {
 public:
  // Opens `name` under `parent` as a directory; symlinks are followed only if `follow`.
  DirStream(int parent, const char* name, bool follow) {
    int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW);
    fd_ = ::openat(parent, name, flags);
  }
  ~DirStream() {
    if (fd_ >= 0) ::close(fd_);
  }
  DirStream(const DirStream&) = delete;
  DirStream& operator=(const DirStream&) = delete;

  bool ok() const { return fd_ >= 0; }
  int fd() const { return fd_; }

  // The next entry other than "." and "..", or nullptr at the end (or on a read error).
  const LinuxDirent64* next() {
    for (;;) {
      if (pos_ >= end_) {
        if (buffer_ == nullptr) buffer_.reset(new char[kBufferSize]);
        long n = ::syscall(SYS_getdents64, fd_, buffer_.get(), kBufferSize);
        if (n <= 0) return nullptr;
        pos_ = 0;
        end_ = static_cast<size_t>(n);
      }
      const auto* e = reinterpret_cast<const LinuxDirent64*>(buffer_.get() + pos_);
      pos_ += e->d_reclen;
      const char* n = e->d_name;
      if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0'))) continue;
      return e;
    }
  }

 private:
  static constexpr size_t kBufferSize = 32768;
  int fd_ = -1;
  std::unique_ptr<char[]> buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
};

// Whether the entry is a directory once symlinks are followed (glob's GLOB_MARK rule).
bool isDirectoryAt(int dirfd, const char* name, unsigned char d_type) {
  if (d_type == DT_DIR) return true;
  if (d_type != DT_LNK && d_type != DT_UNKNOWN) return false;
  struct stat st;
  return ::fstatat(dirfd, name, &st, 0) == 0 && S_ISDIR(st.st_mode);
}

// Whether the entry itself (not a symlink to one) is a directory: the walk descends only there.
bool isRealDirectoryAt(int dirfd, const char* name, unsigned char d_type) {
  if (d_type == DT_DIR) return true;
  if (d_type != DT_UNKNOWN) return false;
  struct stat st;
  return ::fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
}

struct WalkOptions {
  bool include_hidden;
  bool mark_directories;  // append '/' to directory paths
  unsigned limit;
  int max_depth;
};

// Visits the entries of `dir` (whose path, ending in '/', is in `path`) and below.
bool walkBelow(DirStream& dir, std::string& path, int depth, const WalkOptions& options,
               const EntryVisitor& visit) {
  const size_t base = path.size();
  const int fd = dir.fd();
  while (const LinuxDirent64* e = dir.next()) {
    const char* name = e->d_name;
    if (!options.include_hidden && name[0] == '.') continue;
    const bool is_dir = isDirectoryAt(fd, name, e->d_type);
    path.append(name);
    if (is_dir && options.mark_directories) path.push_back('/');
    if (wanted(options.limit, is_dir) && !visit(FoundEntry{path, fd, name, is_dir, e->d_type})) {
      return false;
    }
    if (is_dir && depth < options.max_depth && isRealDirectoryAt(fd, name, e->d_type)) {
      DirStream sub(fd, name, false);
      if (sub.ok()) {
        if (!options.mark_directories) path.push_back('/');
        if (!walkBelow(sub, path, depth + 1, options, visit)) return false;
      }
    }
    path.resize(base);
  }
  return true;
}

// A LIKE pattern split into path components, matched level by level from a directory fd.
class PatternWalk {
 public:
  PatternWalk(std::vector<std::string> components, bool folders_only, bool recursive,
              unsigned limit, const EntryVisitor& visit)
      : components_(std::move(components)),
        folders_only_(folders_only),
        recursive_(recursive),
        limit_(limit),
        visit_(visit) {}

  bool run(const std::string& root) {
    DirStream dir(AT_FDCWD, root.c_str(), true);
    if (!dir.ok()) return true;
    std::string path = root;
    if (path.empty() || path.back() != '/') path.push_back('/');
    if (components_.empty()) return true;
    return match(dir, path, 0);
  }

 private:
  bool match(DirStream& dir, std::string& path, size_t index) {
    const std::string& component = components_[index];
    const bool last = index + 1 == components_.size();
    const size_t base = path.size();
    if (!hasGlobMeta(component)) {
      // A literal level: no listing needed.
      bool ok = last ? emit(dir.fd(), component.c_str(), DT_UNKNOWN, path)
                     : descend(dir.fd(), component.c_str(), path, index);
      path.resize(base);
      return ok;
    }
    // Entries are matched while the listing is open; later levels open their own streams.
    while (const LinuxDirent64* e = dir.next()) {
      if (::fnmatch(component.c_str(), e->d_name, FNM_PERIOD) != 0) continue;
      bool ok = last ? emit(dir.fd(), e->d_name, e->d_type, path)
                     : descend(dir.fd(), e->d_name, path, index);
      path.resize(base);
      if (!ok) return false;
    }
    return true;
  }

  bool descend(int fd, const char* name, std::string& path, size_t index) {
    DirStream sub(fd, name, true);
    if (!sub.ok()) return true;
    path.append(name);
    path.push_back('/');
    return match(sub, path, index + 1);
  }

  // A match of the last component: reported, then (for `%%`) everything below it.
  bool emit(int fd, const char* name, unsigned char d_type, std::string& path) {
    struct stat st;
    if (d_type == DT_UNKNOWN && ::fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return true;
    const bool is_dir = isDirectoryAt(fd, name, d_type);
    if (folders_only_ && !is_dir) return true;
    path.append(name);
    if (is_dir) path.push_back('/');
    if (wanted(limit_, is_dir) && !visit_(FoundEntry{path, fd, name, is_dir, d_type})) {
      return false;
    }
    if (recursive_ && is_dir && isRealDirectoryAt(fd, name, d_type)) {
      DirStream sub(fd, name, false);
      if (sub.ok()) {
        WalkOptions options{false, true, limit_, kMaxLevelsBelowMatch};
        return walkBelow(sub, path, 1, options, visit_);
      }
    }
    return true;
  }

  std::vector<std::string> components_;
  bool folders_only_;
  bool recursive_;
  unsigned limit_;
  const EntryVisitor& visit_;
};

}  // namespace

bool expandLikePattern(std::string_view like_pattern, unsigned limit, const EntryVisitor& visit) {
  std::string pattern(like_pattern);
  for (char& c : pattern) {
    if (c == '%') c = '*';
  }
  if (pattern.empty()) return true;
  // osquery expands a leading '~' (glob's GLOB_TILDE) and resolves relative patterns against
  // the working directory.
  if (pattern[0] == '~' && (pattern.size() == 1 || pattern[1] == '/')) {
    const char* home = std::getenv("HOME");
    if (home == nullptr) return true;
    pattern = std::string(home) + pattern.substr(1);
  }
  if (pattern[0] != '/') {
    char cwd[4096];
    if (::getcwd(cwd, sizeof(cwd)) == nullptr) return true;
    pattern = std::string(cwd) + "/" + pattern;
  }
  // A trailing "**" (or "**/") makes the expansion recursive.
  bool recursive = false;
  std::string_view view(pattern);
  if (view.ends_with("**/")) view.remove_suffix(1);
  if (view.ends_with("**")) recursive = true;
  const bool folders_only = !recursive && view.ends_with('/');
  std::vector<std::string> components;
  for (std::string_view component : oqm_support::splitAny(view, "/")) {
    components.emplace_back(component);
  }
  if (components.empty()) {
    // The pattern is "/" itself.
    if (wanted(limit, true)) {
      std::string root = "/";
      return visit(FoundEntry{root, AT_FDCWD, root.c_str(), true, DT_DIR});
    }
    return true;
  }
  PatternWalk walk(std::move(components), folders_only, recursive, limit, visit);
  return walk.run("/");
}

bool listDirectory(const std::string& directory, const EntryVisitor& visit) {
  DirStream dir(AT_FDCWD, directory.c_str(), true);
  if (!dir.ok()) return true;
  std::string path = directory;
  if (path.empty() || path.back() != '/') path.push_back('/');
  const size_t base = path.size();
  const int fd = dir.fd();
  while (const LinuxDirent64* e = dir.next()) {
    path.append(e->d_name);
    const bool is_dir = isDirectoryAt(fd, e->d_name, e->d_type);
    if (!visit(FoundEntry{path, fd, e->d_name, is_dir, e->d_type})) return false;
    path.resize(base);
  }
  return true;
}

bool walkTree(const std::string& root, const EntryVisitor& visit) {
  DirStream dir(AT_FDCWD, root.c_str(), true);
  if (!dir.ok()) return true;
  std::string path = root;
  if (path.empty() || path.back() != '/') path.push_back('/');
  WalkOptions options{true, false, kGlobAll, 1 << 20};
  return walkBelow(dir, path, 1, options, visit);
}

std::string parentPath(std::string_view path) {
  if (path.empty() || path == "/") return {};
  if (path.back() == '/') {
    path.remove_suffix(1);
    return std::string(path);
  }
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return {};
  std::string_view parent = path.substr(0, slash);
  while (parent.size() > 1 && parent.back() == '/') parent.remove_suffix(1);
  if (parent.empty()) return "/";
  return std::string(parent);
}

std::string fileName(std::string_view path) {
  if (path == "/") return "/";
  if (!path.empty() && path.back() == '/') return ".";
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace oqm_files
