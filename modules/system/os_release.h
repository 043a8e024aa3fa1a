// os_release.h: the OS identification files under /etc: os-release(5), and the older
// redhat-release / oracle-release / gentoo-release that override it as osquery does.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace oqm_system {

struct OsVersion {
  // Defaults when nothing can be determined, as osquery reports them.
  std::string name = "Unknown";
  std::optional<std::string> version;
  std::string major = "0";
  std::string minor = "0";
  std::string patch = "0";
  std::optional<std::string> build;
  std::string platform = "posix";
  std::optional<std::string> platform_like;
  std::optional<std::string> codename;
  std::optional<std::string> version_id;  // VERSION_ID, whence major/minor/patch
};

// Applies os-release(5) text: NAME, VERSION, BUILD_ID, ID, ID_LIKE, VERSION_CODENAME (or any
// other *CODENAME* key), VERSION_ID (split on '.' into major, minor and patch, the rest of the
// text staying in patch). Quoted values are unquoted.
void applyOsRelease(std::string_view text, OsVersion& out);

// os-release text on top of the defaults.
OsVersion parseOsRelease(std::string_view text);

// Applies the text of an older *-release file ("Red Hat Enterprise Linux Server release 7.9
// (Maipo)"): name, major, minor and patch come from the text, version is the whole text with
// whitespace collapsed, build becomes empty.
void applyLegacyRelease(std::string_view text, OsVersion& out);

// The whole osquery procedure on a directory laid out like /etc: os-release, then
// oracle-release (keeps the os-release platform), redhat-release (platform "rhel") or
// gentoo-release (platform "gentoo"). When dir has no os-release, `fallback_os_release` (the
// os-release(5) fallback location) is read instead, if not empty.
OsVersion parseOsVersionDir(const std::string& dir = "/etc",
                            const std::string& fallback_os_release = "/usr/lib/os-release");

}  // namespace oqm_system
