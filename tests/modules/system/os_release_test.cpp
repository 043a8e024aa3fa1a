#include "os_release.h"

#include <gtest/gtest.h>

#include "test_util.h"

using namespace oqm_system;

namespace {

const char* kUbuntu =
    "PRETTY_NAME=\"Ubuntu 22.04.3 LTS\"\n"
    "NAME=\"Ubuntu\"\n"
    "VERSION_ID=\"22.04\"\n"
    "VERSION=\"22.04.3 LTS (Jammy Jellyfish)\"\n"
    "VERSION_CODENAME=jammy\n"
    "ID=ubuntu\n"
    "ID_LIKE=debian\n"
    "HOME_URL=\"https://www.ubuntu.com/\"\n"
    "UBUNTU_CODENAME=jammy\n";

TEST(OsRelease, Ubuntu) {
  OsVersion v = parseOsRelease(kUbuntu);
  EXPECT_EQ(v.name, "Ubuntu");
  EXPECT_EQ(v.version, "22.04.3 LTS (Jammy Jellyfish)");
  EXPECT_EQ(v.major, "22");
  EXPECT_EQ(v.minor, "04");
  EXPECT_EQ(v.patch, "0");
  EXPECT_EQ(v.platform, "ubuntu");
  EXPECT_EQ(v.platform_like, "debian");
  EXPECT_EQ(v.codename, "jammy");
  EXPECT_FALSE(v.build.has_value());
}

TEST(OsRelease, ThreePartVersionBuildAndOwnCodenameKey) {
  OsVersion v = parseOsRelease(
      "NAME='Foo Linux'\n"
      "VERSION_ID=1.2.3.4\n"
      "BUILD_ID=rolling\n"
      "ID=foo\n"
      "FOO_CODENAME=\"bar\"\n"
      "# VERSION=ignored\n"
      "garbage line\n");
  EXPECT_EQ(v.name, "Foo Linux");
  EXPECT_EQ(v.major, "1");
  EXPECT_EQ(v.minor, "2");
  EXPECT_EQ(v.patch, "3.4");
  EXPECT_EQ(v.build, "rolling");
  EXPECT_EQ(v.codename, "bar");
  EXPECT_FALSE(v.version.has_value());
}

TEST(OsRelease, EmptyTextKeepsDefaults) {
  OsVersion v = parseOsRelease("");
  EXPECT_EQ(v.name, "Unknown");
  EXPECT_EQ(v.major, "0");
  EXPECT_EQ(v.minor, "0");
  EXPECT_EQ(v.patch, "0");
  EXPECT_EQ(v.platform, "posix");
  EXPECT_FALSE(v.codename.has_value());
}

const char* kFooRelease =
    "NAME=\"Test Linux Server\"\n"
    "VERSION_ID=\"1.2.3\"\n"
    "VERSION=\"1.2.3\"\n"
    "VERSION_CODENAME=foobar\n"
    "ID=foo\n"
    "ID_LIKE=bar\n";

TEST(OsRelease, RedhatReleaseOverrides) {
  oqm_system_test::TempDir dir;
  dir.write("os-release", kFooRelease);
  dir.write("redhat-release", "Red Hat Enterprise Linux Server release 7.9 (Maipo)\n");
  OsVersion v = parseOsVersionDir(dir.path(), "");
  EXPECT_EQ(v.name, "Red Hat Enterprise Linux Server");
  EXPECT_EQ(v.major, "7");
  EXPECT_EQ(v.minor, "9");
  EXPECT_EQ(v.patch, "0");
  EXPECT_EQ(v.platform, "rhel");
  EXPECT_EQ(v.platform_like, "rhel");
  EXPECT_EQ(v.version, "Red Hat Enterprise Linux Server release 7.9 (Maipo)");
  EXPECT_EQ(v.build, "");
  EXPECT_EQ(v.codename, "foobar");
}

TEST(OsRelease, CentosPatchFromRelease) {
  oqm_system_test::TempDir dir;
  dir.write("redhat-release", "CentOS Linux release 7.9.2009 (Core)\n");
  OsVersion v = parseOsVersionDir(dir.path(), "");
  EXPECT_EQ(v.major, "7");
  EXPECT_EQ(v.minor, "9");
  EXPECT_EQ(v.patch, "2009");
  EXPECT_EQ(v.platform, "rhel");
}

TEST(OsRelease, OracleKeepsOsReleasePlatform) {
  oqm_system_test::TempDir dir;
  dir.write("os-release", kFooRelease);
  dir.write("oracle-release", "Oracle Linux Server release 8.6\n");
  dir.write("redhat-release", "Red Hat Enterprise Linux release 8.6 (Ootpa)\n");
  OsVersion v = parseOsVersionDir(dir.path(), "");
  EXPECT_EQ(v.name, "Oracle Linux Server");
  EXPECT_EQ(v.platform, "foo");
  EXPECT_EQ(v.platform_like, "bar");
  EXPECT_EQ(v.version, "Oracle Linux Server release 8.6");
}

TEST(OsRelease, Gentoo) {
  oqm_system_test::TempDir dir;
  dir.write("gentoo-release", "Gentoo Base System release 2.14\n");
  OsVersion v = parseOsVersionDir(dir.path(), "");
  EXPECT_EQ(v.platform, "gentoo");
  EXPECT_EQ(v.major, "2");
  EXPECT_EQ(v.minor, "14");
}

TEST(OsRelease, EmptyDirectoryAndFallback) {
  oqm_system_test::TempDir dir;
  OsVersion v = parseOsVersionDir(dir.path(), "");
  EXPECT_EQ(v.name, "Unknown");
  EXPECT_EQ(v.platform, "posix");
  auto fallback = dir.write("usr-lib-os-release", "ID=fallback\nNAME=Fallback\n");
  v = parseOsVersionDir(dir.path(), fallback);
  EXPECT_EQ(v.platform, "fallback");
  // An empty os-release (Funtoo) leaves the defaults.
  dir.write("os-release", "");
  v = parseOsVersionDir(dir.path(), "");
  EXPECT_EQ(v.name, "Unknown");
}

}  // namespace
