#include "apt_sources.h"

#include <gtest/gtest.h>

#include "fs_root.h"
#include "test_util.h"

using namespace oqm_packages;
using oqm_packages_test::TempDir;

namespace {

TEST(AptSources, OneLineFormat) {
  auto sources = parseOneLineSources(
      "# deb http://commented.example.org/debian bookworm main\n"
      "deb http://deb.debian.org/debian/ bookworm main contrib # trailing comment\n"
      "deb-src http://deb.debian.org/debian bookworm main\n"
      "deb [arch=amd64 signed-by=/usr/share/keyrings/x.gpg] https://repo.example.com/apt stable "
      "main\n"
      "deb [ trusted=yes ] http://flat.example.org/repo ./\n"
      "\tdeb\thttp://security.debian.org/debian-security\tbookworm-security\tmain\n"
      "deb cdrom-without-scheme bookworm main\n"
      "deb http://incomplete.example.org\n"
      "garbage\n");
  ASSERT_EQ(sources.size(), 4u);
  EXPECT_EQ(sources[0].name, "deb.debian.org/debian bookworm");
  EXPECT_EQ(sources[0].base_uri, "http://deb.debian.org/debian");
  EXPECT_EQ(sources[1].name, "repo.example.com/apt stable");
  EXPECT_EQ(sources[1].base_uri, "https://repo.example.com/apt");
  EXPECT_EQ(sources[2].name, "flat.example.org/repo ./");
  EXPECT_EQ(sources[3].name, "security.debian.org/debian-security bookworm-security");
}

TEST(AptSources, Deb822Format) {
  auto sources = parseDeb822Sources(
      "Types: deb deb-src\n"
      "# http://snapshot.debian.org/archive/debian/20250520T000000Z\n"
      "URIs: http://deb.debian.org/debian https://mirror.example.org/debian/\n"
      "Suites: bookworm bookworm-updates\n"
      "Components: main\n"
      "Signed-By:\n"
      " -----BEGIN PGP PUBLIC KEY BLOCK-----\n"
      " .\n"
      " mQINBGPL0BUBEADmW5NdOOHwPIJlgPu6JDcKw/NZJPR8lsD3K87ZM18gzyQZJD+w\n"
      " -----END PGP PUBLIC KEY BLOCK-----\n"
      "\n"
      "Types: deb-src\n"
      "URIs: http://deb.debian.org/debian\n"
      "Suites: bookworm\n"
      "\n"
      "Types: deb\n"
      "URIs: http://disabled.example.org/debian\n"
      "Suites: bookworm\n"
      "Enabled: no\n"
      "\n"
      "Types: deb\n"
      "URIs: https://deb.nodesource.com/node_20.x\n"
      "Suites: nodistro\n"
      "Enabled: yes\n"
      "\n"
      "Types: deb\n"
      "Suites: missing-uris\n");
  ASSERT_EQ(sources.size(), 5u);
  EXPECT_EQ(sources[0].name, "deb.debian.org/debian bookworm");
  EXPECT_EQ(sources[1].name, "deb.debian.org/debian bookworm-updates");
  EXPECT_EQ(sources[2].name, "mirror.example.org/debian bookworm");
  EXPECT_EQ(sources[2].base_uri, "https://mirror.example.org/debian");
  EXPECT_EQ(sources[3].name, "mirror.example.org/debian bookworm-updates");
  EXPECT_EQ(sources[4].name, "deb.nodesource.com/node_20.x nodistro");
}

TEST(AptSources, ReleaseListPrefix) {
  AptSource s;
  s.base_uri = "http://deb.debian.org/debian";
  s.suite = "bookworm";
  EXPECT_EQ(releaseListPrefix(s), "deb.debian.org_debian_dists_bookworm_");
  s.base_uri = "https://user:secret@deb.nodesource.com/node_20.x";
  s.suite = "nodistro";
  EXPECT_EQ(releaseListPrefix(s), "deb.nodesource.com_node%5f20.x_dists_nodistro_");
  s.base_uri = "http://flat.example.org/repo";
  s.suite = "./";
  EXPECT_EQ(releaseListPrefix(s), "flat.example.org_repo_");
  s.suite = "sub/";
  EXPECT_EQ(releaseListPrefix(s), "flat.example.org_repo_sub_");
}

const char* kInRelease =
    "-----BEGIN PGP SIGNED MESSAGE-----\n"
    "Hash: SHA256\n"
    "\n"
    "Origin: Debian\n"
    "Label: Debian\n"
    "Suite: stable\n"
    "Version: 12.11\n"
    "Codename: bookworm\n"
    "Date: Sat, 17 May 2025 09:43:44 UTC\n"
    "Architectures: all amd64 arm64\n"
    "Components: main contrib non-free-firmware non-free\n"
    "Description: Debian 12.11 Released 17 May 2025\n"
    "MD5Sum:\n"
    " 0ed6d4c8891eb86358b94bb35d9e4da4  1484322 contrib/Contents-all\n"
    "-----BEGIN PGP SIGNATURE-----\n"
    "\n"
    "iQIzBAEBCAAdFiEE\n"
    "-----END PGP SIGNATURE-----\n";

TEST(AptSources, ReleaseFields) {
  AptSource s;
  applyRelease(kInRelease, s);
  EXPECT_EQ(s.release, "bookworm");
  EXPECT_EQ(s.version, "12.11");
  EXPECT_EQ(s.maintainer, "Debian");
  EXPECT_EQ(s.components, "main contrib non-free-firmware non-free");
  EXPECT_EQ(s.architectures, "all amd64 arm64");
}

TEST(AptSources, CollectFromATree) {
  TempDir dir;
  dir.write("etc/apt/sources.list", "deb http://deb.debian.org/debian bookworm main\n");
  dir.write("etc/apt/sources.list.d/b.list", "deb http://b.example.org/b stable main\n");
  dir.write("etc/apt/sources.list.d/a.sources",
            "Types: deb\nURIs: http://a.example.org/a\nSuites: sid\n");
  dir.write("etc/apt/sources.list.d/c.list.disabled", "deb http://c.example.org/c sid main\n");
  dir.write("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease", kInRelease);
  dir.write("var/lib/apt/lists/b.example.org_b_dists_stable_Release", "Origin: B\nCodename: bee\n");
  FsRoot root = FsRoot::under(dir.path());
  auto sources = collectAptSources(root);
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_EQ(sources[0].source, "/etc/apt/sources.list");
  EXPECT_EQ(sources[0].release, "bookworm");
  EXPECT_EQ(sources[1].source, "/etc/apt/sources.list.d/b.list");
  EXPECT_EQ(sources[1].maintainer, "B");
  EXPECT_EQ(sources[1].release, "bee");
  EXPECT_FALSE(sources[1].version.has_value());
  EXPECT_EQ(sources[2].source, "/etc/apt/sources.list.d/a.sources");
  EXPECT_EQ(sources[2].name, "a.example.org/a sid");
  EXPECT_FALSE(sources[2].release.has_value());  // no Release downloaded: still listed

  TempDir empty;
  EXPECT_TRUE(collectAptSources(FsRoot::under(empty.path())).empty());
}

}  // namespace
