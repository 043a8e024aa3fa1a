// Tests of process_open_files: descriptors this test opens show up; non-files do not.
#include <gtest/gtest.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

#include "test_support.h"

namespace processes_test {
namespace {

std::map<int64_t, std::string> openFilesOf(pid_t pid) {
  std::map<int64_t, std::string> files;
  for (const auto& row : queryPid("process_open_files", pid)) {
    EXPECT_EQ(row.at("pid").integer(), pid);
    files[row.at("fd").integer()] = row.at("path").text();
  }
  return files;
}

TEST(ProcessOpenFilesTable, FileWeOpenedIsListed) {
  TempDir dir;
  const std::string path = dir.file("open-me.txt");
  std::ofstream(path) << "x";
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  auto files = openFilesOf(getpid());
  ASSERT_TRUE(files.count(fd));
  EXPECT_EQ(files[fd], path);
  ::close(fd);
  // The number may be taken again at once (by the scan's own descriptors), not by our file.
  for (const auto& [number, target] : openFilesOf(getpid())) EXPECT_NE(target, path) << number;
}

TEST(ProcessOpenFilesTable, SocketsPipesAndAnonymousInodesAreLeftOut) {
  int pipe_fds[2];
  ASSERT_EQ(::pipe2(pipe_fds, O_CLOEXEC), 0);
  int socket_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int event_fd = ::eventfd(0, EFD_CLOEXEC);
  ASSERT_GE(socket_fd, 0);
  ASSERT_GE(event_fd, 0);
  auto files = openFilesOf(getpid());
  for (int fd : {pipe_fds[0], pipe_fds[1], socket_fd, event_fd}) {
    EXPECT_FALSE(files.count(fd)) << fd << " -> " << files[fd];
  }
  for (const auto& [fd, path] : files) EXPECT_FALSE(path.empty()) << fd;
  for (int fd : {pipe_fds[0], pipe_fds[1], socket_fd, event_fd}) ::close(fd);
}

TEST(ProcessOpenFilesTable, ChildDescriptorsBelongToTheChild) {
  TempDir dir;
  const std::string path = dir.file("child-holds-me");
  std::ofstream(path) << "x";
  // The child inherits descriptor 7 on the file across exec.
  Child child = Child::exec(sleepBinary(), {"sleep", "600"}, [&] {
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0 || ::dup2(fd, 7) != 7) ::_exit(126);
  });
  auto files = openFilesOf(child.pid());
  ASSERT_TRUE(files.count(7));
  EXPECT_EQ(files[7], path);
}

TEST(ProcessOpenFilesTable, InListAndMissingPids) {
  Child child = Child::exec(sleepBinary(), {"sleep", "600"});
  auto rows = host().query("process_open_files", {{"pid", oqm::Op::Eq, int64_t{getpid()}},
                                                  {"pid", oqm::Op::Eq, int64_t{child.pid()}},
                                                  {"pid", oqm::Op::Eq, int64_t{-1}}});
  std::set<int64_t> pids;
  for (const auto& row : rows) pids.insert(row.at("pid").integer());
  EXPECT_EQ(pids, (std::set<int64_t>{getpid(), child.pid()}));
  int64_t pid_max = std::stoll(readText("/proc/sys/kernel/pid_max"));
  EXPECT_TRUE(queryPid("process_open_files", pid_max + 1).empty());
}

TEST(ProcessOpenFilesTable, FullScanIncludesUs) {
  TempDir dir;
  const std::string path = dir.file("scan-me");
  std::ofstream(path) << "x";
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  bool found = false;
  for (const auto& row : host().query("process_open_files")) {
    if (row.at("pid").integer() == getpid() && row.at("fd").integer() == fd) {
      found = row.at("path").text() == path;
    }
  }
  ::close(fd);
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace processes_test
