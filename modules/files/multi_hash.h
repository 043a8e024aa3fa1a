// multi_hash.h: MD5, SHA-1 and SHA-256 of a file in one sequential read.
//
// The file is streamed in 1 MiB blocks (posix_fadvise SEQUENTIAL) and each block is fed to every
// wanted digest, so asking for all three costs one read of the file, and asking for one digest
// costs only that digest.
#pragma once

#include <optional>
#include <string>

namespace oqm_files {

struct DigestSelection {
  bool md5 = true;
  bool sha1 = true;
  bool sha256 = true;
  bool any() const { return md5 || sha1 || sha256; }
};

// Lower-case hex digests; the ones not selected stay empty.
struct FileDigests {
  std::string md5;
  std::string sha1;
  std::string sha256;
};

// Hashes the file `name` relative to `dirfd` (AT_FDCWD for a plain path). nullopt when the
// file cannot be opened or read.
std::optional<FileDigests> hashFileAt(int dirfd, const char* name, DigestSelection which);

// The same over bytes in memory (for tests and small inputs).
FileDigests hashBytes(const void* data, size_t size, DigestSelection which);

}  // namespace oqm_files
