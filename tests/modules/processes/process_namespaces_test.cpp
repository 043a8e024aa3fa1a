// Tests of process_namespaces: the link parser on fixed text, and the table on a child that we
// move into a namespace of its own.
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/stat.h>

#include "proc_fs.h"
#include "proc_parsers.h"
#include "test_support.h"

namespace processes_test {
namespace {

using processes_module::parseNamespaceInode;
using processes_module::procListingCount;

// The inode number of /proc/<pid>/ns/<type>, as stat(2) reports it (the namespace's identity).
std::string namespaceInode(pid_t pid, const std::string& type) {
  struct stat st {};
  std::string path = "/proc/" + std::to_string(pid) + "/ns/" + type;
  if (::stat(path.c_str(), &st) != 0) return {};
  return std::to_string(st.st_ino);
}

TEST(ParseNamespaceInode, LinkTargets) {
  EXPECT_EQ(parseNamespaceInode("net:[4026531840]"), "4026531840");
  EXPECT_EQ(parseNamespaceInode("cgroup:[4026531835]"), "4026531835");
  EXPECT_EQ(parseNamespaceInode("pid_for_children:[4026532201]"), "4026532201");
  EXPECT_EQ(parseNamespaceInode("net:[]"), "");
  EXPECT_EQ(parseNamespaceInode("net:[12x]"), "");
  EXPECT_EQ(parseNamespaceInode("net:[123"), "");
  EXPECT_EQ(parseNamespaceInode("/some/path"), "");
  EXPECT_EQ(parseNamespaceInode(""), "");
}

TEST(ProcessNamespacesTable, ChildRowMatchesStatOfItsLinks) {
  Child child = Child::exec(sleepBinary(), {"sleep", "600"});
  uint64_t listings = procListingCount();
  auto rows = queryPid("process_namespaces", child.pid());
  EXPECT_EQ(procListingCount(), listings) << "pid = N must not list /proc";
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("pid").integer(), child.pid());
  for (const char* type : {"cgroup", "ipc", "mnt", "net", "pid", "user", "uts"}) {
    std::string expected = namespaceInode(child.pid(), type);
    if (expected.empty()) continue;  // a kernel without this namespace type
    EXPECT_EQ(rows[0].at(std::string(type) + "_namespace").text(), expected) << type;
  }
}

TEST(ProcessNamespacesTable, ChildInItsOwnUtsNamespaceDiffersFromUs) {
  Child child = Child::exec(sleepBinary(), {"sleep", "600"}, [] {
    if (::unshare(CLONE_NEWUTS) != 0) ::_exit(126);
  });
  if (namespaceInode(child.pid(), "uts").empty()) GTEST_SKIP() << "no uts namespace link";
  auto rows = queryPid("process_namespaces", child.pid());
  ASSERT_EQ(rows.size(), 1u);
  auto ours = queryPid("process_namespaces", ::getpid());
  ASSERT_EQ(ours.size(), 1u);
  EXPECT_NE(rows[0].at("uts_namespace").text(), ours[0].at("uts_namespace").text());
  EXPECT_EQ(rows[0].at("net_namespace").text(), ours[0].at("net_namespace").text());
  EXPECT_EQ(rows[0].at("uts_namespace").text(), namespaceInode(child.pid(), "uts"));
}

TEST(ProcessNamespacesTable, ScanWithoutPidIncludesUsAndAbsentPidGivesNothing) {
  bool found = false;
  for (const auto& row : host().query("process_namespaces")) {
    if (row.at("pid").integer() == ::getpid()) {
      found = true;
      EXPECT_EQ(row.at("mnt_namespace").text(), namespaceInode(::getpid(), "mnt"));
    }
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(queryPid("process_namespaces", 0x7ffffff0).empty());
}

}  // namespace
}  // namespace processes_test
