// config_files.h: what the filesystem config plugin reads, as plain functions of paths so that
// tests run them on temporary directories.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace oqm_config {

// (source or pack name, file content) pairs, in the order the kernel should see them.
using NamedTexts = std::vector<std::pair<std::string, std::string>>;

// The whole content of a file, or std::nullopt when it cannot be read.
std::optional<std::string> readWholeFile(const std::string& path);

// osquery's config sources for `config_path`: every readable `<config_path>.d/*.conf` (sorted
// by path, hidden files excluded) and then the main file, each keyed by its path. Throws
// oqm::Error("config file does not exist: <path>") when config_path is not a regular file.
NamedTexts readConfigSources(const std::string& config_path);

// The regular files matching an osquery file pattern (glob syntax; `%` is osquery's wildcard
// and means `*`), sorted.
std::vector<std::string> matchFilePattern(const std::string& pattern);

// A pack given in the config as "name": "<locator>". A path locator gives (name, content);
// throws "Cannot read pack file: <locator>" when it cannot be read. Name "*" makes the
// locator a pattern: one pack per matching file, named after the file's stem; unreadable files
// are skipped and reported through `warn`.
NamedTexts readPacks(const std::string& name, const std::string& locator,
                     const std::function<void(const std::string&)>& warn);

}  // namespace oqm_config
