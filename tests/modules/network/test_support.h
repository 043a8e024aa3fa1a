// test_support.h: fixture files and the fake host for the network module's tests.
#pragma once

#include <oqm_test/temp_dir.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <osquery_module_testing.hpp>
#include <string>

extern "C" const oqm_manifest* oqm_module_v1(void);

namespace network_test {

using oqm::testing::FakeHost;
using oqm::testing::FakeRow;

inline FakeHost& host() {
  static FakeHost instance(oqm_module_v1());
  return instance;
}

using TempDir = ::oqm_test::TempDir;

}  // namespace network_test
