// dpkg_status.h: the packages of a dpkg database, read from <admindir>/status.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_packages {

struct DebPackage {
  std::string name;
  std::string version;                // [epoch:]upstream[-revision], as dpkg writes it
  std::optional<std::string> source;  // "Source:" as written, e.g. "gcc-12 (12.2.0-14)"
  std::optional<int64_t> size;        // Installed-Size, in KiB
  std::optional<std::string> arch;
  std::string revision;  // the Debian revision part of version; "" for native packages
  std::string status;    // "install ok installed", "deinstall ok config-files", ...
  std::optional<std::string> maintainer;
  std::optional<std::string> section;
  std::optional<std::string> priority;
};

// The Debian revision of a version: what follows the last '-', or "" when there is none.
std::string debianRevision(std::string_view version);

// The packages of a status file's text that dpkg considers present: every entry except those
// whose state (the third word of Status) is "not-installed" — what `dpkg-query -W` lists and
// osquery reports. Sorted by name, then architecture.
std::vector<DebPackage> parseDpkgStatus(std::string_view text);

// The packages of the dpkg database in `admindir` (a real path); empty when there is none.
std::vector<DebPackage> readDpkgDatabase(const std::string& admindir);

}  // namespace oqm_packages
