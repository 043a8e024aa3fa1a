// text_util.h: small text helpers the files module's parsers share (reading a whole file,
// trimming, osquery-style splitting).
#pragma once

#include <oqm_support/files.h>
#include <oqm_support/text.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_files {

using oqm_support::join;
using oqm_support::splitAny;
using oqm_support::trim;

// The whole content of a file, or nullopt when it cannot be opened or read.
inline std::optional<std::string> readTextFile(const std::string& path) {
  return oqm_support::readFile(path);
}

}  // namespace oqm_files
