// test_support.h: fixture trees and table access for the hardware module's tests.
#pragma once

#include <gtest/gtest.h>
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

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "oqm_hardware_test.XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

  // Writes `content` to `relative` (parent directories created) and returns the full path.
  std::string write(const std::string& relative, const std::string& content) const {
    std::filesystem::path p = std::filesystem::path(path_) / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << content;
    return p.string();
  }

  void mkdir(const std::string& relative) const {
    std::filesystem::create_directories(std::filesystem::path(path_) / relative);
  }

  void symlink(const std::string& target, const std::string& relative) const {
    std::filesystem::path p = std::filesystem::path(path_) / relative;
    std::filesystem::create_directories(p.parent_path());
    std::filesystem::create_symlink(target, p);
  }

 private:
  std::string path_;
};

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
