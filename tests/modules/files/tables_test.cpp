// The files module's tables through the SDK's fake host, on fixtures the tests create.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <osquery_module_testing.hpp>
#include <set>
#include <string>

#include "multi_hash.h"
#include "test_util.h"

extern "C" const oqm_manifest* oqm_module_v1(void);

namespace {

using oqm::Op;
using oqm::testing::FakeHost;
using oqm::testing::FakeRow;
using oqm_files_test::TempDir;

FakeHost& host() {
  static FakeHost h(oqm_module_v1());
  return h;
}

std::map<std::string, FakeRow> byPath(const std::vector<FakeRow>& rows) {
  std::map<std::string, FakeRow> out;
  for (const auto& r : rows) out[r.at("path").text()] = r;
  return out;
}

TEST(FilesModule, RegistersEveryTableWithItsFlags) {
  const std::map<std::string, size_t> expected = {
      {"file", 20},
      {"hash", 7},
      {"suid_bin", 5},
      {"crontab", 9},
      {"authorized_keys", 7},
      {"known_hosts", 3},
      {"shell_history", 4},
      {"sudoers", 3},
      {"extended_attributes", 5},
      {"magic", 5},
  };
  EXPECT_EQ(host().tables().size(), expected.size());
  for (const auto& [name, columns] : expected) {
    EXPECT_EQ(host().table(name).columns.size(), columns) << name;
  }
  const auto& file = host().table("file");
  EXPECT_EQ(file.columns[0].flags, OQM_COLUMN_REQUIRED | OQM_COLUMN_INDEX | OQM_COLUMN_OPTIMIZED);
  EXPECT_EQ(file.columns[1].flags, OQM_COLUMN_REQUIRED | OQM_COLUMN_OPTIMIZED);
  EXPECT_EQ(host().table("hash").columns[1].flags, OQM_COLUMN_REQUIRED | OQM_COLUMN_OPTIMIZED);
  EXPECT_EQ(host().table("magic").columns[0].flags, OQM_COLUMN_REQUIRED | OQM_COLUMN_INDEX);
}

class FileTables : public ::testing::Test {
 protected:
  void SetUp() override {
    t.write("a.txt", "alpha\n");
    t.write("sub/b.bin", std::string("\x00\x01\x02", 3));
    t.write(".hidden", "h");
    std::filesystem::create_symlink("a.txt", t.path() + "/link");
    chmod((t.path() + "/a.txt").c_str(), 0640);
  }
  TempDir t;
};

TEST_F(FileTables, FileByPathEquals) {
  const std::string path = t.path() + "/a.txt";
  auto rows = host().query("file", {{"path", Op::Eq, path}});
  ASSERT_EQ(rows.size(), 1u);
  const auto& r = rows[0];
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(r.at("directory").text(), t.path());
  EXPECT_EQ(r.at("filename").text(), "a.txt");
  EXPECT_EQ(r.at("mode").text(), "0640");
  EXPECT_EQ(r.at("size").integer(), 6);
  EXPECT_EQ(r.at("inode").integer(), static_cast<int64_t>(st.st_ino));
  EXPECT_EQ(r.at("uid").integer(), static_cast<int64_t>(st.st_uid));
  EXPECT_EQ(r.at("mtime").integer(), static_cast<int64_t>(st.st_mtime));
  EXPECT_EQ(r.at("hard_links").integer(), 1);
  EXPECT_EQ(r.at("btime").integer(), 0);
  EXPECT_EQ(r.at("symlink").integer(), 0);
  EXPECT_EQ(r.at("type").text(), "regular");
  EXPECT_TRUE(r.at("symlink_target_path").isNull());

  auto missing = host().query("file", {{"path", Op::Eq, t.path() + "/missing"}});
  EXPECT_TRUE(missing.empty());
}

TEST_F(FileTables, SymlinkIsFollowedForFacts) {
  auto rows = host().query("file", {{"path", Op::Eq, t.path() + "/link"}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("symlink").integer(), 1);
  EXPECT_EQ(rows[0].at("type").text(), "regular");
  EXPECT_EQ(rows[0].at("size").integer(), 6);
  EXPECT_EQ(rows[0].at("symlink_target_path").text(),
            std::filesystem::canonical(t.path() + "/a.txt").string());
}

TEST_F(FileTables, FileByLikeAndDirectory) {
  auto like = byPath(host().query("file", {{"path", Op::Like, t.path() + "/%"}}));
  EXPECT_EQ(like.size(), 3u);  // a.txt, link, sub/ (no dot files)
  ASSERT_TRUE(like.count(t.path() + "/sub/"));
  EXPECT_EQ(like[t.path() + "/sub/"].at("type").text(), "directory");
  EXPECT_EQ(like[t.path() + "/sub/"].at("filename").text(), ".");
  EXPECT_EQ(like[t.path() + "/sub/"].at("directory").text(), t.path() + "/sub");

  auto recursive = byPath(host().query("file", {{"path", Op::Like, t.path() + "/%%"}}));
  EXPECT_EQ(recursive.size(), 4u);
  EXPECT_TRUE(recursive.count(t.path() + "/sub/b.bin"));

  auto listed = byPath(host().query("file", {{"directory", Op::Eq, t.path()}}));
  EXPECT_EQ(listed.size(), 4u);  // a directory listing includes dot files
  ASSERT_TRUE(listed.count(t.path() + "/.hidden"));
  ASSERT_TRUE(listed.count(t.path() + "/sub"));
  EXPECT_EQ(listed[t.path() + "/sub"].at("filename").text(), "sub");
  EXPECT_EQ(listed[t.path() + "/.hidden"].at("directory").text(), t.path());

  auto folders = byPath(host().query("file", {{"directory", Op::Like, t.path() + "/%"}}));
  ASSERT_EQ(folders.size(), 1u);
  EXPECT_EQ(folders.begin()->second.at("directory").text(), t.path() + "/sub/");
  EXPECT_EQ(folders.begin()->first, t.path() + "/sub/b.bin");
}

TEST_F(FileTables, FileHonoursLimit) {
  auto rows = host().query("file", {{"path", Op::Like, t.path() + "/%%"}}, 2);
  EXPECT_EQ(rows.size(), 2u);
}

TEST_F(FileTables, HashOfRegularFilesOnly) {
  auto rows = byPath(host().query("hash", {{"directory", Op::Eq, t.path()}}));
  // a.txt, .hidden, link (to a regular file); not the directory sub.
  EXPECT_EQ(rows.size(), 3u);
  auto expected = oqm_files::hashBytes("alpha\n", 6, {});
  const auto& a = rows[t.path() + "/a.txt"];
  EXPECT_EQ(a.at("md5").text(), expected.md5);
  EXPECT_EQ(a.at("sha1").text(), expected.sha1);
  EXPECT_EQ(a.at("sha256").text(), expected.sha256);
  EXPECT_EQ(a.at("directory").text(), t.path());
  EXPECT_EQ(rows[t.path() + "/link"].at("sha256").text(), expected.sha256);

  auto like = byPath(host().query("hash", {{"path", Op::Like, t.path() + "/%%"}}));
  EXPECT_EQ(like.size(), 3u);  // a.txt, link, sub/b.bin
  EXPECT_EQ(like[t.path() + "/sub/b.bin"].at("md5").text(),
            oqm_files::hashBytes("\x00\x01\x02", 3, {}).md5);
  EXPECT_EQ(like[t.path() + "/sub/b.bin"].at("directory").text(), t.path() + "/sub");
}

TEST_F(FileTables, SuidBinFindsASetuidFileInTmp) {
  // /tmp is one of osquery's suid_bin search roots.
  if (std::filesystem::temp_directory_path() != "/tmp") GTEST_SKIP() << "TMPDIR is not /tmp";
  const std::string path = t.write("suid_tool", "#!/bin/true\n");
  ASSERT_EQ(chmod(path.c_str(), 06755), 0);
  bool found = false;
  for (const auto& r : host().query("suid_bin")) {
    if (r.at("path").text() != path) continue;
    found = true;
    EXPECT_EQ(r.at("permissions").text(), "SG");
    EXPECT_FALSE(r.at("username").text().empty());
  }
  EXPECT_TRUE(found);
}

TEST_F(FileTables, ExtendedAttributes) {
  const std::string path = t.path() + "/a.txt";
  if (setxattr(path.c_str(), "user.text", "hello", 5, 0) != 0 ||
      setxattr(path.c_str(), "user.raw", "\x01\x02", 2, 0) != 0) {
    GTEST_SKIP() << "the temp file system has no user xattrs";
  }
  std::map<std::string, FakeRow> keys;
  for (auto& r : host().query("extended_attributes", {{"path", Op::Eq, path}})) {
    keys[r.at("key").text()] = r;
  }
  ASSERT_TRUE(keys.count("user.text"));
  EXPECT_EQ(keys["user.text"].at("value").text(), "hello");
  EXPECT_EQ(keys["user.text"].at("base64").integer(), 0);
  EXPECT_EQ(keys["user.text"].at("directory").text(), t.path());
  ASSERT_TRUE(keys.count("user.raw"));
  EXPECT_EQ(keys["user.raw"].at("value").text(), "AQI=");
  EXPECT_EQ(keys["user.raw"].at("base64").integer(), 1);
}

TEST_F(FileTables, MagicDescribesAFile) {
  auto rows = host().query("magic", {{"path", Op::Eq, t.path() + "/a.txt"}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("mime_type").text(), "text/plain");
  EXPECT_EQ(rows[0].at("mime_encoding").text(), "us-ascii");
  EXPECT_EQ(rows[0].at("data").text(), "ASCII text");
  EXPECT_TRUE(host().query("magic", {{"path", Op::Eq, t.path() + "/missing"}}).empty());
}

TEST(LiveTables, SystemTablesRunWithoutError) {
  // Their content depends on the host; the parsers are tested on fixtures. Here: no error and
  // well-formed rows.
  for (const auto& r : host().query("crontab")) EXPECT_FALSE(r.at("command").text().empty());
  for (const auto& r : host().query("sudoers")) EXPECT_FALSE(r.at("source").text().empty());
  host().query("authorized_keys");
  host().query("known_hosts");
  auto history = host().query("shell_history", {{"uid", Op::Eq, int64_t{getuid()}}});
  for (const auto& r : history) EXPECT_EQ(r.at("uid").integer(), getuid());
}

}  // namespace
