// rpm_header.h: RPM package headers as the rpm database stores them, and the database itself.
//
// A stored header (rpm's headerExport format, see rpm's lib/header.c and the "Header"
// section of the RPM file format) is big-endian: int32 index count, int32 data length, that
// many 16-byte index entries {tag, type, offset, count}, then the data store. rpm 4.16+ keeps
// one such blob per installed package in the SQLite database rpmdb.sqlite (table Packages,
// columns hnum and blob); we read it with SQLite instead of linking librpm, which would load
// rpm's whole runtime (crypto, Lua, configuration) into every osquery process for a table that
// is empty on Debian.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace oqm_packages {

struct RpmPackage {
  std::string name;
  std::optional<std::string> version;
  std::optional<std::string> release;
  std::optional<std::string> source;  // SOURCERPM
  std::optional<int64_t> size;        // SIZE, or LONGSIZE for packages of 4 GiB and more
  std::optional<std::string> sha1;    // SHA1HEADER
  std::optional<std::string> arch;
  std::optional<int64_t> epoch;
  std::optional<int64_t> install_time;
  std::optional<std::string> vendor;
  std::optional<std::string> package_group;  // GROUP
};

// The tags we read (rpm's include/rpm/rpmtag.h).
enum RpmTag : uint32_t {
  kRpmTagSha1Header = 269,
  kRpmTagName = 1000,
  kRpmTagVersion = 1001,
  kRpmTagRelease = 1002,
  kRpmTagEpoch = 1003,
  kRpmTagInstallTime = 1008,
  kRpmTagSize = 1009,
  kRpmTagVendor = 1011,
  kRpmTagGroup = 1016,
  kRpmTagArch = 1022,
  kRpmTagSourceRpm = 1044,
  kRpmTagLongSize = 5009,
};

// The package a stored header describes; std::nullopt when the blob is not a well-formed
// header or has no name.
std::optional<RpmPackage> parseRpmHeader(const uint8_t* data, size_t size);

// Where rpm keeps its database (rpm 4.16+ on Fedora, RHEL 9, SUSE); /var/lib/rpm is often a
// link to the second.
inline constexpr const char* kRpmDbDirs[] = {"/var/lib/rpm", "/usr/lib/sysimage/rpm"};

// The packages in `<dir>/rpmdb.sqlite` (a real path), in database order. Zero packages, no
// error, when the file does not exist; an error (std::runtime_error) when it exists but is not
// a readable rpm database.
std::vector<RpmPackage> readRpmSqliteDb(const std::string& dir);

}  // namespace oqm_packages
