// file_stat.h: how osquery prints stat(2) facts (shared by file and suid_bin).
#pragma once

#include <sys/types.h>

#include <string>

namespace oqm_files {

// Permission bits as four octal digits, e.g. "0644", "4755" (osquery's lsperms).
std::string octalMode(mode_t mode);

// The `type` column: "regular", "directory", "symlink", "block", "character", "fifo",
// "socket" or "unknown".
const char* fileTypeName(mode_t mode);

}  // namespace oqm_files
