// file_targets.h: the files a `file`-like table (file, hash, extended_attributes) is asked about,
// from its `path` and `directory` constraints, resolved as osquery does (see path_glob.h):
//   path = '...'       the path as given (if it exists);
//   path LIKE '...'    glob expansion, keeping the kinds in `path_limit`;
//   directory = '...'  every entry of that directory, one level;
//   directory LIKE     every entry of each matching folder.
#pragma once

#include <functional>
#include <osquery_module.hpp>
#include <string>

#include "path_glob.h"

namespace oqm_files {

// `directory` is the text for the row's `directory` column: the listed directory as the
// constraint spelled it, or the parent of a path.
using TargetVisitor = std::function<bool(const FoundEntry& entry, const std::string& directory)>;

// Visits each target once per constraint; a path named by several constraints is visited once.
void forEachTarget(const oqm::Query& query, unsigned path_limit, const TargetVisitor& visit);

}  // namespace oqm_files
