// Tests of process_memory_map against mappings this test makes.
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/sysmacros.h>

#include <cstdio>

#include "test_support.h"

namespace processes_test {
namespace {

uint64_t hexValue(const std::string& text) {
  EXPECT_EQ(text.rfind("0x", 0), 0u) << text;
  return std::stoull(text.substr(2), nullptr, 16);
}

TEST(ProcessMemoryMapTable, FileWeMappedIsListed) {
  TempDir dir;
  const std::string path = dir.file("mapped.bin");
  const long page = ::sysconf(_SC_PAGESIZE);
  std::ofstream(path, std::ios::binary) << std::string(static_cast<size_t>(page) * 3, 'm');
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  // Map the second page, so that the offset is not zero.
  void* address = ::mmap(nullptr, static_cast<size_t>(page), PROT_READ, MAP_PRIVATE, fd, page);
  ASSERT_NE(address, MAP_FAILED);
  struct stat st {};
  ASSERT_EQ(::fstat(fd, &st), 0);
  ::close(fd);

  const FakeRow* found = nullptr;
  auto rows = queryPid("process_memory_map", getpid());
  for (const auto& row : rows) {
    if (row.at("path").text() == path) found = &row;
  }
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->at("pid").integer(), getpid());
  EXPECT_EQ(hexValue(found->at("start").text()), reinterpret_cast<uintptr_t>(address));
  EXPECT_EQ(hexValue(found->at("end").text()), reinterpret_cast<uintptr_t>(address) + page);
  EXPECT_EQ(found->at("permissions").text(), "r--p");
  EXPECT_EQ(found->at("offset").integer(), page);
  EXPECT_EQ(found->at("inode").integer(), static_cast<int64_t>(st.st_ino));
  char device[32];
  std::snprintf(device, sizeof(device), "%02x:%02x", major(st.st_dev), minor(st.st_dev));
  EXPECT_EQ(found->at("device").text(), device);
  EXPECT_EQ(found->at("pseudo").integer(), 0);
  ::munmap(address, static_cast<size_t>(page));
}

TEST(ProcessMemoryMapTable, PseudoMappingsAreMarked) {
  auto rows = queryPid("process_memory_map", getpid());
  ASSERT_FALSE(rows.empty());
  bool stack = false;
  for (const auto& row : rows) {
    const std::string& path = row.at("path").text();
    if (path == "[stack]") {
      stack = true;
      EXPECT_EQ(row.at("pseudo").integer(), 1);
      EXPECT_EQ(row.at("inode").integer(), 0);
      EXPECT_EQ(row.at("permissions").text().substr(0, 2), "rw");
    }
    // osquery's rule: a name with inode 0 is pseudo; files and nameless mappings are not.
    bool expected = row.at("inode").integer() == 0 && !path.empty();
    EXPECT_EQ(row.at("pseudo").integer(), expected ? 1 : 0) << path;
    EXPECT_LT(hexValue(row.at("start").text()), hexValue(row.at("end").text()));
  }
  EXPECT_TRUE(stack);
}

TEST(ProcessMemoryMapTable, ChildMapsItsBinary) {
  const std::string sleep = sleepBinary();
  Child child = Child::exec(sleep, {"sleep", "600"});
  auto rows = queryPid("process_memory_map", child.pid());
  size_t binary_rows = 0;
  for (const auto& row : rows) {
    EXPECT_EQ(row.at("pid").integer(), child.pid());
    if (row.at("path").text() == sleep) ++binary_rows;
  }
  EXPECT_GE(binary_rows, 1u);
}

TEST(ProcessMemoryMapTable, MissingPidGivesNoRows) {
  int64_t pid_max = std::stoll(readText("/proc/sys/kernel/pid_max"));
  EXPECT_TRUE(queryPid("process_memory_map", pid_max + 1).empty());
}

TEST(ProcessMemoryMapTable, LimitStopsInsideAProcess) {
  auto rows = host().query("process_memory_map", {{"pid", oqm::Op::Eq, int64_t{getpid()}}}, 3);
  EXPECT_EQ(rows.size(), 3u);
}

}  // namespace
}  // namespace processes_test
