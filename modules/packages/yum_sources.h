// yum_sources.h: the repositories of yum and dnf (/etc/yum.conf and its reposdir, by default
// /etc/yum.repos.d/*.repo), INI files of one section per repository.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_packages {

struct FsRoot;

struct YumSource {
  std::string source;  // the file it is configured in
  std::string section;
  std::optional<std::string> name;
  std::optional<std::string> baseurl;
  std::optional<std::string> mirrorlist;
  std::optional<std::string> metalink;
  std::optional<std::string> enabled;
  std::optional<std::string> gpgcheck;
  std::optional<std::string> gpgkey;
};

struct YumFile {
  std::vector<YumSource> repos;         // every section but [main], in file order
  std::optional<std::string> reposdir;  // [main] reposdir
};

// Parses a yum INI file: "[section]", "key=value" (later keys win), '#' and ';' comments,
// continuation lines (indented) appended to the previous value with a space between.
YumFile parseYumFile(std::string_view text);

// The repositories of <conf> and of every *.repo in its reposdir directories (by default
// /etc/yum.repos.d), files by name. Paths are logical, under `root`.
std::vector<YumSource> collectYumSources(const FsRoot& root,
                                         const std::string& conf = "/etc/yum.conf");

}  // namespace oqm_packages
