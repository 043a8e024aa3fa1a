// fixture_home.h: a temporary home directory the browser tests fill with profiles.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace browsers_test {

class FixtureHome {
 public:
  FixtureHome() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "oqm_browsers_test.XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = std::filesystem::canonical(pattern).string();
  }
  ~FixtureHome() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  FixtureHome(const FixtureHome&) = delete;
  FixtureHome& operator=(const FixtureHome&) = delete;

  const std::string& path() const { return path_; }

  // Writes `content` to `relative` (parent directories created); returns the full path.
  std::string write(const std::string& relative, const std::string& content) const {
    std::filesystem::path p = std::filesystem::path(path_) / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << content;
    return p.string();
  }

 private:
  std::string path_;
};

}  // namespace browsers_test
