#include "dpkg_status.h"

#include <gtest/gtest.h>

#include "test_util.h"

using namespace oqm_packages;
using oqm::Op;
using oqm_packages_test::host;
using oqm_packages_test::TempDir;

namespace {

const char* kStatus =
    "Package: zlib1g\n"
    "Status: install ok installed\n"
    "Priority: optional\n"
    "Section: libs\n"
    "Installed-Size: 168\n"
    "Maintainer: Mark Brown <broonie@debian.org>\n"
    "Architecture: amd64\n"
    "Multi-Arch: same\n"
    "Source: zlib\n"
    "Version: 1:1.2.13.dfsg-1\n"
    "Depends: libc6 (>= 2.14)\n"
    "Description: compression library - runtime\n"
    " zlib is a library implementing the deflate compression method found\n"
    " in gzip and PKZIP.\n"
    " .\n"
    " Version: 9.9 (a continuation line that looks like a field)\n"
    "Homepage: http://zlib.net/\n"
    "\n"
    "Package: removed-package\n"
    "Status: purge ok not-installed\n"
    "Priority: optional\n"
    "Section: misc\n"
    "Architecture: amd64\n"
    "\n"
    "Package: old-config\n"
    "Status: deinstall ok config-files\n"
    "Priority: optional\n"
    "Section: admin\n"
    "Installed-Size: 12\n"
    "Maintainer: Someone <someone@example.org>\n"
    "Architecture: all\n"
    "Version: 2.0\n"
    "Conffiles:\n"
    " /etc/old-config.conf 0123456789abcdef0123456789abcdef\n"
    "\n"
    "Package: zlib1g\n"
    "Status: install ok installed\n"
    "Architecture: i386\n"
    "Source: zlib (1:1.2.13.dfsg-1)\n"
    "Version: 1:1.2.13.dfsg-1\n"
    "\n"
    "Package: adduser\n"
    "Status: install ok unpacked\n"
    "Priority: important\n"
    "Section: admin\n"
    "Installed-Size: 849\n"
    "Architecture: all\n"
    "Version: 3.134\n";

TEST(DpkgStatus, DebianRevision) {
  EXPECT_EQ(debianRevision("1:1.2.13.dfsg-1"), "1");
  EXPECT_EQ(debianRevision("2.36-9+deb12u4"), "9+deb12u4");
  EXPECT_EQ(debianRevision("1.0-beta-3ubuntu1"), "3ubuntu1");
  EXPECT_EQ(debianRevision("3.134"), "");
}

TEST(DpkgStatus, PresentPackagesSortedByNameAndArch) {
  auto pkgs = parseDpkgStatus(kStatus);
  ASSERT_EQ(pkgs.size(), 4u);  // not-installed is left out, config-files is kept
  EXPECT_EQ(pkgs[0].name, "adduser");
  EXPECT_EQ(pkgs[0].status, "install ok unpacked");
  EXPECT_EQ(pkgs[0].revision, "");
  EXPECT_FALSE(pkgs[0].source.has_value());
  EXPECT_FALSE(pkgs[0].maintainer.has_value());
  EXPECT_EQ(pkgs[1].name, "old-config");
  EXPECT_EQ(pkgs[1].status, "deinstall ok config-files");
  EXPECT_EQ(pkgs[1].size, 12);
  EXPECT_EQ(pkgs[1].arch, "all");

  const DebPackage& z = pkgs[2];
  EXPECT_EQ(z.name, "zlib1g");
  EXPECT_EQ(z.arch, "amd64");
  EXPECT_EQ(z.version, "1:1.2.13.dfsg-1");  // the continuation "Version: 9.9" is not a field
  EXPECT_EQ(z.revision, "1");
  EXPECT_EQ(z.source, "zlib");
  EXPECT_EQ(z.size, 168);
  EXPECT_EQ(z.status, "install ok installed");
  EXPECT_EQ(z.maintainer, "Mark Brown <broonie@debian.org>");
  EXPECT_EQ(z.section, "libs");
  EXPECT_EQ(z.priority, "optional");

  EXPECT_EQ(pkgs[3].name, "zlib1g");
  EXPECT_EQ(pkgs[3].arch, "i386");
  EXPECT_EQ(pkgs[3].source, "zlib (1:1.2.13.dfsg-1)");
  EXPECT_FALSE(pkgs[3].size.has_value());
}

TEST(DpkgStatus, EntriesWithoutNameOrStatusAreSkipped) {
  auto pkgs = parseDpkgStatus(
      "Package: nostatus\nVersion: 1\n\n"
      "Status: install ok installed\nVersion: 1\n\n"
      "Package: short\nStatus: install\n");
  EXPECT_TRUE(pkgs.empty());
}

TEST(DpkgStatus, DatabaseDirectory) {
  TempDir dir;
  dir.write("dpkg/status", kStatus);
  EXPECT_EQ(readDpkgDatabase(dir.path() + "/dpkg").size(), 4u);
  EXPECT_TRUE(readDpkgDatabase(dir.path() + "/missing").empty());
}

TEST(DebPackagesTable, AdmindirConstraint) {
  TempDir dir;
  dir.write("a/status", kStatus);
  dir.write("b/status", "Package: only\nStatus: install ok installed\nVersion: 1.0-2\n");
  auto rows = host().query("deb_packages", {{"admindir", Op::Eq, dir.path() + "/a"},
                                            {"admindir", Op::Eq, dir.path() + "/b"},
                                            {"admindir", Op::Eq, dir.path() + "/missing"}});
  ASSERT_EQ(rows.size(), 5u);
  const auto& z = rows[2];
  EXPECT_EQ(z.at("name").text(), "zlib1g");
  EXPECT_EQ(z.at("size").integer(), 168);
  EXPECT_EQ(z.at("revision").text(), "1");
  EXPECT_EQ(z.at("admindir").text(), dir.path() + "/a");
  EXPECT_EQ(z.at("pid_with_namespace").integer(), 0);
  EXPECT_TRUE(z.at("mount_namespace_id").isNull());
  EXPECT_TRUE(rows[0].at("source").isNull());
  EXPECT_EQ(rows[4].at("name").text(), "only");
  EXPECT_EQ(rows[4].at("revision").text(), "2");
  EXPECT_EQ(rows[4].at("admindir").text(), dir.path() + "/b");
}

TEST(DebPackagesTable, PidWithNamespaceReadsThroughProcRoot) {
  TempDir dir;
  dir.write("status", kStatus);
  // /proc/self/root is our own root, so the fixture path reads the same through it.
  auto rows = host().query("deb_packages", {{"admindir", Op::Eq, dir.path()},
                                            {"pid_with_namespace", Op::Eq, int64_t{getpid()}}});
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].at("pid_with_namespace").integer(), getpid());
  EXPECT_FALSE(rows[0].at("mount_namespace_id").text().empty());
  EXPECT_EQ(rows[0].at("admindir").text(), dir.path());
  // A process that does not exist has no filesystem to read.
  rows = host().query("deb_packages", {{"admindir", Op::Eq, dir.path()},
                                       {"pid_with_namespace", Op::Eq, int64_t{0x7ffffff0}}});
  EXPECT_TRUE(rows.empty());
}

TEST(DebPackagesTable, Limit) {
  TempDir dir;
  dir.write("status", kStatus);
  auto rows = host().query("deb_packages", {{"admindir", Op::Eq, dir.path()}}, 2);
  EXPECT_EQ(rows.size(), 2u);
}

}  // namespace
