// /proc/keys and /proc/sysvipc/shm parsers on fixed text, and shared_memory on a segment the
// test creates.
#include <gtest/gtest.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#include <osquery_module_testing.hpp>

#include "procfs.h"

extern "C" const oqm_manifest* oqm_module_v1(void);

namespace oqm_system {
namespace {

TEST(ProcKeys, ParsesEveryFieldAndKeepsTheDescription) {
  auto keys = parseKeys(
      "0156f217 I--Q---     1 perm 0c030000     0 65534 keyring   .user_reg: 2\n"
      "28553c3d I--Q---     2 perm 1f3f0000  1000  1000 user      my key: with spaces\n"
      "3366872b I------     1   5d 0f0b0000     0     0 asymmetric\n"
      "garbage line\n");
  ASSERT_EQ(keys.size(), 3u);  // the garbage line is dropped
  EXPECT_EQ(keys[0].serial_number, "0156f217");
  EXPECT_EQ(keys[0].flags, "I--Q---");
  EXPECT_EQ(keys[0].usage, 1);
  EXPECT_EQ(keys[0].timeout, "perm");
  EXPECT_EQ(keys[0].permissions, "0c030000");
  EXPECT_EQ(keys[0].uid, 0);
  EXPECT_EQ(keys[0].gid, 65534);
  EXPECT_EQ(keys[0].type, "keyring");
  EXPECT_EQ(keys[0].description, ".user_reg: 2");
  EXPECT_EQ(keys[1].usage, 2);
  EXPECT_EQ(keys[1].uid, 1000);
  EXPECT_EQ(keys[1].type, "user");
  EXPECT_EQ(keys[1].description, "my key: with spaces");
  EXPECT_EQ(keys[2].timeout, "5d");
  EXPECT_EQ(keys[2].type, "asymmetric");
  EXPECT_EQ(keys[2].description, "");
}

TEST(SysvShm, ParsesSegmentsAndSkipsTheHeader) {
  auto segs = parseSysvShm(
      "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  "
      "cgid      atime      dtime      ctime                   rss                  swap\n"
      "         0         32  1600                 65536  1234  5678      2  1000  1001     0     "
      "0 1700000001 1700000002 1700000000                  4096                     0\n"
      "  12345678         33  2644                  4096     7     8      0     0     0     0     "
      "0          0          0 1700000003\n");
  ASSERT_EQ(segs.size(), 2u);
  EXPECT_EQ(segs[0].shmid, 32);
  EXPECT_EQ(segs[0].mode, 01600u);
  EXPECT_EQ(segs[0].size, 65536);
  EXPECT_EQ(segs[0].creator_pid, 1234);
  EXPECT_EQ(segs[0].last_pid, 5678);
  EXPECT_EQ(segs[0].attached, 2);
  EXPECT_EQ(segs[0].uid, 1000);
  EXPECT_EQ(segs[0].creator_uid, 0);
  EXPECT_EQ(segs[0].atime, 1700000001);
  EXPECT_EQ(segs[0].dtime, 1700000002);
  EXPECT_EQ(segs[0].ctime, 1700000000);
  EXPECT_EQ(segs[1].key, 12345678);
  EXPECT_EQ(segs[1].mode, 02644u);
  EXPECT_EQ(octalPermissions(segs[0].mode), "1600");
  EXPECT_EQ(octalPermissions(0600), "0600");
  EXPECT_EQ(octalPermissions(0100644), "0644");
}

TEST(SharedMemoryTable, ShowsASegmentWeCreate) {
  int id = ::shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0640);
  if (id < 0) GTEST_SKIP() << "System V shared memory is not available";
  void* addr = ::shmat(id, nullptr, 0);
  ASSERT_NE(addr, reinterpret_cast<void*>(-1));
  oqm::testing::FakeHost host(oqm_module_v1());
  bool found = false;
  for (const auto& row : host.query("shared_memory")) {
    if (row.at("shmid").integer() != id) continue;
    found = true;
    EXPECT_EQ(row.at("size").integer(), 8192);
    EXPECT_EQ(row.at("permissions").text(), "0640");
    EXPECT_EQ(row.at("attached").integer(), 1);
    EXPECT_EQ(row.at("owner_uid").integer(), static_cast<int64_t>(::geteuid()));
    EXPECT_EQ(row.at("creator_pid").integer(), ::getpid());
    EXPECT_EQ(row.at("pid").integer(), ::getpid());
    EXPECT_EQ(row.at("status").text(), "");
    EXPECT_EQ(row.at("locked").integer(), 0);
  }
  ::shmdt(addr);
  ::shmctl(id, IPC_RMID, nullptr);
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace oqm_system
