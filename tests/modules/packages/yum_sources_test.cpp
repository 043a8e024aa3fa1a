#include "yum_sources.h"

#include <gtest/gtest.h>

#include "fs_root.h"
#include "test_util.h"

using namespace oqm_packages;
using oqm_packages_test::TempDir;

namespace {

TEST(YumSources, ParsesSections) {
  YumFile f = parseYumFile(
      "[main]\n"
      "gpgcheck=1\n"
      "reposdir=/etc/yum.repos.d, /etc/extra.repos.d\n"
      "\n"
      "# comment\n"
      "[baseos]\n"
      "name=Rocky Linux $releasever - BaseOS\n"
      "mirrorlist=https://mirrors.rockylinux.org/mirrorlist?repo=BaseOS-$releasever\n"
      "#baseurl=http://dl.rockylinux.org/$contentdir/$releasever/BaseOS/$basearch/os/\n"
      "gpgcheck = 1\n"
      "enabled=1\n"
      "gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-Rocky-9\n"
      "countme=1\n"
      "\n"
      "[multi]\n"
      "baseurl=http://a.example.org/repo/\n"
      "        http://b.example.org/repo/\n"
      "metalink=https://mirrors.fedoraproject.org/metalink?repo=x\n"
      "enabled=0\n"
      "enabled=1\n"
      "; another comment\n");
  EXPECT_EQ(f.reposdir, "/etc/yum.repos.d, /etc/extra.repos.d");
  ASSERT_EQ(f.repos.size(), 2u);
  EXPECT_EQ(f.repos[0].section, "baseos");
  EXPECT_EQ(f.repos[0].name, "Rocky Linux $releasever - BaseOS");
  EXPECT_EQ(f.repos[0].mirrorlist,
            "https://mirrors.rockylinux.org/mirrorlist?repo=BaseOS-$releasever");
  EXPECT_FALSE(f.repos[0].baseurl.has_value());
  EXPECT_EQ(f.repos[0].gpgcheck, "1");
  EXPECT_EQ(f.repos[0].enabled, "1");
  EXPECT_EQ(f.repos[0].gpgkey, "file:///etc/pki/rpm-gpg/RPM-GPG-KEY-Rocky-9");
  EXPECT_EQ(f.repos[1].baseurl, "http://a.example.org/repo/ http://b.example.org/repo/");
  EXPECT_EQ(f.repos[1].metalink, "https://mirrors.fedoraproject.org/metalink?repo=x");
  EXPECT_EQ(f.repos[1].enabled, "1");  // the later key wins
  EXPECT_FALSE(f.repos[1].name.has_value());
}

TEST(YumSources, CollectFromATree) {
  TempDir dir;
  dir.write("etc/yum.conf", "[main]\nreposdir=/etc/a.d /etc/b.d/\n[inline]\nname=Inline\n");
  dir.write("etc/a.d/z.repo", "[z]\nname=Z\nenabled=1\n");
  dir.write("etc/a.d/y.repo", "[y1]\nname=Y1\n[y2]\nname=Y2\n");
  dir.write("etc/a.d/ignored.conf", "[no]\nname=No\n");
  dir.write("etc/b.d/b.repo", "[b]\nname=B\n");
  dir.write("etc/yum.repos.d/default.repo", "[default]\nname=Default\n");  // not in reposdir
  auto repos = collectYumSources(FsRoot::under(dir.path()));
  ASSERT_EQ(repos.size(), 5u);
  EXPECT_EQ(repos[0].name, "Inline");
  EXPECT_EQ(repos[0].source, "/etc/yum.conf");
  EXPECT_EQ(repos[1].name, "Y1");
  EXPECT_EQ(repos[1].source, "/etc/a.d/y.repo");
  EXPECT_EQ(repos[2].name, "Y2");
  EXPECT_EQ(repos[3].name, "Z");
  EXPECT_EQ(repos[4].name, "B");
  EXPECT_EQ(repos[4].source, "/etc/b.d/b.repo");
}

TEST(YumSources, DefaultReposDirAndNothingAtAll) {
  TempDir dir;
  dir.write("etc/yum.repos.d/default.repo", "[default]\nname=Default\n");
  auto repos = collectYumSources(FsRoot::under(dir.path()));
  ASSERT_EQ(repos.size(), 1u);
  EXPECT_EQ(repos[0].source, "/etc/yum.repos.d/default.repo");
  TempDir empty;
  EXPECT_TRUE(collectYumSources(FsRoot::under(empty.path())).empty());
}

}  // namespace
