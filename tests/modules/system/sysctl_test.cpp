#include "sysctl.h"

#include <gtest/gtest.h>

#include "test_util.h"

using namespace oqm_system;

namespace {

TEST(Sysctl, ParsesConf) {
  std::map<std::string, std::string> config;
  parseSysctlConf(
      "# comment\n"
      "; also a comment\n"
      "\n"
      "net.ipv4.ip_forward = 1\n"
      "kernel.printk=4 4 1 7\n"
      "-vm.swappiness = 10\n"
      "net/ipv4/conf/eth0.100/rp_filter = 2\n"
      "kernel.core_pattern = |/usr/bin/x %p = y\n"
      "no equals sign here\n"
      "net.ipv4.ip_forward = 0\n",
      config);
  EXPECT_EQ(config.at("net.ipv4.ip_forward"), "0");
  EXPECT_EQ(config.at("kernel.printk"), "4 4 1 7");
  EXPECT_EQ(config.at("vm.swappiness"), "10");
  EXPECT_EQ(config.at("net.ipv4.conf.eth0.100.rp_filter"), "2");
  EXPECT_EQ(config.at("kernel.core_pattern"), "|/usr/bin/x %p = y");
  EXPECT_EQ(config.size(), 5u);
}

TEST(Sysctl, ConfigPrecedence) {
  oqm_system_test::TempDir dir;
  dir.write("etc/sysctl.d/10-a.conf", "a.one = etc\n");
  dir.write("usr/sysctl.d/10-a.conf", "a.one = usr-hidden\na.hidden = yes\n");
  dir.write("usr/sysctl.d/20-b.conf", "a.one = usr-later\na.two = usr\n");
  dir.write("usr/sysctl.d/README", "a.two = not a conf file\n");
  dir.write("sysctl.conf", "a.three = conf\n");
  auto config = loadSysctlConfig(
      {dir.path() + "/etc/sysctl.d", dir.path() + "/none", dir.path() + "/usr/sysctl.d"},
      dir.path() + "/sysctl.conf");
  // 20-b.conf sorts after 10-a.conf, so its assignment wins; /etc hides /usr's 10-a.conf.
  EXPECT_EQ(config.at("a.one"), "usr-later");
  EXPECT_EQ(config.count("a.hidden"), 0u);
  EXPECT_EQ(config.at("a.two"), "usr");
  EXPECT_EQ(config.at("a.three"), "conf");

  EXPECT_TRUE(loadSysctlConfig({dir.path() + "/none"}, dir.path() + "/none.conf").empty());
}

TEST(Sysctl, WalksTree) {
  oqm_system_test::TempDir dir;
  dir.write("kernel/ostype", "Linux\n");
  dir.write("kernel/random/uuid", "abc\n");
  dir.write("net/ipv4/ip_forward", "1\n");
  dir.write("vm/swappiness", "  60 \n");

  std::vector<std::string> names;
  auto collect = [&names](const std::string& name, const std::string&) { names.push_back(name); };
  walkSysctl(dir.path(), "", collect);
  EXPECT_EQ(names, (std::vector<std::string>{"kernel.ostype", "kernel.random.uuid",
                                             "net.ipv4.ip_forward", "vm.swappiness"}));

  names.clear();
  walkSysctl(dir.path(), "kernel", collect);
  EXPECT_EQ(names, (std::vector<std::string>{"kernel.ostype", "kernel.random.uuid"}));

  names.clear();
  std::string path;
  walkSysctl(dir.path(), "vm.swappiness", [&](const std::string& name, const std::string& p) {
    names.push_back(name);
    path = p;
  });
  EXPECT_EQ(names, (std::vector<std::string>{"vm.swappiness"}));
  EXPECT_EQ(readSysctlValue(path), "60");

  names.clear();
  walkSysctl(dir.path(), "kernel.nope", collect);
  walkSysctl(dir.path(), "..", collect);
  walkSysctl(dir.path() + "/missing-root", "", collect);
  EXPECT_TRUE(names.empty());

  EXPECT_FALSE(readSysctlValue(dir.path() + "/nope").has_value());
}

}  // namespace
