// python_packages.h: Python distributions installed in site-packages / dist-packages
// directories, described by their *.dist-info/METADATA or *.egg-info/PKG-INFO (the core
// metadata format, RFC 822 style headers).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_packages {

struct FsRoot;

struct PythonPackage {
  std::optional<std::string> name;
  std::optional<std::string> version;
  std::optional<std::string> summary;
  std::optional<std::string> author;
  std::optional<std::string> license;
  std::string path;       // the .dist-info / .egg-info directory (or file)
  std::string directory;  // the site directory it was found in
  int64_t uid = 0;        // the user whose site directory it is; 0 for the system's
};

// Fills name, version, summary, author and license from the headers of a METADATA or PKG-INFO
// text (the first of each; only the first line of a multi-line value; the body after the first
// blank line is not read).
void parsePythonMetadata(std::string_view text, PythonPackage& pkg);

// The distributions in one site directory (logical path under `root`): every *.dist-info and
// *.egg-info directory, and *.egg-info files (which are PKG-INFO themselves, as distutils and
// Debian's python3 packages install them).
std::vector<PythonPackage> listSitePackages(const FsRoot& root, const std::string& site,
                                            int64_t uid);

// The system's site directories, as osquery searches them: /usr/local/lib/python*/
// {dist,site}-packages, /usr/local/lib64/python*/site-packages, /usr/lib/python*/
// {dist,site}-packages (with /usr/lib/python3/dist-packages among them).
std::vector<std::string> systemSiteDirectories(const FsRoot& root);

// A user's site directories under `home`: ~/.local/lib/python*/site-packages and
// ~/.pyenv/versions/*/lib/python*/site-packages.
std::vector<std::string> userSiteDirectories(const FsRoot& root, const std::string& home);

}  // namespace oqm_packages
