// osquery's SQL functions, through a real Database.
#include <gtest/gtest.h>

#include "kernel/database.h"

namespace oqk {
namespace {

class SqlFunctionsTest : public ::testing::Test {
 protected:
  // The single value of `SELECT <expression>`.
  Cell eval(const std::string& expression) {
    auto r = db.query("SELECT " + expression);
    EXPECT_TRUE(r.isOk()) << expression << ": " << r.status().message();
    if (!r.isOk() || r.value().rows.empty()) return Cell::null();
    return r.value().rows[0][0];
  }
  std::string text(const std::string& expression) { return eval(expression).text; }

  Registry registry;
  Database db{registry};
};

TEST_F(SqlFunctionsTest, Split) {
  EXPECT_EQ(text("split('a,b;;c', ',;', 2)"), "c");
  EXPECT_EQ(text("split('/usr/bin/env', '/', 0)"), "usr");
  EXPECT_TRUE(eval("split('a,b', ',', 5)").isNull());
}

TEST_F(SqlFunctionsTest, Regex) {
  EXPECT_EQ(text("regex_split('a1b22c', '[0-9]+', 2)"), "c");
  EXPECT_EQ(text("regex_match('user=alice id=7', 'user=([a-z]+)', 1)"), "alice");
  EXPECT_EQ(text("regex_match('user=alice', 'user=[a-z]+', 0)"), "user=alice");
  EXPECT_TRUE(eval("regex_match('nothing', '[0-9]', 0)").isNull());
  EXPECT_EQ(eval("'osquery' REGEXP '^os.*y$'").integer, 1);
  EXPECT_EQ(eval("'osquery' REGEXP '^x'").integer, 0);
  auto bad = db.query("SELECT regex_match('a', '(', 0)");
  ASSERT_FALSE(bad.isOk());
  EXPECT_NE(bad.status().message().find("Invalid regex"), std::string::npos);
}

TEST_F(SqlFunctionsTest, Concat) {
  EXPECT_EQ(text("concat('a', NULL, 1, 'b')"), "a1b");
  EXPECT_EQ(text("concat_ws('-', 'a', NULL, 'b', 2)"), "a-b-2");
}

TEST_F(SqlFunctionsTest, Base64) {
  EXPECT_EQ(text("to_base64('osquery')"), "b3NxdWVyeQ==");
  EXPECT_EQ(text("from_base64('b3NxdWVyeQ==')"), "osquery");
  EXPECT_EQ(text("from_base64(to_base64('ab'))"), "ab");
  EXPECT_TRUE(eval("from_base64('!!')").isNull());
  EXPECT_EQ(text("conditional_to_base64('plain text')"), "plain text");
  EXPECT_EQ(text("conditional_to_base64(char(1, 2))"), "AQI=");
}

TEST_F(SqlFunctionsTest, Hashes) {
  EXPECT_EQ(text("md5('abc')"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(text("sha1('abc')"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(text("sha256('abc')"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(SqlFunctionsTest, Network) {
  EXPECT_EQ(eval("inet_aton('10.0.0.1')").integer, 167772161);
  EXPECT_TRUE(eval("inet_aton('300.1.1.1')").isNull());
  EXPECT_EQ(eval("in_cidr_block('10.0.0.0/8', '10.2.3.4')").integer, 1);
  EXPECT_EQ(eval("in_cidr_block('10.0.0.0/8', '11.2.3.4')").integer, 0);
  EXPECT_EQ(eval("in_cidr_block('fe80::/10', 'fe80::1')").integer, 1);
  EXPECT_EQ(eval("in_cidr_block('10.0.0.0/8', '::1')").integer, 0);
  // The Community ID specification's own example.
  EXPECT_EQ(text("community_id_v1('128.232.110.120', '66.35.250.204', 34855, 80, 6)"),
            "1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
  // Direction-free: the reverse flow has the same ID.
  EXPECT_EQ(text("community_id_v1('66.35.250.204', '128.232.110.120', 80, 34855, 6)"),
            "1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
}

TEST_F(SqlFunctionsTest, Math) {
  EXPECT_NEAR(eval("cot(1.0)").real, 0.642092615934, 1e-9);
  EXPECT_DOUBLE_EQ(eval("sqrt(16)").real, 4.0);
}

}  // namespace
}  // namespace oqk
