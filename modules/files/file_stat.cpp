#include "file_stat.h"

#include <sys/stat.h>

namespace oqm_files {

std::string octalMode(mode_t mode) {
  std::string out(4, '0');
  out[0] = static_cast<char>('0' + ((mode >> 9) & 7));
  out[1] = static_cast<char>('0' + ((mode >> 6) & 7));
  out[2] = static_cast<char>('0' + ((mode >> 3) & 7));
  out[3] = static_cast<char>('0' + (mode & 7));
  return out;
}

const char* fileTypeName(mode_t mode) {
  if (S_ISREG(mode)) return "regular";
  if (S_ISDIR(mode)) return "directory";
  if (S_ISLNK(mode)) return "symlink";
  if (S_ISBLK(mode)) return "block";
  if (S_ISCHR(mode)) return "character";
  if (S_ISFIFO(mode)) return "fifo";
  if (S_ISSOCK(mode)) return "socket";
  return "unknown";
}

}  // namespace oqm_files
