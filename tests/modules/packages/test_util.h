// test_util.h: a temporary directory for the fixtures the packages module's tests write, and
// the module's fake host.
#pragma once

#include <gtest/gtest.h>
#include <oqm_test/temp_dir.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <osquery_module_testing.hpp>
#include <string>

extern "C" const oqm_manifest* oqm_module_v1(void);

namespace oqm_packages_test {

inline oqm::testing::FakeHost& host() {
  static oqm::testing::FakeHost h(oqm_module_v1());
  return h;
}

using TempDir = ::oqm_test::TempDir;

}  // namespace oqm_packages_test
