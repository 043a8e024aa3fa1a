#include "md5.h"

#include <openssl/evp.h>
#include <oqm_support/text.h>

#include <memory>
#include <stdexcept>

namespace oqm_hardware {

std::string md5Hex(std::string_view data) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_md5(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1) {
    throw std::runtime_error("MD5 is not available from OpenSSL");
  }
  return oqm_support::toHex(digest, length);
}

}  // namespace oqm_hardware
