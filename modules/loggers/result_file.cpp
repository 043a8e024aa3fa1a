#include "result_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <osquery_module.hpp>

#include "file_io.h"

namespace oqm_loggers {

int ResultFile::open(std::string& error) const {
  int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode_);
  if (fd < 0) {
    error = "Could not create file: " + path_;
    return -1;
  }
  // The file may predate us with other permissions: restrict them every time, as osquery does.
  if (::fchmod(fd, mode_) != 0) {
    ::close(fd);
    error = "Failed to change permissions for file: " + path_;
    return -1;
  }
  return fd;
}

void ResultFile::create() const {
  std::string error;
  Fd fd(open(error));
  if (!fd.valid()) throw oqm::Error(error);
}

size_t ResultFile::append(std::span<const std::string_view> lines, std::string& error) const {
  size_t done = 0;
  std::string buffer;
  while (done < lines.size()) {
    Fd fd(open(error));
    if (!fd.valid()) return done;
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
      error = "Cannot stat " + path_ + ": " + std::strerror(errno);
      return done;
    }
    uint64_t size = static_cast<uint64_t>(st.st_size);
    bool reopen = false;
    while (done < lines.size()) {
      if (rotationDue(size)) {
        fd.close();
        try {
          rotate_.rotate(rotation_.max_files);
        } catch (const std::exception& e) {
          error = e.what();
          return done;
        }
        reopen = true;
        break;
      }
      // As many lines as fit before the next rotation check (osquery checks before each write).
      buffer.clear();
      size_t end = done;
      do {
        buffer.append(lines[end]);
        buffer.push_back('\n');
        ++end;
      } while (end < lines.size() && !rotationDue(size + buffer.size()));

      size_t written = writeFully(fd.get(), buffer.data(), buffer.size());
      if (written < buffer.size()) {
        int saved = errno;
        // Keep whole lines only, so a retried record is not preceded by half of itself.
        size_t whole = 0;
        size_t kept = 0;
        for (size_t i = done; i < end && kept + lines[i].size() + 1 <= written; ++i) {
          kept += lines[i].size() + 1;
          ++whole;
        }
        if (kept < written) (void)::ftruncate(fd.get(), static_cast<off_t>(size + kept));
        error = "Failed to write contents to file: " + path_ + ": " + std::strerror(saved);
        return done + whole;
      }
      size += buffer.size();
      done = end;
    }
    if (!reopen) break;
  }
  return done;
}

}  // namespace oqm_loggers
