// zstd_test_util.h: reads a .zst file back with libzstd, to check what rotation compressed.
#pragma once

#include <zstd.h>

#include <stdexcept>
#include <string>

#include <oqm_test/temp_dir.h>

namespace oqm_test {

inline std::string decompressFile(const std::string& path) {
  const std::string frame = readFile(path);
  ZSTD_DCtx* dctx = ZSTD_createDCtx();
  std::string out;
  std::string chunk(ZSTD_DStreamOutSize(), '\0');
  ZSTD_inBuffer in{frame.data(), frame.size(), 0};
  size_t last = 0;
  while (in.pos < in.size) {
    ZSTD_outBuffer o{chunk.data(), chunk.size(), 0};
    last = ZSTD_decompressStream(dctx, &o, &in);
    if (ZSTD_isError(last)) {
      ZSTD_freeDCtx(dctx);
      throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(last));
    }
    out.append(chunk.data(), o.pos);
  }
  ZSTD_freeDCtx(dctx);
  if (last != 0) throw std::runtime_error("zstd: truncated frame in " + path);
  return out;
}

}  // namespace oqm_test
