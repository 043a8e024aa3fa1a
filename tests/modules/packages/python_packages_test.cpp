#include "python_packages.h"

#include <gtest/gtest.h>

#include "fs_root.h"
#include "test_util.h"

using namespace oqm_packages;
using oqm::Op;
using oqm_packages_test::host;
using oqm_packages_test::TempDir;

namespace {

const char* kMetadata =
    "Metadata-Version: 2.1\n"
    "Name: requests\n"
    "Version: 2.28.1\n"
    "Summary: Python HTTP for Humans: simple.\n"
    "Home-page: https://requests.readthedocs.io\n"
    "Author: Kenneth Reitz\n"
    "Author-email: me@kennethreitz.org\n"
    "License: Apache 2.0\n"
    "        with a second line\n"
    "Classifier: License :: OSI Approved\n"
    "\n"
    "Name: not-a-header (the description body)\n";

TEST(PythonMetadata, Headers) {
  PythonPackage pkg;
  parsePythonMetadata(kMetadata, pkg);
  EXPECT_EQ(pkg.name, "requests");
  EXPECT_EQ(pkg.version, "2.28.1");
  EXPECT_EQ(pkg.summary, "Python HTTP for Humans: simple.");  // a ':' in a value is kept
  EXPECT_EQ(pkg.author, "Kenneth Reitz");
  EXPECT_EQ(pkg.license, "Apache 2.0");
}

TEST(PythonMetadata, MissingFieldsStayUnset) {
  PythonPackage pkg;
  parsePythonMetadata("Metadata-Version: 1.0\nName: x\n", pkg);
  EXPECT_EQ(pkg.name, "x");
  EXPECT_FALSE(pkg.version.has_value());
  EXPECT_FALSE(pkg.license.has_value());
}

void writeSite(const TempDir& dir, const std::string& site) {
  dir.write(site + "/requests-2.28.1.dist-info/METADATA", kMetadata);
  dir.write(site + "/six-1.16.0.egg-info/PKG-INFO", "Name: six\nVersion: 1.16.0\n");
  dir.write(site + "/distro_info-1.5.egg-info", "Name: distro-info\nVersion: 1.5\n");
  dir.mkdir(site + "/broken-1.0.dist-info");  // no METADATA: listed with NULL fields
  dir.write(site + "/requests/__init__.py", "");
  dir.write(site + "/stray.dist-info", "a file, not a distribution");
}

TEST(PythonSitePackages, ListsDistributions) {
  TempDir dir;
  writeSite(dir, "site");
  auto pkgs = listSitePackages(FsRoot{}, dir.path() + "/site", 1000);
  ASSERT_EQ(pkgs.size(), 4u);
  EXPECT_EQ(pkgs[0].path, dir.path() + "/site/broken-1.0.dist-info");
  EXPECT_FALSE(pkgs[0].name.has_value());
  EXPECT_EQ(pkgs[1].name, "distro-info");
  EXPECT_EQ(pkgs[2].name, "requests");
  EXPECT_EQ(pkgs[2].directory, dir.path() + "/site");
  EXPECT_EQ(pkgs[2].uid, 1000);
  EXPECT_EQ(pkgs[3].name, "six");
  EXPECT_EQ(pkgs[3].path, dir.path() + "/site/six-1.16.0.egg-info");
}

TEST(PythonSitePackages, SearchPaths) {
  TempDir dir;
  dir.mkdir("usr/lib/python3/dist-packages");
  dir.mkdir("usr/lib/python3.11/site-packages");
  dir.mkdir("usr/local/lib/python3.11/dist-packages");
  dir.mkdir("usr/lib/python3.11/config");
  dir.mkdir("home/ann/.local/lib/python3.11/site-packages");
  dir.mkdir("home/ann/.pyenv/versions/3.12.1/lib/python3.12/site-packages");
  FsRoot root = FsRoot::under(dir.path());
  EXPECT_EQ(systemSiteDirectories(root),
            (std::vector<std::string>{"/usr/local/lib/python3.11/dist-packages",
                                      "/usr/lib/python3/dist-packages",
                                      "/usr/lib/python3.11/site-packages"}));
  EXPECT_EQ(
      userSiteDirectories(root, "/home/ann"),
      (std::vector<std::string>{"/home/ann/.local/lib/python3.11/site-packages",
                                "/home/ann/.pyenv/versions/3.12.1/lib/python3.12/site-packages"}));
  EXPECT_TRUE(userSiteDirectories(root, "/").empty());
}

TEST(PythonPackagesTable, DirectoryConstraint) {
  TempDir dir;
  writeSite(dir, "a");
  dir.write("b/x-1.dist-info/METADATA", "Name: x\nVersion: 1\n");
  auto rows = host().query("python_packages", {{"directory", Op::Eq, dir.path() + "/a"},
                                               {"directory", Op::Eq, dir.path() + "/b"}});
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[2].at("name").text(), "requests");
  EXPECT_EQ(rows[2].at("version").text(), "2.28.1");
  EXPECT_EQ(rows[2].at("license").text(), "Apache 2.0");
  EXPECT_EQ(rows[2].at("uid").integer(), 0);
  EXPECT_EQ(rows[2].at("directory").text(), dir.path() + "/a");
  EXPECT_EQ(rows[2].at("pid_with_namespace").integer(), 0);
  EXPECT_EQ(rows[4].at("name").text(), "x");
  EXPECT_EQ(rows[4].at("path").text(), dir.path() + "/b/x-1.dist-info");
}

}  // namespace
