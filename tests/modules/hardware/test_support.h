// test_support.h: fixture trees and table access for the hardware module's tests.
#pragma once

#include <gtest/gtest.h>
#include <oqm_test/temp_dir.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <osquery_module_testing.hpp>
#include <stdexcept>
#include <string>

extern "C" const oqm_manifest* oqm_module_v1(void);

namespace hardware_test {

using oqm::testing::FakeHost;
using oqm::testing::FakeRow;

// One module instance for the whole test binary; tests reconfigure a table's sources through
// tableInstance<T>() before querying it.
inline FakeHost& host() {
  static FakeHost instance(oqm_module_v1());
  return instance;
}

template <typename T>
T& tableInstance() {
  return *static_cast<T*>(host().table(T::kName).user_data);
}

using TempDir = ::oqm_test::TempDir;

inline std::string text(const FakeRow& row, const std::string& column) {
  return row.at(column).text();
}
inline int64_t integer(const FakeRow& row, const std::string& column) {
  return row.at(column).integer();
}
inline bool isNull(const FakeRow& row, const std::string& column) {
  auto it = row.find(column);
  return it == row.end() || it->second.isNull();
}

}  // namespace hardware_test
