// The /etc/shadow parser and osquery's mapping of hash fields to password_status/hash_alg.
#include "shadow.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace oqm_system {
namespace {

TEST(Shadow, ParsesFieldsAndEmptyNumbersAsMinusOne) {
  auto entries = parseShadowText(
      "root:$6$salt$hash:19000:0:99999:7:::\n"
      "# comment\n"
      "\n"
      "+nis::::::::\n"
      "daemon:*:19000:0:99999:7:30:20000:5\n"
      "short:x:1\n"
      "nobody:!:19000::::::");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].name, "root");
  EXPECT_EQ(entries[0].password, "$6$salt$hash");
  EXPECT_EQ(entries[0].last_change, 19000);
  EXPECT_EQ(entries[0].min, 0);
  EXPECT_EQ(entries[0].max, 99999);
  EXPECT_EQ(entries[0].warning, 7);
  EXPECT_EQ(entries[0].inactive, -1);
  EXPECT_EQ(entries[0].expire, -1);
  EXPECT_EQ(entries[0].flag, -1);
  EXPECT_EQ(entries[1].inactive, 30);
  EXPECT_EQ(entries[1].expire, 20000);
  EXPECT_EQ(entries[1].flag, 5);
  EXPECT_EQ(entries[2].name, "nobody");
  EXPECT_EQ(entries[2].min, -1);
}

TEST(Shadow, PasswordStatusAsOsquery) {
  EXPECT_EQ(passwordStatus("$6$salt$hash"), "active");
  EXPECT_EQ(passwordStatus("$y$j9T$salt$hash"), "active");
  EXPECT_EQ(passwordStatus("!$6$salt$hash"), "locked");
  EXPECT_EQ(passwordStatus("!"), "locked");
  EXPECT_EQ(passwordStatus("*"), "locked");
  EXPECT_EQ(passwordStatus("x"), "locked");
  EXPECT_EQ(passwordStatus("!!"), "not_set");
  EXPECT_EQ(passwordStatus(""), "empty");
}

TEST(Shadow, HashAlgorithmIsTheCryptId) {
  EXPECT_EQ(hashAlgorithm("$6$salt$hash"), "6");
  EXPECT_EQ(hashAlgorithm("$y$j9T$salt$hash"), "y");
  EXPECT_EQ(hashAlgorithm("$2b$10$abc"), "2b");
  EXPECT_EQ(hashAlgorithm("!$6$salt$hash"), "");
  EXPECT_EQ(hashAlgorithm("*"), "");
  EXPECT_EQ(hashAlgorithm("abDES0123456"), "");
  EXPECT_EQ(hashAlgorithm("$$x"), "");
  EXPECT_EQ(hashAlgorithm(""), "");
}

TEST(Shadow, ReadsAFileAndMissingFileGivesNothing) {
  oqm_system_test::TempDir dir;
  std::string path = dir.write("shadow", "alice:$5$s$h:19500:1:90:14:7:19999:\n");
  auto entries = parseShadow(path);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].name, "alice");
  EXPECT_EQ(hashAlgorithm(entries[0].password), "5");
  EXPECT_TRUE(parseShadow(dir.path() + "/absent").empty());
}

}  // namespace
}  // namespace oqm_system
