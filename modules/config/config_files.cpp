#include "config_files.h"

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <osquery_module.hpp>
#include <system_error>

namespace fs = std::filesystem;

namespace oqm_config {

std::optional<std::string> readWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return content;
}

NamedTexts readConfigSources(const std::string& config_path) {
  std::error_code ec;
  if (!fs::is_regular_file(config_path, ec) || ec) {
    throw oqm::Error("config file does not exist: " + config_path);
  }
  std::vector<std::string> paths;
  const fs::path dropins(config_path + ".d");
  if (fs::is_directory(dropins, ec)) {
    for (fs::directory_iterator it(dropins, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      std::string file = p.filename().string();
      // `*.conf` as glob(3) reads it: a leading dot is not matched by `*`.
      if (file.empty() || file.front() == '.' || p.extension() != ".conf") continue;
      std::error_code type_ec;
      if (!fs::is_regular_file(p, type_ec)) continue;
      paths.push_back(p.string());
    }
  }
  std::sort(paths.begin(), paths.end());
  paths.push_back(config_path);

  NamedTexts sources;
  for (const auto& path : paths) {
    // osquery skips an unreadable source silently; the others still configure the daemon.
    if (auto content = readWholeFile(path)) sources.emplace_back(path, std::move(*content));
  }
  return sources;
}

std::vector<std::string> matchFilePattern(const std::string& pattern) {
  std::string glob_pattern = pattern;
  std::replace(glob_pattern.begin(), glob_pattern.end(), '%', '*');
  glob_t matches{};
  std::vector<std::string> files;
  if (::glob(glob_pattern.c_str(), 0, nullptr, &matches) == 0) {
    for (size_t i = 0; i < matches.gl_pathc; ++i) {
      std::error_code ec;
      if (fs::is_regular_file(matches.gl_pathv[i], ec)) files.emplace_back(matches.gl_pathv[i]);
    }
  }
  ::globfree(&matches);
  std::sort(files.begin(), files.end());
  return files;
}

NamedTexts readPacks(const std::string& name, const std::string& locator,
                     const std::function<void(const std::string&)>& warn) {
  NamedTexts packs;
  if (name != "*") {
    auto content = readWholeFile(locator);
    std::error_code ec;
    if (!content || fs::is_directory(locator, ec)) {
      throw oqm::Error("Cannot read pack file: " + locator);
    }
    packs.emplace_back(name, std::move(*content));
    return packs;
  }
  for (const auto& path : matchFilePattern(locator)) {
    auto content = readWholeFile(path);
    if (!content) {
      if (warn) warn("Cannot read multi-pack file: " + path);
      continue;
    }
    packs.emplace_back(fs::path(path).stem().string(), std::move(*content));
  }
  return packs;
}

}  // namespace oqm_config
