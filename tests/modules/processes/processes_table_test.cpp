// Tests of the processes table against processes this test starts itself.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/times.h>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <map>

#include "proc_fs.h"
#include "test_support.h"

namespace processes_test {
namespace {

using oqm::testing::Cell;

int64_t ticksToMs(clock_t ticks) {
  return static_cast<int64_t>(ticks) * (1000 / sysconf(_SC_CLK_TCK));
}

FakeRow onlyRow(const std::vector<FakeRow>& rows) {
  if (rows.size() != 1)
    throw std::runtime_error("expected one row, got " + std::to_string(rows.size()));
  return rows[0];
}

// The value after "Key:" in /proc/<pid>/<file>, e.g. ("io", "read_bytes").
int64_t procField(pid_t pid, const std::string& file, const std::string& key) {
  std::istringstream in(readText("/proc/" + std::to_string(pid) + "/" + file));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::stoll(line.substr(key.size() + 1));
  }
  throw std::runtime_error("no " + key + " in " + file);
}

TEST(ProcessesTable, OwnRowHasOurIdentity) {
  // A second thread, so that `threads` has something to count.
  std::atomic<bool> stop{false};
  std::thread worker([&] {
    while (!stop) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  struct tms before_times;
  ::times(&before_times);
  FakeRow row = onlyRow(queryPid("processes", getpid()));
  struct tms after_times;
  ::times(&after_times);
  size_t tasks = std::distance(std::filesystem::directory_iterator("/proc/self/task"),
                               std::filesystem::directory_iterator());
  stop = true;
  worker.join();

  std::string exe = std::filesystem::read_symlink("/proc/self/exe").string();
  EXPECT_EQ(row.at("pid").integer(), getpid());
  EXPECT_EQ(row.at("path").text(), exe);
  // The kernel keeps the first 15 bytes of the executable's name.
  EXPECT_EQ(row.at("name").text(), std::filesystem::path(exe).filename().string().substr(0, 15));
  EXPECT_EQ(row.at("parent").integer(), getppid());
  EXPECT_EQ(row.at("pgroup").integer(), getpgrp());
  EXPECT_EQ(row.at("uid").integer(), getuid());
  EXPECT_EQ(row.at("euid").integer(), geteuid());
  EXPECT_EQ(row.at("gid").integer(), getgid());
  EXPECT_EQ(row.at("egid").integer(), getegid());
  EXPECT_EQ(row.at("cwd").text(), std::filesystem::current_path().string());
  EXPECT_EQ(row.at("root").text(), readLinkText("/proc/self/root"));
  EXPECT_EQ(row.at("on_disk").integer(), 1);
  EXPECT_EQ(row.at("state").text(), "R");  // we are running while we read ourselves
  EXPECT_EQ(row.at("wired_size").integer(), 0);
  EXPECT_EQ(row.at("threads").integer(), static_cast<int64_t>(tasks));
  EXPECT_GE(row.at("threads").integer(), 2);
  EXPECT_EQ(row.at("nice").integer(), getpriority(PRIO_PROCESS, 0));
  // Times are in milliseconds, between what times() said before and after the read.
  EXPECT_GE(row.at("user_time").integer(), ticksToMs(before_times.tms_utime));
  EXPECT_LE(row.at("user_time").integer(), ticksToMs(after_times.tms_utime));
  EXPECT_GE(row.at("system_time").integer(), ticksToMs(before_times.tms_stime));
  EXPECT_LE(row.at("system_time").integer(), ticksToMs(after_times.tms_stime));
  // Sizes are status' kB figures times 1000, as osquery reports them.
  EXPECT_GT(row.at("resident_size").integer(), 0);
  EXPECT_EQ(row.at("resident_size").integer() % 1000, 0);
  EXPECT_GE(row.at("total_size").integer(), row.at("resident_size").integer());
  EXPECT_EQ(row.at("total_size").integer() % 1000, 0);
  // cgroup_path: the first line of /proc/self/cgroup after its second ':'.
  std::string cgroup = readText("/proc/self/cgroup");
  std::string first_line = cgroup.substr(0, cgroup.find('\n'));
  EXPECT_EQ(row.at("cgroup_path").text(),
            first_line.substr(first_line.find(':', first_line.find(':') + 1) + 1));
  EXPECT_FALSE(row.at("cmdline").text().empty());
  EXPECT_NE(row.at("cmdline").text().back(), ' ');
}

TEST(ProcessesTable, ChildRowMatchesHowItWasStarted) {
  TempDir dir;
  const std::string sleep = sleepBinary();
  time_t started_after = ::time(nullptr);
  Child child = Child::exec(sleep, {"sleep", "600"}, [&] {
    ::setpgid(0, 0);
    ::setpriority(PRIO_PROCESS, 0, 7);
    if (::chdir(dir.path().c_str()) != 0) ::_exit(126);
  });
  time_t started_before = ::time(nullptr);
  ASSERT_TRUE(waitFor([&] { return child.state() == 'S'; }));

  FakeRow row = onlyRow(queryPid("processes", child.pid()));
  EXPECT_EQ(row.at("pid").integer(), child.pid());
  EXPECT_EQ(row.at("name").text(), "sleep");
  EXPECT_EQ(row.at("path").text(), sleep);
  EXPECT_EQ(row.at("cmdline").text(), "sleep 600");
  EXPECT_EQ(row.at("state").text(), "S");
  EXPECT_EQ(row.at("cwd").text(), dir.path());
  EXPECT_EQ(row.at("parent").integer(), getpid());
  EXPECT_EQ(row.at("pgroup").integer(), child.pid());
  EXPECT_EQ(row.at("nice").integer(), 7);
  EXPECT_EQ(row.at("threads").integer(), 1);
  EXPECT_EQ(row.at("on_disk").integer(), 1);
  EXPECT_EQ(row.at("uid").integer(), getuid());
  EXPECT_EQ(row.at("suid").integer(), geteuid());  // exec copies euid into the saved uid
  // Seconds since the epoch; start times have clock-tick precision, so allow a second.
  EXPECT_GE(row.at("start_time").integer(), started_after - 1);
  EXPECT_LE(row.at("start_time").integer(), started_before + 1);
  // A sleeping child's I/O counters do not move: they must equal its io file.
  std::string io_path = "/proc/" + std::to_string(child.pid()) + "/io";
  if (::access(io_path.c_str(), R_OK) == 0) {
    EXPECT_EQ(row.at("disk_bytes_read").integer(), procField(child.pid(), "io", "read_bytes"));
    EXPECT_EQ(row.at("disk_bytes_written").integer(),
              procField(child.pid(), "io", "write_bytes") -
                  procField(child.pid(), "io", "cancelled_write_bytes"));
  }
  EXPECT_EQ(row.at("resident_size").integer(), procField(child.pid(), "status", "VmRSS") * 1000);
  EXPECT_EQ(row.at("total_size").integer(), procField(child.pid(), "status", "VmSize") * 1000);
}

TEST(ProcessesTable, DeletedBinaryIsNotOnDisk) {
  TempDir dir;
  const std::string copy = dir.file("oqm-sleep-copy");
  std::filesystem::copy_file(sleepBinary(), copy);
  Child child = Child::exec(copy, {"oqm-sleep-copy", "600"});

  FakeRow before = onlyRow(queryPid("processes", child.pid()));
  EXPECT_EQ(before.at("path").text(), copy);
  EXPECT_EQ(before.at("on_disk").integer(), 1);

  std::filesystem::remove(copy);
  FakeRow after = onlyRow(queryPid("processes", child.pid()));
  EXPECT_EQ(after.at("path").text(), copy);  // without the kernel's " (deleted)"
  EXPECT_EQ(after.at("on_disk").integer(), 0);
  EXPECT_EQ(after.at("name").text(), "oqm-sleep-copy");
}

TEST(ProcessesTable, BinaryWhoseNameEndsInDeletedIsOnDisk) {
  TempDir dir;
  const std::string copy = dir.file("odd (deleted)");
  std::filesystem::copy_file(sleepBinary(), copy);
  Child child = Child::exec(copy, {"odd", "600"});
  FakeRow row = onlyRow(queryPid("processes", child.pid()));
  EXPECT_EQ(row.at("path").text(), copy);
  EXPECT_EQ(row.at("on_disk").integer(), 1);
}

TEST(ProcessesTable, DeletedBinaryShadowedByAnotherFileIsNotOnDisk) {
  TempDir dir;
  const std::string copy = dir.file("shadowed");
  std::filesystem::copy_file(sleepBinary(), copy);
  Child child = Child::exec(copy, {"shadowed", "600"});
  std::filesystem::remove(copy);
  // A different file now exists under the name the kernel shows for the deleted binary.
  std::ofstream(copy + " (deleted)") << "not the binary";
  FakeRow row = onlyRow(queryPid("processes", child.pid()));
  EXPECT_EQ(row.at("path").text(), copy);
  EXPECT_EQ(row.at("on_disk").integer(), 0);
}

TEST(ProcessesTable, ZombieHasNoPathAndUnknownOnDisk) {
  Child child = Child::start([](int ready) {
    ::close(ready);
    ::_exit(0);
  });
  ASSERT_TRUE(waitFor([&] { return child.state() == 'Z'; }));
  FakeRow row = onlyRow(queryPid("processes", child.pid()));
  EXPECT_EQ(row.at("state").text(), "Z");
  EXPECT_EQ(row.at("path").text(), "");
  EXPECT_EQ(row.at("cmdline").text(), "");
  EXPECT_EQ(row.at("on_disk").integer(), -1);
  EXPECT_EQ(row.at("parent").integer(), getpid());
}

TEST(ProcessesTable, RealEffectiveAndSavedIdsComeFromStatus) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to set distinct real/effective/saved ids";
  Child child = Child::start([](int ready) {
    if (::setresgid(2001, 2002, 2003) != 0 || ::setresuid(1001, 1002, 1003) != 0) return;
    ::close(ready);
    for (;;) ::pause();
  });
  FakeRow row = onlyRow(queryPid("processes", child.pid()));
  EXPECT_EQ(row.at("uid").integer(), 1001);
  EXPECT_EQ(row.at("euid").integer(), 1002);
  EXPECT_EQ(row.at("suid").integer(), 1003);
  EXPECT_EQ(row.at("gid").integer(), 2001);
  EXPECT_EQ(row.at("egid").integer(), 2002);
  EXPECT_EQ(row.at("sgid").integer(), 2003);
}

TEST(ProcessesTable, PidEqualsGivesExactlyThatProcess) {
  auto rows = queryPid("processes", getpid());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("pid").integer(), getpid());
}

TEST(ProcessesTable, PidInListGivesThoseProcesses) {
  Child child = Child::exec(sleepBinary(), {"sleep", "600"});
  auto rows = host().query("processes", {{"pid", oqm::Op::Eq, int64_t{getpid()}},
                                         {"pid", oqm::Op::Eq, int64_t{child.pid()}}});
  std::set<int64_t> pids;
  for (const auto& row : rows) pids.insert(row.at("pid").integer());
  EXPECT_EQ(rows.size(), 2u);
  EXPECT_EQ(pids, (std::set<int64_t>{getpid(), child.pid()}));
}

TEST(ProcessesTable, RepeatedPidGivesOneRow) {
  auto rows = host().query("processes", {{"pid", oqm::Op::Eq, int64_t{getpid()}},
                                         {"pid", oqm::Op::Eq, int64_t{getpid()}}});
  EXPECT_EQ(rows.size(), 1u);
}

TEST(ProcessesTable, PidAsTextIsUnderstood) {
  auto rows = host().query("processes", {{"pid", oqm::Op::Eq, std::to_string(getpid())}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("pid").integer(), getpid());
}

TEST(ProcessesTable, NonexistentPidsGiveNoRows) {
  int64_t pid_max = std::stoll(readText("/proc/sys/kernel/pid_max"));
  for (int64_t pid : {pid_max + 1, int64_t{0}, int64_t{-5}, int64_t{1} << 40}) {
    EXPECT_TRUE(queryPid("processes", pid).empty()) << pid;
  }
  // A constraint that matches nothing must not turn into a full scan.
  EXPECT_TRUE(host().query("processes", {{"pid", oqm::Op::Eq, std::string("abc")}}).empty());
  // A child we reaped is gone.
  pid_t gone;
  {
    Child child = Child::exec(sleepBinary(), {"sleep", "600"});
    gone = child.pid();
  }
  EXPECT_TRUE(queryPid("processes", gone).empty());
}

TEST(ProcessesTable, PidConstraintDoesNotListProc) {
  uint64_t before = processes_module::procListingCount();
  queryPid("processes", getpid());
  host().query("processes",
               {{"pid", oqm::Op::Eq, int64_t{1}}, {"pid", oqm::Op::Eq, int64_t{getpid()}}});
  queryPid("processes", 999999999);
  EXPECT_EQ(processes_module::procListingCount(), before);
  // Other constraints on pid are hints we do not use: they scan.
  host().query("processes", {{"pid", oqm::Op::Gt, int64_t{1}}});
  EXPECT_EQ(processes_module::procListingCount(), before + 1);
}

TEST(ProcessesTable, FullScanHasEveryProcessOnce) {
  Child child = Child::exec(sleepBinary(), {"sleep", "600"});
  // A thread of ours: its id has a /proc entry, but it is not a process.
  std::atomic<pid_t> thread_id{0};
  std::atomic<bool> stop{false};
  std::thread worker([&] {
    thread_id = static_cast<pid_t>(::gettid());
    while (!stop) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  ASSERT_TRUE(waitFor([&] { return thread_id != 0; }));
  auto rows = host().query("processes");
  stop = true;
  worker.join();

  std::map<int64_t, const FakeRow*> by_pid;
  for (const auto& row : rows) {
    auto [it, inserted] = by_pid.emplace(row.at("pid").integer(), &row);
    EXPECT_TRUE(inserted) << "pid " << it->first << " listed twice";
  }
  ASSERT_TRUE(by_pid.count(1));
  ASSERT_TRUE(by_pid.count(getpid()));
  ASSERT_TRUE(by_pid.count(child.pid()));
  EXPECT_FALSE(by_pid.count(thread_id));
  EXPECT_EQ(by_pid[child.pid()]->at("cmdline").text(), "sleep 600");
  EXPECT_EQ(by_pid[1]->at("parent").integer(), 0);
}

TEST(ProcessesTable, EveryCellHasItsColumnsType) {
  const auto& table = host().table("processes");
  for (const auto& row : host().query("processes")) {
    for (const auto& column : table.columns) {
      const Cell& cell = row.at(column.name);
      if (cell.isNull()) continue;
      if (column.type == OQM_TYPE_TEXT) {
        EXPECT_EQ(cell.kind, Cell::Kind::Text) << column.name;
      } else {
        EXPECT_EQ(cell.kind, Cell::Kind::Integer) << column.name;
      }
    }
    // Columns osquery always fills.
    for (const char* name :
         {"pid", "path", "cmdline", "state", "cwd", "root", "on_disk", "wired_size", "user_time",
          "system_time", "start_time", "parent", "pgroup", "threads", "nice", "cgroup_path"}) {
      EXPECT_FALSE(row.at(name).isNull()) << name << " of pid " << row.at("pid").debug();
    }
  }
}

TEST(ProcessesTable, UnusedColumnsAreLeftOut) {
  auto rows = queryWithColumns("processes", {"pid", "name", "parent"}, getpid());
  ASSERT_EQ(rows.size(), 1u);
  const FakeRow& row = rows[0];
  EXPECT_EQ(row.at("pid").integer(), getpid());
  EXPECT_EQ(row.at("parent").integer(), getppid());
  EXPECT_FALSE(row.at("name").text().empty());
  for (const char* name : {"path", "cmdline", "cwd", "root", "on_disk", "disk_bytes_read",
                           "disk_bytes_written", "start_time", "cgroup_path", "uid"}) {
    EXPECT_TRUE(row.at(name).isNull()) << name;
  }
}

TEST(ProcessesTable, LimitStopsTheScan) {
  auto rows = host().query("processes", {}, 2);
  EXPECT_EQ(rows.size(), 2u);
}

TEST(ProcessesTable, ExitedProcessCannotBeReadThroughItsOldDirectory) {
  Child child = Child::exec(sleepBinary(), {"sleep", "600"});
  std::string dir_path = "/proc/" + std::to_string(child.pid());
  processes_module::UniqueFd dir(::open(dir_path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  ASSERT_TRUE(dir.valid());
  char stack[256];
  processes_module::GrowableBuffer overflow;
  EXPECT_TRUE(processes_module::readFile(dir.get(), "stat", stack, sizeof(stack), overflow));
  child.reap();
  // Even if the pid were reused at once, this directory still names the exited process.
  EXPECT_FALSE(processes_module::readFile(dir.get(), "stat", stack, sizeof(stack), overflow));
}

}  // namespace
}  // namespace processes_test
