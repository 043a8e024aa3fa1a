#include "utmp.h"

#include <gtest/gtest.h>
#include <utmpx.h>

#include <cstring>
#include <string>

#include "test_util.h"

using namespace oqm_system;

namespace {

struct utmpx record(short type, pid_t pid, const char* line, const char* user, const char* host,
                    int32_t sec) {
  struct utmpx ut;
  std::memset(&ut, 0, sizeof(ut));
  ut.ut_type = type;
  ut.ut_pid = pid;
  std::strncpy(ut.ut_line, line, sizeof(ut.ut_line));
  std::strncpy(ut.ut_user, user, sizeof(ut.ut_user));
  std::strncpy(ut.ut_host, host, sizeof(ut.ut_host));
  ut.ut_tv.tv_sec = sec;
  return ut;
}

std::string bytesOf(std::initializer_list<struct utmpx> records) {
  std::string out;
  for (const auto& r : records) out.append(reinterpret_cast<const char*>(&r), sizeof(r));
  return out;
}

TEST(Utmp, ReadsRecords) {
  oqm_system_test::TempDir dir;
  // A user name filling ut_user completely (no NUL) must not run into the next field.
  std::string long_user(sizeof(utmpx::ut_user), 'u');
  auto path = dir.write(
      "wtmp", bytesOf({record(BOOT_TIME, 0, "~", "reboot", "6.1.0", 1700000000),
                       record(USER_PROCESS, 4242, "pts/0", "alice", "10.0.0.1", 1700000100),
                       record(DEAD_PROCESS, 4242, "pts/0", "", "", 1700000200),
                       record(LOGIN_PROCESS, 900, "tty1", "LOGIN", "", 1700000300),
                       record(USER_PROCESS, 77, "pts/1", long_user.c_str(), "h", 5)}));
  auto records = parseUtmp(path);
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[0].type, BOOT_TIME);
  EXPECT_EQ(records[0].user, "reboot");
  EXPECT_EQ(records[1].type, USER_PROCESS);
  EXPECT_EQ(records[1].pid, 4242);
  EXPECT_EQ(records[1].line, "pts/0");
  EXPECT_EQ(records[1].user, "alice");
  EXPECT_EQ(records[1].host, "10.0.0.1");
  EXPECT_EQ(records[1].time, 1700000100);
  EXPECT_EQ(records[2].type, DEAD_PROCESS);
  EXPECT_EQ(records[3].user, "LOGIN");
  EXPECT_EQ(records[4].user, long_user);
}

TEST(Utmp, AgreesWithLibcOnTheSameFile) {
  oqm_system_test::TempDir dir;
  auto path =
      dir.write("utmp", bytesOf({record(RUN_LVL, 0, "~", "runlevel", "", 10),
                                 record(USER_PROCESS, 100, "tty1", "root", "", 20),
                                 record(USER_PROCESS, 200, "pts/3", "bob", "192.0.2.7", 30)}));
  std::vector<struct utmpx> expected;
  ASSERT_EQ(utmpxname(path.c_str()), 0);
  setutxent();
  while (struct utmpx* ut = getutxent()) expected.push_back(*ut);
  endutxent();
  utmpxname(_PATH_UTMPX);

  auto records = parseUtmp(path);
  ASSERT_EQ(records.size(), expected.size());
  for (size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(records[i].type, expected[i].ut_type);
    EXPECT_EQ(records[i].pid, expected[i].ut_pid);
    EXPECT_EQ(records[i].user, std::string(expected[i].ut_user));
    EXPECT_EQ(records[i].line, std::string(expected[i].ut_line));
    EXPECT_EQ(records[i].host, std::string(expected[i].ut_host));
    EXPECT_EQ(records[i].time, expected[i].ut_tv.tv_sec);
  }
}

TEST(Utmp, IgnoresTrailingPartialRecord) {
  std::string bytes = bytesOf({record(USER_PROCESS, 1, "pts/0", "a", "", 1)});
  bytes += std::string(10, 'x');
  EXPECT_EQ(parseUtmpBytes(bytes).size(), 1u);
}

TEST(Utmp, EmptyOrMissingFileGivesNothing) {
  oqm_system_test::TempDir dir;
  EXPECT_TRUE(parseUtmp(dir.path() + "/no-such-utmp").empty());
  EXPECT_TRUE(parseUtmp(dir.write("utmp", "")).empty());
}

TEST(Utmp, TypeNames) {
  EXPECT_EQ(loginTypeName(USER_PROCESS), "user");
  EXPECT_EQ(loginTypeName(LOGIN_PROCESS), "login");
  EXPECT_EQ(loginTypeName(DEAD_PROCESS), "dead");
  EXPECT_EQ(loginTypeName(INIT_PROCESS), "init");
  EXPECT_EQ(loginTypeName(BOOT_TIME), "boot_time");
  EXPECT_EQ(loginTypeName(RUN_LVL), "runlevel");
  EXPECT_EQ(loginTypeName(EMPTY), "empty");
  EXPECT_EQ(loginTypeName(ACCOUNTING), "accounting");
  EXPECT_EQ(loginTypeName(42), "unknown");
  EXPECT_EQ(lastTypeName(USER_PROCESS), "user-process");
  EXPECT_EQ(lastTypeName(DEAD_PROCESS), "dead-process");
  EXPECT_EQ(lastTypeName(BOOT_TIME), "boot-time");
  EXPECT_EQ(lastTypeName(42), "");
}

}  // namespace
