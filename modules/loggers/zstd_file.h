// zstd_file.h: compresses a rotated log into a .zst file (osquery's `compress`, libzstd).
#pragma once

#include <sys/types.h>

#include <string>

namespace oqm_loggers {

// Writes the zstd frame of `source` to `dest` (created with `mode`, replaced if present), then
// removes `source`. On failure nothing is removed except a partial `dest`, and oqm::Error is
// thrown with a sentence naming the file.
void compressFile(const std::string& source, const std::string& dest, mode_t mode);

}  // namespace oqm_loggers
