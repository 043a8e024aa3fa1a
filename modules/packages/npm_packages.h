// npm_packages.h: Node.js packages installed in node_modules directories, described by their
// package.json.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_packages {

struct FsRoot;

struct NpmPackage {
  std::optional<std::string> name;
  std::optional<std::string> version;
  std::optional<std::string> description;
  std::optional<std::string> author;   // "author" as a string, or its "name"
  std::optional<std::string> license;  // "license" as a string, or the old {"type","url"}'s url
  std::optional<std::string> homepage;
  std::string path;       // the package.json
  std::string directory;  // the directory holding the top node_modules
  int64_t depth = 0;  // 0 for a package of <directory>/node_modules, 1 for one nested in it, ...
};

// Fills the descriptive fields from a package.json text; returns false when it is not a JSON
// object (the fields stay unset). A non-string value of a string field gives "".
bool parsePackageJson(std::string_view text, NpmPackage& pkg);

// Every package under <directory>/node_modules (logical path under `root`): node_modules/*/
// and node_modules/@scope/*/ with a package.json, then recursively the node_modules of each
// package up to `max_depth` levels (-1: no limit). Directories already seen (by inode) are not
// entered again, so symbolic link loops end.
std::vector<NpmPackage> listNodePackages(const FsRoot& root, const std::string& directory,
                                         int64_t max_depth);

// The directories osquery searches by default: /usr/local/lib, /opt/homebrew/lib, /usr/lib,
// /home/*/.npm-global/lib, /home/*/.nvm/versions/node/*/lib; only those with a node_modules.
std::vector<std::string> defaultNodeDirectories(const FsRoot& root);

inline constexpr int64_t kDefaultNpmMaxDepth = 100;

}  // namespace oqm_packages
