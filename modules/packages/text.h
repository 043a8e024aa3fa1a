// text.h: file, directory and text helpers shared by the package tables' parsers.
#pragma once

#include <oqm_support/files.h>
#include <oqm_support/text.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_packages {

using oqm_support::endsWith;
using oqm_support::globPaths;
using oqm_support::iequals;
using oqm_support::isDirectory;
using oqm_support::isRegularFile;
using oqm_support::listDirectory;
using oqm_support::splitAny;
using oqm_support::startsWith;
using oqm_support::toInt;
using oqm_support::trim;

// The whole content of a file, at most `max_bytes` (256 MiB is far above any real dpkg status
// file).
inline std::optional<std::string> readFile(const std::string& path, size_t max_bytes = 256u << 20) {
  return oqm_support::readFile(path, max_bytes);
}

// The lines of `text`, without their '\n' or a trailing '\r'.
inline std::vector<std::string_view> lines(std::string_view text) {
  return oqm_support::lines(text, /*strip_cr=*/true);
}

}  // namespace oqm_packages
