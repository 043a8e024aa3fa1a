// log_rotate.h: osquery's rotation of a result or snapshot log (plugins/logger/logrotate.h):
// X.log -> X.log.1 (kept uncompressed), X.log.1 -> X.log.2.zst, X.log.N.zst -> X.log.N+1.zst,
// and files past --logger_rotate_max_files are deleted.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>

namespace oqm_loggers {

class LogRotate {
 public:
  LogRotate(std::string path, mode_t mode) : path_(std::move(path)), mode_(mode) {}

  // The name of the offset-th rotated file: X.log.1, X.log.2.zst, ...
  std::string rotatedName(size_t offset) const;

  // Moves the live file into X.log.1 and shifts the older ones, keeping at most `max_files`
  // rotated files (at least 1). Throws oqm::Error when a step fails; the live file is then
  // left where it was so that writes go on.
  void rotate(size_t max_files) const;

 private:
  std::string path_;
  mode_t mode_;
};

}  // namespace oqm_loggers
