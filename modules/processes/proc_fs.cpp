#include "proc_fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace processes_module {

namespace {
std::atomic<uint64_t> g_proc_listings{0};

// read() that retries on EINTR.
ssize_t readSome(int fd, char* buffer, size_t size) {
  for (;;) {
    ssize_t n = ::read(fd, buffer, size);
    if (n >= 0 || errno != EINTR) return n;
  }
}

// Reads the rest of `fd` into `buffer` behind the `length` bytes already there, growing it as
// needed. `buffer` must have room for at least `length` bytes.
std::optional<std::string_view> readRest(int fd, GrowableBuffer& buffer, size_t length) {
  for (;;) {
    if (length == buffer.capacity()) buffer.grow(length * 2, length);
    ssize_t n = readSome(fd, buffer.data() + length, buffer.capacity() - length);
    if (n < 0) return std::nullopt;
    if (n == 0) return std::string_view(buffer.data(), length);
    length += static_cast<size_t>(n);
  }
}
}  // namespace

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

void GrowableBuffer::grow(size_t needed, size_t keep) {
  if (needed <= capacity_) return;
  size_t capacity = capacity_ == 0 ? 16384 : capacity_;
  while (capacity < needed) capacity *= 2;
  std::unique_ptr<char[]> bigger(new char[capacity]);
  if (keep > 0) std::memcpy(bigger.get(), data_.get(), keep);
  data_ = std::move(bigger);
  capacity_ = capacity;
}

int openAt(int dirfd, const char* name) {
  return ::openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
}

std::optional<std::string_view> readFile(int dirfd, const char* name, char* stack,
                                         size_t stack_size, GrowableBuffer& overflow) {
  UniqueFd fd(openAt(dirfd, name));
  if (!fd.valid()) return std::nullopt;
  size_t length = 0;
  while (length < stack_size) {
    ssize_t n = readSome(fd.get(), stack + length, stack_size - length);
    if (n < 0) return std::nullopt;
    if (n == 0) return std::string_view(stack, length);
    length += static_cast<size_t>(n);
  }
  // The stack buffer is full: the rest goes to the heap, behind a copy of what we have.
  overflow.grow(stack_size * 2, 0);
  std::memcpy(overflow.data(), stack, length);
  return readRest(fd.get(), overflow, length);
}

std::optional<std::string_view> readFile(int dirfd, const char* name, GrowableBuffer& buffer) {
  UniqueFd fd(openAt(dirfd, name));
  if (!fd.valid()) return std::nullopt;
  if (buffer.capacity() == 0) buffer.grow(1, 0);
  return readRest(fd.get(), buffer, 0);
}

std::optional<std::string_view> readLink(int dirfd, const char* name, char* buffer,
                                         size_t capacity) {
  ssize_t n = ::readlinkat(dirfd, name, buffer, capacity - 1);
  // n == capacity - 1 may mean the target was truncated; /proc links never are that long.
  if (n <= 0 || static_cast<size_t>(n) >= capacity - 1) return std::nullopt;
  buffer[n] = '\0';
  return std::string_view(buffer, static_cast<size_t>(n));
}

const char* DirectoryReader::next() {
  for (;;) {
    if (pos_ >= end_) {
      if (finished_) return nullptr;
      ssize_t n;
      do {
        n = ::getdents64(fd_, buf_, size_);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) {
        finished_ = true;
        return nullptr;
      }
      pos_ = 0;
      end_ = static_cast<size_t>(n);
    }
    // The kernel aligns each record to 8 bytes; the buffer is 8-byte aligned by its owner.
    const auto* entry = reinterpret_cast<const struct dirent64*>(buf_ + pos_);
    pos_ += entry->d_reclen;
    const char* name = entry->d_name;
    if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
    return name;
  }
}

std::optional<int64_t> parseDecimal(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (value > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  return static_cast<int64_t>(value);
}

std::string_view trimWhitespace(std::string_view text) {
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

uint64_t procListingCount() {
  return g_proc_listings.load(std::memory_order_relaxed);
}
void countProcListing() {
  g_proc_listings.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace processes_module
