#include "log_rotate.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <osquery_module.hpp>
#include <vector>

#include "zstd_file.h"

namespace oqm_loggers {

namespace {

// How many rotated files stay uncompressed (osquery's kUncompressedCount).
constexpr size_t kUncompressedCount = 1;

bool exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

void moveFile(const std::string& from, const std::string& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0) {
    throw oqm::Error("Cannot move " + from + " to " + to + ": " + std::strerror(errno));
  }
}

}  // namespace

std::string LogRotate::rotatedName(size_t offset) const {
  std::string name = path_ + '.' + std::to_string(offset);
  if (offset > kUncompressedCount) name += ".zst";
  return name;
}

void LogRotate::rotate(size_t max_files) const {
  if (max_files < 1) max_files = 1;
  if (!exists(path_)) throw oqm::Error("Path under rotation does not exist: " + path_);
  // Every rotated file that exists, plus the first free slot after them.
  std::vector<std::string> moves{rotatedName(1)};
  while (exists(moves.back())) moves.push_back(rotatedName(moves.size() + 1));

  // Oldest first, so each move lands in a free slot.
  for (size_t i = moves.size() - 1; i > 0; --i) {
    if (i == kUncompressedCount) {
      compressFile(moves[i - 1], moves[i], mode_);
    } else {
      moveFile(moves[i - 1], moves[i]);
    }
  }
  for (size_t i = moves.size() - 1; i >= max_files; --i) {
    std::error_code ec;
    std::filesystem::remove(moves[i], ec);
    if (ec) throw oqm::Error("Cannot remove " + moves[i] + ": " + ec.message());
  }
  moveFile(path_, moves.front());
}

}  // namespace oqm_loggers
