// files.h: file and directory helpers the modules' readers share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace oqm_support {

// The whole content of a file (procfs and sysfs files included, which report size 0), or
// std::nullopt when it cannot be opened or read. Reads at most `max_bytes`.
std::optional<std::string> readFile(const std::string& path, size_t max_bytes = SIZE_MAX);

// The entries of a directory (not "." or ".."), sorted by name; empty when it cannot be read.
std::vector<std::string> listDirectory(const std::string& dir);

bool isDirectory(const std::string& path);    // follows symlinks
bool isRegularFile(const std::string& path);  // follows symlinks
bool exists(const std::string& path);         // the name itself (a dangling link exists)

// The paths matching a glob(3) pattern, sorted; only directories when `only_dirs`.
std::vector<std::string> globPaths(const std::string& pattern, bool only_dirs = false);

}  // namespace oqm_support
