#include "multi_hash.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <oqm_support/text.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <memory>
#include <stdexcept>
#include <vector>

namespace oqm_files {
namespace {

constexpr size_t kBlockSize = 1 << 20;

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

// The selected digests, fed block by block.
class DigestGroup {
 public:
  explicit DigestGroup(DigestSelection which) {
    if (which.md5) add(EVP_md5(), 0);
    if (which.sha1) add(EVP_sha1(), 1);
    if (which.sha256) add(EVP_sha256(), 2);
  }

  void update(const void* data, size_t size) {
    for (auto& d : digests_) EVP_DigestUpdate(d.ctx.get(), data, size);
  }

  FileDigests finish() {
    FileDigests out;
    std::string* slots[] = {&out.md5, &out.sha1, &out.sha256};
    for (auto& d : digests_) {
      unsigned char raw[EVP_MAX_MD_SIZE];
      unsigned int length = 0;
      EVP_DigestFinal_ex(d.ctx.get(), raw, &length);
      *slots[d.slot] = oqm_support::toHex(raw, length);
    }
    return out;
  }

 private:
  struct Digest {
    MdCtx ctx;
    int slot;
  };

  void add(const EVP_MD* md, int slot) {
    MdCtx ctx(EVP_MD_CTX_new());
    if (ctx == nullptr || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) {
      throw std::runtime_error("cannot initialise an OpenSSL digest");
    }
    digests_.push_back({std::move(ctx), slot});
  }

  std::vector<Digest> digests_;
};

}  // namespace

std::optional<FileDigests> hashFileAt(int dirfd, const char* name, DigestSelection which) {
  int fd = ::openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return std::nullopt;
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  // The buffer fits the file (small files are common when a directory is hashed) up to 1 MiB.
  // It is allocated per call: a thread_local with a destructor would pin the module in memory.
  struct stat st;
  size_t block = kBlockSize;
  if (::fstat(fd, &st) == 0 && st.st_size >= 0 && static_cast<size_t>(st.st_size) < block) {
    block = std::max<size_t>(static_cast<size_t>(st.st_size) + 1, 4096);
  }
  std::unique_ptr<unsigned char[]> buffer(new unsigned char[block]);
  DigestGroup group(which);
  for (;;) {
    ssize_t n = ::read(fd, buffer.get(), block);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    group.update(buffer.get(), static_cast<size_t>(n));
  }
  ::close(fd);
  return group.finish();
}

FileDigests hashBytes(const void* data, size_t size, DigestSelection which) {
  DigestGroup group(which);
  group.update(data, size);
  return group.finish();
}

}  // namespace oqm_files
