// result_file.h: one of the filesystem logger's files (osqueryd.results.log or
// osqueryd.snapshots.log): opened in append mode for each batch, chmod'ed to --logger_mode on
// every open, rotated by size before a write when --logger_rotate is on.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "log_rotate.h"

namespace oqm_loggers {

struct RotationPolicy {
  bool enabled = false;
  uint64_t size = 26214400;  // --logger_rotate_size
  size_t max_files = 25;     // --logger_rotate_max_files
};

class ResultFile {
 public:
  ResultFile(std::string path, mode_t mode, RotationPolicy rotation)
      : path_(std::move(path)), mode_(mode), rotation_(rotation), rotate_(path_, mode) {}

  const std::string& path() const { return path_; }

  // Creates the file (empty) when it is missing and applies the mode. Throws oqm::Error with
  // osquery's sentence ("Could not create file: <path>").
  void create() const;

  // Appends each line followed by "\n", rotating first whenever the file has reached the
  // rotation size. Returns how many lines (from the front) were written completely; when it is
  // fewer than all, `error` says why and no partial line is left in the file.
  size_t append(std::span<const std::string_view> lines, std::string& error) const;

 private:
  bool rotationDue(uint64_t size) const {
    return rotation_.enabled && size > 0 && size >= rotation_.size;
  }
  // Opens for appending with the mode applied; -1 with `error` set on failure.
  int open(std::string& error) const;

  std::string path_;
  mode_t mode_;
  RotationPolicy rotation_;
  LogRotate rotate_;
};

}  // namespace oqm_loggers
