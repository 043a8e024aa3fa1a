#include "procfs.h"

#include <gtest/gtest.h>

using namespace oqm_system;

namespace {

TEST(Procfs, Modules) {
  auto mods = parseModules(
      "nf_tables 372736 1 nft_compat, Live 0xffffffffc0a5e000\n"
      "ext4 1069056 2 - Live 0x0000000000000000\n"
      "libcrc32c 12288 3 nf_conntrack,nf_tables,btrfs, Live 0xffffffffc0100000 (E)\n"
      "truncated 1 2\n");
  ASSERT_EQ(mods.size(), 3u);
  EXPECT_EQ(mods[0].name, "nf_tables");
  EXPECT_EQ(mods[0].size, 372736);
  EXPECT_EQ(mods[0].used_by, "nft_compat");
  EXPECT_EQ(mods[0].status, "Live");
  EXPECT_EQ(mods[0].address, "0xffffffffc0a5e000");
  EXPECT_EQ(mods[1].used_by, "-");
  EXPECT_EQ(mods[2].used_by, "nf_conntrack,nf_tables,btrfs");
  EXPECT_TRUE(parseModules("").empty());
}

TEST(Procfs, Meminfo) {
  auto m = parseMeminfo(
      "MemTotal:       16314488 kB\n"
      "MemFree:         1234567 kB\n"
      "MemAvailable:    9876543 kB\n"
      "HugePages_Total:       0\n"
      "Active(anon):     100 kB\n");
  EXPECT_EQ(m.at("MemTotal"), 16314488LL * 1024);
  EXPECT_EQ(m.at("MemFree"), 1234567LL * 1024);
  EXPECT_EQ(m.at("MemAvailable"), 9876543LL * 1024);
  EXPECT_EQ(m.at("HugePages_Total"), 0);
  EXPECT_EQ(m.at("Active(anon)"), 102400);
  EXPECT_EQ(m.count("Buffers"), 0u);
  EXPECT_TRUE(parseMeminfo("").empty());
}

TEST(Procfs, CpuTimes) {
  auto t = parseCpuTimes(
      "cpu  2743 0 3256 1108549 1567 0 89 760 0 0\n"
      "cpu0 669 1 1183 556107 40 2 12 361 5 6\n"
      "cpu1 2073 0 2073 552442 1526 0\n"
      "cpu2 1 2 3 4 5 6 7\n"
      "intr 12345\n"
      "ctxt 999\n");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].core, 0);
  EXPECT_EQ(t[0].user, 669);
  EXPECT_EQ(t[0].nice, 1);
  EXPECT_EQ(t[0].system, 1183);
  EXPECT_EQ(t[0].idle, 556107);
  EXPECT_EQ(t[0].iowait, 40);
  EXPECT_EQ(t[0].irq, 2);
  EXPECT_EQ(t[0].softirq, 12);
  EXPECT_EQ(t[0].steal, 361);
  EXPECT_EQ(t[0].guest, 5);
  EXPECT_EQ(t[0].guest_nice, 6);
  // Old kernels (2.6.x) have only the first seven counters.
  EXPECT_EQ(t[1].core, 2);
  EXPECT_EQ(t[1].softirq, 7);
  EXPECT_EQ(t[1].steal, 0);
  EXPECT_EQ(t[1].guest_nice, 0);
}

TEST(Procfs, Uptime) {
  EXPECT_EQ(parseUptime("5593.96 11085.49\n"), 5593);
  EXPECT_EQ(parseUptime("0.00 0.00"), 0);
  EXPECT_FALSE(parseUptime("").has_value());
  EXPECT_FALSE(parseUptime("abc 1").has_value());
}

TEST(Procfs, Loadavg) {
  auto l = parseLoadavg("0.52 1.25 10.00 1/82 4068\n");
  ASSERT_TRUE(l.has_value());
  EXPECT_DOUBLE_EQ((*l)[0], 0.52);
  EXPECT_DOUBLE_EQ((*l)[1], 1.25);
  EXPECT_DOUBLE_EQ((*l)[2], 10.0);
  EXPECT_FALSE(parseLoadavg("").has_value());
  EXPECT_FALSE(parseLoadavg("1.0 2.0").has_value());
}

TEST(Procfs, Mounts) {
  auto m = parseMounts(
      "/dev/vda / ext4 rw,relatime 0 0\n"
      "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n"
      "/dev/sdb1 /media/My\\040Disk vfat rw,uid=1000 0 0\n"
      "tmpfs /tmp/back\\134slash tmpfs rw 0 0\n"
      "\n");
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0].device, "/dev/vda");
  EXPECT_EQ(m[0].path, "/");
  EXPECT_EQ(m[0].type, "ext4");
  EXPECT_EQ(m[0].flags, "rw,relatime");
  EXPECT_EQ(m[1].device, "proc");
  EXPECT_EQ(m[2].path, "/media/My Disk");
  EXPECT_EQ(m[2].flags, "rw,uid=1000");
  EXPECT_EQ(m[3].path, "/tmp/back\\slash");
  EXPECT_TRUE(parseMounts("").empty());
}

TEST(Procfs, Cmdline) {
  auto c = parseCmdline(
      "BOOT_IMAGE=/boot/vmlinuz-6.1.0-13-amd64 root=UUID=1234-abcd ro  quiet splash\n");
  EXPECT_EQ(c.path, "/boot/vmlinuz-6.1.0-13-amd64");
  EXPECT_EQ(c.device, "UUID=1234-abcd");
  EXPECT_EQ(c.arguments, "ro quiet splash");

  auto none = parseCmdline("console=ttyS0 panic=1\n");
  EXPECT_FALSE(none.path.has_value());
  EXPECT_FALSE(none.device.has_value());
  EXPECT_EQ(none.arguments, "console=ttyS0 panic=1");

  EXPECT_EQ(parseCmdline("").arguments, "");
}

TEST(Procfs, ProcVersion) {
  EXPECT_EQ(parseProcVersion("Linux version 6.1.0-13-amd64 (debian-kernel@lists.debian.org) "
                             "(gcc-12 (Debian 12.2.0-14) 12.2.0) #1 SMP\n"),
            "6.1.0-13-amd64");
  EXPECT_FALSE(parseProcVersion("").has_value());
  EXPECT_FALSE(parseProcVersion("something else entirely").has_value());
}

}  // namespace
