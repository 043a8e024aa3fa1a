// bad_abi_major.cpp: a module that declares ABI major version 2 in its manifest. It exports
// the v1 entry symbol, so it passes the file and symbol checks; the kernel must refuse it at
// the handshake, naming the file and the version, and run none of its code beyond the entry.
#include <osquery_module.h>

namespace {

int32_t initMustNotRun(const oqm_host_api*, void**, oqm_error* err) {
  oqm_error_set(err, "init of a module with ABI major 2 must not be called");
  return OQM_ERROR;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) const oqm_manifest* oqm_module_v1(void) {
  static const oqm_manifest manifest = {
      sizeof(oqm_manifest),
      2,  // abi_major: not this kernel's
      0,  // abi_minor
      "bad_abi_major",
      "1.0.0",
      0,
      nullptr,
      &initMustNotRun,
      nullptr,
      nullptr,
  };
  return &manifest;
}
