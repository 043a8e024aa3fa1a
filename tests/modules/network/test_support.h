// test_support.h: fixture files and the fake host for the network module's tests.
#pragma once

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

// A temporary directory, removed with its content at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "oqm-net-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  // Writes `content` to `name` (creating parent folders) and returns its path.
  std::string write(const std::string& name, const std::string& content) const {
    auto file = std::filesystem::path(path_) / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << content;
    return file.string();
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace network_test
