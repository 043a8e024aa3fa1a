#include "accounts.h"

#include <gtest/gtest.h>

#include "test_util.h"

using namespace oqm_system;

namespace {

const char* kPasswd =
    "root:x:0:0:root:/root:/bin/bash\n"
    "# a comment\n"
    "\n"
    "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    "alice:x:1000:1000:Alice Liddell,Room 1,,:/home/alice:/bin/zsh\n"
    "nobody:x:4294967294:4294967294::/nonexistent:\n"
    "legacy:x:-2:-2:signed ids:/tmp:/bin/sh\n"
    "broken:x:abc:0:bad uid:/:/bin/sh\n"
    "short:x:7\n"
    "+nisuser::::::\n"
    "nodir:x:42:42\n"
    "colons:x:43:43:gecos:/home/c:/bin/sh:extra\n";

TEST(Accounts, ParsesPasswdFields) {
  auto users = parsePasswdText(kPasswd);
  ASSERT_EQ(users.size(), 7u);
  EXPECT_EQ(users[0].name, "root");
  EXPECT_EQ(users[0].uid, 0u);
  EXPECT_EQ(users[0].gid, 0u);
  EXPECT_EQ(users[0].gecos, "root");
  EXPECT_EQ(users[0].dir, "/root");
  EXPECT_EQ(users[0].shell, "/bin/bash");
  EXPECT_EQ(users[2].name, "alice");
  EXPECT_EQ(users[2].gecos, "Alice Liddell,Room 1,,");
  EXPECT_EQ(users[2].shell, "/bin/zsh");
  EXPECT_EQ(users[3].name, "nobody");
  EXPECT_EQ(users[3].uid, 4294967294u);
  EXPECT_EQ(users[3].gecos, "");
  EXPECT_EQ(users[3].shell, "");
  // "-2" is read like strtoul into a 32-bit id.
  EXPECT_EQ(users[4].name, "legacy");
  EXPECT_EQ(users[4].uid, 4294967294u);
  EXPECT_EQ(users[5].name, "nodir");
  EXPECT_EQ(users[5].uid, 42u);
  EXPECT_EQ(users[5].dir, "");
  EXPECT_EQ(users[6].shell, "/bin/sh:extra");
}

TEST(Accounts, ParsesPasswdFile) {
  oqm_system_test::TempDir dir;
  auto path = dir.write("passwd", kPasswd);
  EXPECT_EQ(parsePasswd(path).size(), 7u);
}

TEST(Accounts, MissingOrEmptyFilesGiveNothing) {
  oqm_system_test::TempDir dir;
  EXPECT_TRUE(parsePasswd(dir.path() + "/does-not-exist").empty());
  EXPECT_TRUE(parseGroup(dir.path() + "/does-not-exist").empty());
  EXPECT_TRUE(parsePasswd(dir.write("empty", "")).empty());
  EXPECT_TRUE(parseGroup(dir.write("empty", "")).empty());
  EXPECT_TRUE(parsePasswdText("\n\n# only comments\n").empty());
}

TEST(Accounts, ParsesGroupAndMembers) {
  auto groups = parseGroupText(
      "root:x:0:\n"
      "adm:x:4:syslog,alice\n"
      "sudo:x:27:alice\n"
      "users:x:100: alice , bob ,\n"
      "bad:x:notanumber:alice\n"
      "alice:x:1000:\n");
  ASSERT_EQ(groups.size(), 5u);
  EXPECT_EQ(groups[0].name, "root");
  EXPECT_TRUE(groups[0].members.empty());
  EXPECT_EQ(groups[1].gid, 4u);
  EXPECT_EQ(groups[1].members, (std::vector<std::string>{"syslog", "alice"}));
  EXPECT_EQ(groups[3].members, (std::vector<std::string>{"alice", "bob"}));
  EXPECT_EQ(groups[4].name, "alice");
}

TEST(Accounts, GroupsForUserLikeGetgrouplist) {
  auto groups = parseGroupText(
      "adm:x:4:syslog,alice\n"
      "sudo:x:27:alice\n"
      "alice:x:1000:alice\n"
      "dup:x:27:alice\n"
      "other:x:50:bob\n");
  EXPECT_EQ(groupsForUser("alice", 1000, groups), (std::vector<uint32_t>{1000, 4, 27}));
  EXPECT_EQ(groupsForUser("carol", 5, groups), (std::vector<uint32_t>{5}));
}

}  // namespace
