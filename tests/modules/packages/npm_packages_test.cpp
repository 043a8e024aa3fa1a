#include "npm_packages.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "fs_root.h"
#include "test_util.h"

using namespace oqm_packages;
using oqm::Op;
using oqm_packages_test::host;
using oqm_packages_test::TempDir;

namespace {

TEST(PackageJson, Fields) {
  NpmPackage pkg;
  ASSERT_TRUE(parsePackageJson(R"({
    "name": "npm", "version": "9.8.1", "description": "a package manager",
    "author": {"name": "GitHub Inc.", "email": "x@example.org"},
    "license": "Artistic-2.0", "homepage": "https://docs.npmjs.com/",
    "dependencies": {"abbrev": "^2.0.0"}})",
                               pkg));
  EXPECT_EQ(pkg.name, "npm");
  EXPECT_EQ(pkg.version, "9.8.1");
  EXPECT_EQ(pkg.description, "a package manager");
  EXPECT_EQ(pkg.author, "GitHub Inc.");
  EXPECT_EQ(pkg.license, "Artistic-2.0");
  EXPECT_EQ(pkg.homepage, "https://docs.npmjs.com/");
}

TEST(PackageJson, OldLicenseObjectStringAuthorAndOddValues) {
  NpmPackage pkg;
  ASSERT_TRUE(parsePackageJson(R"({"name": "old", "version": 3,
    "author": "Jane <jane@example.org>",
    "license": {"type": "MIT", "url": "https://opensource.org/licenses/MIT"}})",
                               pkg));
  EXPECT_EQ(pkg.version, "");  // not a string
  EXPECT_EQ(pkg.author, "Jane <jane@example.org>");
  EXPECT_EQ(pkg.license, "https://opensource.org/licenses/MIT");
  EXPECT_FALSE(pkg.homepage.has_value());
  NpmPackage bad;
  EXPECT_FALSE(parsePackageJson("{not json", bad));
  EXPECT_FALSE(parsePackageJson("[1, 2]", bad));
  EXPECT_FALSE(bad.name.has_value());
}

// lib/node_modules/{a, @scope/b, a/node_modules/c, a/node_modules/c/node_modules/d}.
void writeTree(const TempDir& dir) {
  dir.write("lib/node_modules/a/package.json", R"({"name": "a", "version": "1.0.0"})");
  dir.write("lib/node_modules/@scope/b/package.json", R"({"name": "@scope/b"})");
  dir.write("lib/node_modules/a/node_modules/c/package.json", R"({"name": "c"})");
  dir.write("lib/node_modules/a/node_modules/c/node_modules/d/package.json", R"({"name": "d"})");
  dir.write("lib/node_modules/.bin/a", "");
  dir.mkdir("lib/node_modules/no-manifest");
  dir.write("lib/node_modules/broken/package.json", "{");
  // A link back up the tree must not make the walk loop.
  std::filesystem::create_directory_symlink(
      dir.path() + "/lib/node_modules/a",
      dir.path() + "/lib/node_modules/a/node_modules/c/node_modules/loop");
}

std::map<std::string, int64_t> depthsByPath(const std::vector<NpmPackage>& pkgs,
                                            const std::string& base) {
  std::map<std::string, int64_t> out;
  for (const auto& p : pkgs) out[p.path.substr(base.size())] = p.depth;
  return out;
}

TEST(NodePackages, WalksNestedAndScopedPackages) {
  TempDir dir;
  writeTree(dir);
  const std::string lib = dir.path() + "/lib";
  auto pkgs = listNodePackages(FsRoot{}, lib, kDefaultNpmMaxDepth);
  auto depths = depthsByPath(pkgs, lib);
  EXPECT_EQ(depths["/node_modules/a/package.json"], 0);
  EXPECT_EQ(depths["/node_modules/@scope/b/package.json"], 0);
  EXPECT_EQ(depths["/node_modules/broken/package.json"], 0);
  EXPECT_EQ(depths["/node_modules/a/node_modules/c/package.json"], 1);
  EXPECT_EQ(depths["/node_modules/a/node_modules/c/node_modules/d/package.json"], 2);
  // "loop" is a's directory again: listed once more as a package, but not entered again.
  EXPECT_EQ(depths["/node_modules/a/node_modules/c/node_modules/loop/package.json"], 2);
  EXPECT_EQ(pkgs.size(), 6u);
  for (const auto& p : pkgs) EXPECT_EQ(p.directory, lib);

  EXPECT_EQ(listNodePackages(FsRoot{}, lib, 0).size(), 3u);
  EXPECT_EQ(listNodePackages(FsRoot{}, lib, 1).size(), 4u);
  EXPECT_TRUE(listNodePackages(FsRoot{}, dir.path() + "/missing", 5).empty());
}

TEST(NodePackages, DefaultDirectories) {
  TempDir dir;
  dir.mkdir("usr/lib/node_modules");
  dir.mkdir("usr/local/lib");  // no node_modules: not searched
  dir.mkdir("home/ann/.nvm/versions/node/v20.1.0/lib/node_modules");
  EXPECT_EQ(defaultNodeDirectories(FsRoot::under(dir.path())),
            (std::vector<std::string>{"/usr/lib", "/home/ann/.nvm/versions/node/v20.1.0/lib"}));
}

TEST(NpmPackagesTable, DirectoryAndMaxDepthConstraints) {
  TempDir dir;
  writeTree(dir);
  const std::string lib = dir.path() + "/lib";
  auto rows = host().query("npm_packages", {{"directory", Op::Eq, lib}});
  ASSERT_EQ(rows.size(), 6u);
  auto a = std::find_if(rows.begin(), rows.end(), [](const auto& r) {
    return !r.at("name").isNull() && r.at("name").text() == "a";
  });
  ASSERT_NE(a, rows.end());
  EXPECT_EQ(a->at("version").text(), "1.0.0");
  EXPECT_EQ(a->at("path").text(), lib + "/node_modules/a/package.json");
  EXPECT_EQ(a->at("directory").text(), lib);
  EXPECT_EQ(a->at("depth").integer(), 0);
  EXPECT_EQ(a->at("max_depth").integer(), 100);
  EXPECT_EQ(a->at("pid_with_namespace").integer(), 0);
  rows =
      host().query("npm_packages", {{"directory", Op::Eq, lib}, {"max_depth", Op::Eq, int64_t{0}}});
  EXPECT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].at("max_depth").integer(), 0);
}

}  // namespace
