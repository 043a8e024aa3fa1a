#include "zstd_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <osquery_module.hpp>
#include <vector>

#include "file_io.h"

namespace oqm_loggers {

namespace {

struct CCtxFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

// Streams `in` through zstd into `out`; false (errno or a zstd error in `why`) on failure.
bool compressStream(int in, int out, std::string& why) {
  std::unique_ptr<ZSTD_CCtx, CCtxFree> cctx(ZSTD_createCCtx());
  if (!cctx) {
    why = "out of memory";
    return false;
  }
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, ZSTD_CLEVEL_DEFAULT);
  std::vector<char> input(ZSTD_CStreamInSize());
  std::vector<char> output(ZSTD_CStreamOutSize());
  for (;;) {
    ssize_t got = ::read(in, input.data(), input.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      why = std::strerror(errno);
      return false;
    }
    const bool last = got == 0;
    ZSTD_inBuffer src{input.data(), static_cast<size_t>(got), 0};
    bool finished = false;
    while (!finished) {
      ZSTD_outBuffer dst{output.data(), output.size(), 0};
      size_t remaining =
          ZSTD_compressStream2(cctx.get(), &dst, &src, last ? ZSTD_e_end : ZSTD_e_continue);
      if (ZSTD_isError(remaining)) {
        why = ZSTD_getErrorName(remaining);
        return false;
      }
      if (writeFully(out, output.data(), dst.pos) != dst.pos) {
        why = std::strerror(errno);
        return false;
      }
      finished = last ? remaining == 0 : src.pos == src.size;
    }
    if (last) return true;
  }
}

}  // namespace

void compressFile(const std::string& source, const std::string& dest, mode_t mode) {
  Fd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) {
    throw oqm::Error("Cannot open " + source + " for compression: " + std::strerror(errno));
  }
  Fd out(::open(dest.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
  if (out.get() < 0) {
    throw oqm::Error("Cannot create " + dest + ": " + std::strerror(errno));
  }
  std::string why;
  bool ok = ::fchmod(out.get(), mode) == 0 || errno == EPERM;
  if (ok) ok = compressStream(in.get(), out.get(), why);
  if (ok && !out.close()) {
    ok = false;
    why = std::strerror(errno);
  }
  if (!ok) {
    ::unlink(dest.c_str());
    throw oqm::Error("Cannot compress " + source + " into " + dest + ": " + why);
  }
  ::unlink(source.c_str());
}

}  // namespace oqm_loggers
