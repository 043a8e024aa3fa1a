// collations.h: osquery's version-aware collations, for columns declared COLLATE version,
// version_dpkg or version_rhel (package versions compare as versions, not as text).
#pragma once

#include <string_view>

struct sqlite3;

namespace oqk {

// Generic dotted versions: segments split on punctuation, numbers compare as numbers.
int compareVersions(std::string_view a, std::string_view b);
// Debian's algorithm (dpkg --compare-versions): epoch, upstream, revision; '~' sorts first.
int compareDpkgVersions(std::string_view a, std::string_view b);
// RPM's rpmvercmp, applied to [epoch:]version[-release].
int compareRpmVersions(std::string_view a, std::string_view b);

// Registers the three collations on a connection.
void registerVersionCollations(sqlite3* db);

}  // namespace oqk
