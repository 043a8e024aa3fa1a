#include "curl_library.h"

#include <dlfcn.h>

#include <mutex>
#include <stdexcept>

namespace oqm_aws {
namespace {

template <typename F>
void resolve(void* handle, const char* name, F& out) {
  void* symbol = dlsym(handle, name);
  if (symbol == nullptr) {
    throw std::runtime_error(std::string("libcurl.so.4 has no ") + name);
  }
  out = reinterpret_cast<F>(symbol);
}

CurlLibrary open() {
  void* handle = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    throw std::runtime_error(std::string("cannot load libcurl (install libcurl4): ") +
                             (why != nullptr ? why : "unknown error"));
  }
  CurlLibrary lib{};
  resolve(handle, "curl_global_init", lib.global_init);
  resolve(handle, "curl_easy_init", lib.easy_init);
  resolve(handle, "curl_easy_cleanup", lib.easy_cleanup);
  resolve(handle, "curl_easy_reset", lib.easy_reset);
  resolve(handle, "curl_easy_setopt", lib.easy_setopt);
  resolve(handle, "curl_easy_perform", lib.easy_perform);
  resolve(handle, "curl_easy_getinfo", lib.easy_getinfo);
  resolve(handle, "curl_easy_strerror", lib.easy_strerror);
  resolve(handle, "curl_slist_append", lib.slist_append);
  resolve(handle, "curl_slist_free_all", lib.slist_free_all);
  if (lib.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    throw std::runtime_error("libcurl failed to initialise");
  }
  // Never dlclose: libcurl's global state (and OpenSSL's, which it sets up) lives on.
  return lib;
}

}  // namespace

const CurlLibrary& curlLibrary() {
  static std::once_flag once;
  static CurlLibrary library;
  static std::string failure;
  std::call_once(once, [] {
    try {
      library = open();
    } catch (const std::exception& e) {
      failure = e.what();
    }
  });
  if (!failure.empty()) throw std::runtime_error(failure);
  return library;
}

}  // namespace oqm_aws
