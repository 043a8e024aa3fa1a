// proc_fs.h: small readers for /proc files that do not allocate per process.
//
// Every file of one process is read relative to an open /proc/<pid> directory (openat,
// readlinkat), so the kernel resolves "/proc/<pid>" once per process instead of once per file,
// and a pid that exits and is reused mid-read cannot mix two processes' data (reads through
// the old directory fail instead).
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

namespace processes_module {

// Owns a file descriptor.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    reset(std::exchange(other.fd_, -1));
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

// A heap buffer kept for a whole scan: it grows only when a file is bigger than every file read
// into it before, so reading the next process's cmdline or environ allocates nothing.
class GrowableBuffer {
 public:
  char* data() { return data_.get(); }
  size_t capacity() const { return capacity_; }
  // Makes room for at least `needed` bytes, keeping the first `keep` bytes.
  void grow(size_t needed, size_t keep);

 private:
  std::unique_ptr<char[]> data_;
  size_t capacity_ = 0;
};

// Opens `name` (relative to `dirfd`) read-only; -1 on failure.
int openAt(int dirfd, const char* name);

// Reads a whole file into `stack` when it fits and continues into `overflow` when it does not.
// The view is valid until `stack` or `overflow` is reused. nullopt when the file cannot be
// opened or a read fails (e.g. the process exited or we lack permission).
std::optional<std::string_view> readFile(int dirfd, const char* name, char* stack,
                                         size_t stack_size, GrowableBuffer& overflow);

// Reads a whole file into `buffer`, grown as needed. Same contract as above.
std::optional<std::string_view> readFile(int dirfd, const char* name, GrowableBuffer& buffer);

// The target of the symbolic link `name` (relative to `dirfd`), NUL terminated in `buffer`;
// nullopt when it cannot be read or does not fit.
std::optional<std::string_view> readLink(int dirfd, const char* name, char* buffer,
                                         size_t capacity);

// Iterates the entries of an open directory with getdents64 into a caller-provided buffer (no
// DIR allocation). Does not own the descriptor.
class DirectoryReader {
 public:
  DirectoryReader(int dirfd, char* buffer, size_t size) : fd_(dirfd), buf_(buffer), size_(size) {}
  // The next entry's name (valid until the next call), or nullptr at the end or on error.
  const char* next();

 private:
  int fd_;
  char* buf_;
  size_t size_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool finished_ = false;
};

// The number that makes up all of `text` (decimal digits only, no sign), or nullopt.
std::optional<int64_t> parseDecimal(std::string_view text);

// `text` without leading and trailing whitespace (space, \t, \n, \v, \f, \r).
std::string_view trimWhitespace(std::string_view text);

// How many times /proc itself has been listed since the module was loaded. Lets tests prove
// that `pid = N` reads only that process.
uint64_t procListingCount();
void countProcListing();

}  // namespace processes_module
