// osquery's LIKE-to-glob rules on a fixture tree: one level per '%', recursion for a trailing
// '%%', trailing '/' on directories, dot files only for dot patterns, file/folder limits.
#include "path_glob.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>

#include "test_util.h"

namespace {

using namespace oqm_files;
using oqm_files_test::TempDir;

class PathGlob : public ::testing::Test {
 protected:
  void SetUp() override {
    t.write("a.txt", "a");
    t.write("b.log", "b");
    t.write(".hidden", "h");
    t.write("sub/c.txt", "c");
    t.write("sub/deeper/d.txt", "d");
    t.write("sub/.dotdir/e.txt", "e");
    t.mkdir("empty");
    std::filesystem::create_symlink(t.path() + "/sub", t.path() + "/link_to_sub");
    std::filesystem::create_symlink(t.path() + "/nowhere", t.path() + "/dangling");
  }

  std::set<std::string> expand(const std::string& relative_pattern, unsigned limit = kGlobAll) {
    std::set<std::string> out;
    expandLikePattern(t.path() + "/" + relative_pattern, limit, [&](const FoundEntry& e) {
      EXPECT_TRUE(out.insert(e.path.substr(t.path().size() + 1)).second) << e.path;
      return true;
    });
    return out;
  }

  TempDir t;
};

TEST_F(PathGlob, OneLevel) {
  EXPECT_EQ(expand("%"), (std::set<std::string>{"a.txt", "b.log", "sub/", "empty/", "link_to_sub/",
                                                "dangling"}));
  EXPECT_EQ(expand("%.txt"), (std::set<std::string>{"a.txt"}));
  EXPECT_EQ(expand("sub/%"), (std::set<std::string>{"sub/c.txt", "sub/deeper/"}));
  EXPECT_EQ(expand(".%"), (std::set<std::string>{".hidden"}));
  EXPECT_EQ(expand("%/%.txt"), (std::set<std::string>{"sub/c.txt", "link_to_sub/c.txt"}));
}

TEST_F(PathGlob, LimitsAndLiterals) {
  EXPECT_EQ(expand("%", kGlobFiles), (std::set<std::string>{"a.txt", "b.log", "dangling"}));
  EXPECT_EQ(expand("%", kGlobFolders), (std::set<std::string>{"sub/", "empty/", "link_to_sub/"}));
  EXPECT_EQ(expand("a.txt"), (std::set<std::string>{"a.txt"}));
  EXPECT_EQ(expand("sub"), (std::set<std::string>{"sub/"}));
  EXPECT_EQ(expand("missing%"), (std::set<std::string>{}));
  EXPECT_EQ(expand("%/"), (std::set<std::string>{"sub/", "empty/", "link_to_sub/"}));
}

TEST_F(PathGlob, TrailingDoublePercentRecurses) {
  // Dot entries are skipped and symlinked directories are listed but not entered.
  EXPECT_EQ(expand("%%"),
            (std::set<std::string>{"a.txt", "b.log", "sub/", "sub/c.txt", "sub/deeper/",
                                   "sub/deeper/d.txt", "empty/", "link_to_sub/", "dangling"}));
  EXPECT_EQ(expand("sub/%%"),
            (std::set<std::string>{"sub/c.txt", "sub/deeper/", "sub/deeper/d.txt"}));
  EXPECT_EQ(expand("%%", kGlobFolders),
            (std::set<std::string>{"sub/", "sub/deeper/", "empty/", "link_to_sub/"}));
}

TEST_F(PathGlob, StopsWhenTheVisitorSaysSo) {
  int seen = 0;
  bool finished =
      expandLikePattern(t.path() + "/%%", kGlobAll, [&](const FoundEntry&) { return ++seen < 2; });
  EXPECT_FALSE(finished);
  EXPECT_EQ(seen, 2);
}

TEST_F(PathGlob, DescriptorRelativeNames) {
  expandLikePattern(t.path() + "/%%", kGlobAll, [&](const FoundEntry& e) {
    struct stat by_fd, by_path;
    EXPECT_EQ(fstatat(e.dirfd, e.name, &by_fd, AT_SYMLINK_NOFOLLOW), 0) << e.path;
    // Without the '/' that marks a directory (with it, lstat would follow a symlink).
    std::string path = e.path;
    if (path.back() == '/') path.pop_back();
    EXPECT_EQ(lstat(path.c_str(), &by_path), 0) << e.path;
    EXPECT_EQ(by_fd.st_ino, by_path.st_ino) << e.path;
    return true;
  });
}

TEST_F(PathGlob, ListDirectoryAndWalkTree) {
  std::set<std::string> listed;
  listDirectory(t.path() + "/sub", [&](const FoundEntry& e) {
    listed.insert(e.path.substr(t.path().size() + 1) + (e.is_dir ? "(dir)" : ""));
    return true;
  });
  EXPECT_EQ(listed, (std::set<std::string>{"sub/c.txt", "sub/deeper(dir)", "sub/.dotdir(dir)"}));
  std::set<std::string> walked;
  walkTree(t.path() + "/sub/", [&](const FoundEntry& e) {
    walked.insert(e.path.substr(t.path().size() + 1));
    return true;
  });
  EXPECT_EQ(walked, (std::set<std::string>{"sub/c.txt", "sub/deeper", "sub/deeper/d.txt",
                                           "sub/.dotdir", "sub/.dotdir/e.txt"}));
}

TEST(PathText, ParentAndFileName) {
  EXPECT_EQ(parentPath("/a/b"), "/a");
  EXPECT_EQ(fileName("/a/b"), "b");
  EXPECT_EQ(parentPath("/a/b/"), "/a/b");
  EXPECT_EQ(fileName("/a/b/"), ".");
  EXPECT_EQ(parentPath("/a"), "/");
  EXPECT_EQ(parentPath("/"), "");
  EXPECT_EQ(fileName("/"), "/");
  EXPECT_EQ(parentPath("relative"), "");
}

}  // namespace
