// no_entry.cpp: a shared library that is not a module: it exports a function, but not the
// entry point oqm_module_v1. The kernel must refuse it from its symbol table, before dlopen
// runs any of its code: the constructor below leaves a marker file if it ever runs (the test
// sets OQM_TEST_CONSTRUCTOR_MARKER).
#include <cstdio>
#include <cstdlib>

extern "C" __attribute__((visibility("default"))) int not_a_module_entry(void) { return 42; }

namespace {

__attribute__((constructor)) void leaveMarkerIfLoaded() {
  const char* marker = std::getenv("OQM_TEST_CONSTRUCTOR_MARKER");
  if (marker == nullptr || *marker == '\0') return;
  if (std::FILE* f = std::fopen(marker, "w")) {
    std::fputs("no_entry.so was loaded\n", f);
    std::fclose(f);
  }
}

}  // namespace
