// apt_sources.h: the repositories apt is configured with, in both of sources.list(5)'s
// formats, and what their downloaded Release files say about them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_packages {

struct FsRoot;

struct AptSource {
  std::string source;  // the file it is configured in
  std::string name;  // URI without its scheme, a space, the suite: "deb.debian.org/debian bookworm"
  std::string base_uri;  // without trailing '/'
  std::string suite;
  // From the repository's Release file, when apt has downloaded it.
  std::optional<std::string> release;  // Codename
  std::optional<std::string> version;
  std::optional<std::string> maintainer;  // Origin
  std::optional<std::string> components;
  std::optional<std::string> architectures;
};

// The binary ("deb") repositories of a one-line-format file (sources.list, *.list). "deb-src"
// lines, comments and lines without a URI are skipped; [options] are allowed.
std::vector<AptSource> parseOneLineSources(std::string_view text);

// The binary repositories of a deb822 file (*.sources): one per URI and suite of every
// paragraph whose Types include "deb" and that is not "Enabled: no".
std::vector<AptSource> parseDeb822Sources(std::string_view text);

// The name apt gives the downloaded Release file of a source in /var/lib/apt/lists, without
// the final "InRelease" / "Release": apt's URItoFileName of <uri>/dists/<suite>/ (or of
// <uri>/<suite> for a flat repository, whose suite ends with '/').
std::string releaseListPrefix(const AptSource& source);

// Fills release, version, maintainer, components and architectures from a Release or
// InRelease file's text.
void applyRelease(std::string_view text, AptSource& source);

// Every source of <etc>/sources.list, <etc>/sources.list.d/*.list and *.sources (in that
// order, files by name), with its Release data from `lists`. Paths are logical, under `root`.
std::vector<AptSource> collectAptSources(const FsRoot& root, const std::string& etc = "/etc/apt",
                                         const std::string& lists = "/var/lib/apt/lists");

}  // namespace oqm_packages
