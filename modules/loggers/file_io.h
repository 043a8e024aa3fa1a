// file_io.h: a file descriptor that closes itself, and a write loop that says how far it got.
#pragma once

#include <unistd.h>

#include <cerrno>
#include <cstddef>

namespace oqm_loggers {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  // Closes now, reporting the error close(2) may carry for written data.
  bool close() {
    int fd = fd_;
    fd_ = -1;
    return fd < 0 || ::close(fd) == 0;
  }

 private:
  int fd_;
};

// Writes until done or an error; returns the bytes written (errno tells why when < size).
inline size_t writeFully(int fd, const char* data, size_t size) {
  size_t written = 0;
  while (written < size) {
    ssize_t n = ::write(fd, data + written, size - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    if (n == 0) {
      errno = EIO;
      break;
    }
    written += static_cast<size_t>(n);
  }
  return written;
}

}  // namespace oqm_loggers
