// Live checks of the system module's tables through the SDK's fake host, each compared with
// what the test computes itself from the running system.
#include <grp.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <sys/resource.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <utmpx.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <osquery_module_testing.hpp>
#include <set>
#include <sstream>
#include <string>

#include "load_average_table.h"
#include "ulimit_info_table.h"

extern "C" const oqm_manifest* oqm_module_v1(void);

namespace {

using oqm::Op;
using oqm::testing::FakeHost;
using oqm::testing::FakeRow;

FakeHost& host() {
  static FakeHost h(oqm_module_v1());
  return h;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool exists(const std::string& path) {
  return access(path.c_str(), F_OK) == 0;
}

TEST(SystemModule, RegistersEveryTable) {
  const std::map<std::string, size_t> expected = {
      {"users", 11},         {"groups", 4},      {"user_groups", 2},     {"logged_in_users", 6},
      {"last", 7},           {"os_version", 12}, {"system_info", 20},    {"kernel_info", 4},
      {"kernel_modules", 5}, {"uptime", 5},      {"cpu_time", 11},       {"memory_info", 10},
      {"load_average", 2},   {"mounts", 11},     {"system_controls", 6}, {"ulimit_info", 3},
      {"shadow", 10},        {"kernel_keys", 9}, {"shared_memory", 13},  {"systemd_units", 14},
      {"startup_items", 7},
  };
  EXPECT_EQ(host().tables().size(), expected.size());
  for (const auto& [name, columns] : expected) {
    EXPECT_EQ(host().table(name).columns.size(), columns) << name;
  }
  const auto& users = host().table("users");
  EXPECT_EQ(users.columns[0].flags, OQM_COLUMN_INDEX);
  EXPECT_EQ(users.columns[0].type, static_cast<uint32_t>(OQM_TYPE_BIGINT));
  EXPECT_EQ(users.columns[10].flags, OQM_COLUMN_HIDDEN | OQM_COLUMN_ADDITIONAL);
  EXPECT_EQ(host().table("user_groups").columns[0].flags, OQM_COLUMN_INDEX | OQM_COLUMN_OPTIMIZED);
}

TEST(SystemModule, UsersContainsRootAndCurrentUser) {
  auto rows = host().query("users");
  bool root = false;
  for (const auto& r : rows) {
    if (r.at("username").text() == "root") {
      root = true;
      EXPECT_EQ(r.at("uid").integer(), 0);
      EXPECT_EQ(r.at("uid_signed").integer(), 0);
      EXPECT_EQ(r.at("include_remote").integer(), 0);
      EXPECT_EQ(r.at("pid_with_namespace").integer(), 0);
      EXPECT_TRUE(r.at("uuid").isNull());
    }
  }
  EXPECT_TRUE(root);

  // The current user, if it is a local account.
  struct passwd* me = getpwuid(geteuid());
  ASSERT_NE(me, nullptr);
  auto mine = host().query("users", {{"uid", Op::Eq, int64_t{geteuid()}}});
  if (slurp("/etc/passwd").find(std::string(me->pw_name) + ":") != std::string::npos) {
    ASSERT_FALSE(mine.empty());
    EXPECT_EQ(mine[0].at("username").text(), me->pw_name);
    EXPECT_EQ(mine[0].at("directory").text(), me->pw_dir);
    EXPECT_EQ(mine[0].at("shell").text(), me->pw_shell);
    EXPECT_EQ(mine[0].at("gid").integer(), static_cast<int64_t>(me->pw_gid));
    EXPECT_EQ(mine[0].at("description").text(), me->pw_gecos);
  }
}

TEST(SystemModule, UsersConstraintsNarrow) {
  auto by_uid = host().query("users", {{"uid", Op::Eq, int64_t{0}}});
  ASSERT_FALSE(by_uid.empty());
  for (const auto& r : by_uid) EXPECT_EQ(r.at("uid").integer(), 0);

  auto by_name = host().query("users", {{"username", Op::Eq, std::string("root")}});
  ASSERT_EQ(by_name.size(), 1u);
  EXPECT_EQ(by_name[0].at("uid").integer(), 0);

  // IN (...) arrives as several equalities.
  auto in_list = host().query("users", {{"username", Op::Eq, std::string("root")},
                                        {"username", Op::Eq, std::string("no-such-user-x")}});
  EXPECT_EQ(in_list.size(), 1u);

  EXPECT_TRUE(host().query("users", {{"uid", Op::Eq, std::string("abc")}}).empty());
  EXPECT_TRUE(host().query("users", {{"username", Op::Eq, std::string("no-such-user-x")}}).empty());

  auto remote =
      host().query("users", {{"include_remote", Op::Eq, int64_t{1}}, {"uid", Op::Eq, int64_t{0}}});
  ASSERT_EQ(remote.size(), 1u);
  EXPECT_EQ(remote[0].at("username").text(), getpwuid(0)->pw_name);
  EXPECT_EQ(remote[0].at("include_remote").integer(), 1);

  auto all_remote = host().query("users", {{"include_remote", Op::Eq, int64_t{1}}});
  EXPECT_FALSE(all_remote.empty());

  EXPECT_EQ(host().query("users", {}, 1).size(), 1u);
}

TEST(SystemModule, Groups) {
  struct group* g = getgrgid(0);
  ASSERT_NE(g, nullptr);
  auto rows = host().query("groups", {{"gid", Op::Eq, int64_t{0}}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("groupname").text(), g->gr_name);
  EXPECT_EQ(rows[0].at("gid_signed").integer(), 0);

  auto all = host().query("groups");
  std::set<int64_t> gids;
  for (const auto& r : all) EXPECT_TRUE(gids.insert(r.at("gid").integer()).second);
  EXPECT_EQ(gids.count(0), 1u);
}

TEST(SystemModule, UserGroups) {
  struct passwd* root = getpwuid(0);
  ASSERT_NE(root, nullptr);
  auto rows = host().query("user_groups", {{"uid", Op::Eq, int64_t{0}}});
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0].at("gid").integer(), static_cast<int64_t>(root->pw_gid));
  for (const auto& r : rows) EXPECT_EQ(r.at("uid").integer(), 0);

  // Every membership getgrouplist(3) reports for root (from local files here) is present.
  int n = 64;
  std::vector<gid_t> list(n);
  ASSERT_GE(getgrouplist(root->pw_name, root->pw_gid, list.data(), &n), 0);
  std::set<int64_t> got;
  for (const auto& r : rows) got.insert(r.at("gid").integer());
  for (int i = 0; i < n; ++i) EXPECT_EQ(got.count(list[i]), 1u) << list[i];
}

// Reads a utmp-format file with libc, the way the test can compute it independently.
std::vector<struct utmpx> libcRecords(const char* path) {
  std::vector<struct utmpx> out;
  if (!exists(path)) return out;
  utmpxname(path);
  setutxent();
  while (struct utmpx* ut = getutxent()) out.push_back(*ut);
  endutxent();
  utmpxname(_PATH_UTMPX);
  return out;
}

TEST(SystemModule, LoggedInUsersMatchesLibc) {
  size_t expected = 0;
  for (const auto& ut : libcRecords(_PATH_UTMPX)) expected += (ut.ut_pid != 1);
  auto rows = host().query("logged_in_users");
  EXPECT_EQ(rows.size(), expected);
  for (const auto& r : rows) EXPECT_FALSE(r.at("type").text().empty());
}

TEST(SystemModule, LastMatchesLibc) {
  size_t expected = 0;
  for (const auto& ut : libcRecords(_PATH_WTMP)) {
    expected += (ut.ut_type == USER_PROCESS || ut.ut_type == DEAD_PROCESS);
  }
  auto rows = host().query("last");
  EXPECT_EQ(rows.size(), expected);
  for (const auto& r : rows) {
    const int64_t type = r.at("type").integer();
    EXPECT_TRUE(type == USER_PROCESS || type == DEAD_PROCESS);
    EXPECT_EQ(r.at("type_name").text(), type == USER_PROCESS ? "user-process" : "dead-process");
  }
}

TEST(SystemModule, OsVersion) {
  auto rows = host().query("os_version");
  ASSERT_EQ(rows.size(), 1u);
  struct utsname u {};
  ASSERT_EQ(uname(&u), 0);
  EXPECT_EQ(rows[0].at("arch").text(), u.machine);
  EXPECT_FALSE(rows[0].at("name").text().empty());
  EXPECT_FALSE(rows[0].at("platform").text().empty());
  const std::string release = slurp("/etc/os-release");
  if (!release.empty() && !exists("/etc/redhat-release") && !exists("/etc/gentoo-release")) {
    // ID=... is the platform.
    std::istringstream in(release);
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("ID=", 0) == 0) {
        std::string id = line.substr(3);
        if (id.size() >= 2 && id.front() == '"') id = id.substr(1, id.size() - 2);
        EXPECT_EQ(rows[0].at("platform").text(), id);
      }
    }
  }
}

TEST(SystemModule, SystemInfo) {
  auto rows = host().query("system_info");
  ASSERT_EQ(rows.size(), 1u);
  const auto& r = rows[0];
  char name[256] = {0};
  ASSERT_EQ(gethostname(name, sizeof(name) - 1), 0);
  EXPECT_EQ(r.at("computer_name").text(), name);
  EXPECT_FALSE(r.at("hostname").text().empty());
  EXPECT_EQ(r.at("local_hostname").text(), r.at("hostname").text());
  EXPECT_EQ(r.at("cpu_logical_cores").integer(), sysconf(_SC_NPROCESSORS_ONLN));
  EXPECT_GE(r.at("cpu_physical_cores").integer(), 1);
  EXPECT_LE(r.at("cpu_physical_cores").integer(), r.at("cpu_logical_cores").integer());
  EXPECT_EQ(r.at("physical_memory").integer(),
            static_cast<int64_t>(sysconf(_SC_PHYS_PAGES)) * sysconf(_SC_PAGESIZE));
  struct utsname u {};
  ASSERT_EQ(uname(&u), 0);
  EXPECT_EQ(r.at("cpu_type").text(), u.machine);
  EXPECT_FALSE(r.at("cpu_subtype").text().empty());
  if (!exists("/sys/class/dmi/id")) {
    EXPECT_EQ(r.at("hardware_model").text(), "");
    EXPECT_TRUE(r.at("hardware_vendor").isNull());
  }
}

TEST(SystemModule, KernelInfo) {
  auto rows = host().query("kernel_info");
  ASSERT_EQ(rows.size(), 1u);
  struct utsname u {};
  ASSERT_EQ(uname(&u), 0);
  EXPECT_EQ(rows[0].at("version").text(), u.release);
  const std::string cmdline = slurp("/proc/cmdline");
  EXPECT_EQ(rows[0].at("path").isNull(), cmdline.find("BOOT_IMAGE=") == std::string::npos);
  EXPECT_EQ(rows[0].at("arguments").text().find("BOOT_IMAGE="), std::string::npos);
}

TEST(SystemModule, KernelModules) {
  auto rows = host().query("kernel_modules");
  if (!exists("/proc/modules")) {
    EXPECT_TRUE(rows.empty());
    return;
  }
  size_t lines = 0;
  std::istringstream in(slurp("/proc/modules"));
  std::string line;
  while (std::getline(in, line)) lines += !line.empty();
  // Modules may load or unload between the two reads.
  EXPECT_NEAR(static_cast<double>(rows.size()), static_cast<double>(lines), 2.0);
  for (const auto& r : rows) {
    EXPECT_EQ(r.at("address").text().rfind("0x", 0), 0u);
    EXPECT_FALSE(r.at("used_by").text().empty());
  }
}

TEST(SystemModule, Uptime) {
  auto rows = host().query("uptime");
  ASSERT_EQ(rows.size(), 1u);
  const auto& r = rows[0];
  double now = std::strtod(slurp("/proc/uptime").c_str(), nullptr);
  const int64_t total = r.at("total_seconds").integer();
  EXPECT_NEAR(static_cast<double>(total), now, 5.0);
  EXPECT_EQ(r.at("days").integer() * 86400 + r.at("hours").integer() * 3600 +
                r.at("minutes").integer() * 60 + r.at("seconds").integer(),
            total);
  EXPECT_LT(r.at("hours").integer(), 24);
  EXPECT_LT(r.at("minutes").integer(), 60);
  EXPECT_LT(r.at("seconds").integer(), 60);
}

TEST(SystemModule, CpuTime) {
  auto rows = host().query("cpu_time");
  size_t cores = 0;
  std::istringstream in(slurp("/proc/stat"));
  std::string line;
  while (std::getline(in, line)) {
    cores += line.size() > 3 && line.rfind("cpu", 0) == 0 && std::isdigit(line[3]);
  }
  ASSERT_EQ(rows.size(), cores);
  ASSERT_GE(rows.size(), 1u);
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_GE(rows[i].at("idle").integer(), 0);
    EXPECT_GE(rows[i].at("user").integer(), 0);
  }
  EXPECT_EQ(rows[0].at("core").integer(), 0);
}

TEST(SystemModule, MemoryInfo) {
  auto rows = host().query("memory_info");
  ASSERT_EQ(rows.size(), 1u);
  struct sysinfo info {};
  ASSERT_EQ(sysinfo(&info), 0);
  const int64_t total = static_cast<int64_t>(info.totalram) * info.mem_unit;
  EXPECT_NEAR(static_cast<double>(rows[0].at("memory_total").integer()), static_cast<double>(total),
              4096.0);
  EXPECT_EQ(rows[0].at("swap_total").integer(),
            static_cast<int64_t>(info.totalswap) * info.mem_unit);
  EXPECT_LE(rows[0].at("memory_free").integer(), rows[0].at("memory_total").integer());
  EXPECT_FALSE(rows[0].at("memory_available").isNull());
}

TEST(SystemModule, LoadAverage) {
  auto rows = host().query("load_average");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].at("period").text(), "1m");
  EXPECT_EQ(rows[1].at("period").text(), "5m");
  EXPECT_EQ(rows[2].at("period").text(), "15m");
  double loads[3];
  ASSERT_EQ(getloadavg(loads, 3), 3);
  for (int i = 0; i < 3; ++i) {
    const std::string& text = rows[i].at("average").text();
    // printf("%f"): six decimals.
    ASSERT_NE(text.find('.'), std::string::npos);
    EXPECT_EQ(text.size() - text.find('.') - 1, 6u) << text;
    EXPECT_NEAR(std::strtod(text.c_str(), nullptr), loads[i], 1.0);
  }
  EXPECT_EQ(oqm_system::formatLoadAverage(0.52), "0.520000");
}

TEST(SystemModule, MountsContainsRoot) {
  auto rows = host().query("mounts");
  ASSERT_FALSE(rows.empty());
  struct statfs st {};
  ASSERT_EQ(statfs("/", &st), 0);
  bool root = false;
  for (const auto& r : rows) {
    if (r.at("path").text() != "/") continue;
    root = true;
    EXPECT_EQ(r.at("blocks_size").integer(), static_cast<int64_t>(st.f_bsize));
    EXPECT_EQ(r.at("blocks").integer(), static_cast<int64_t>(st.f_blocks));
    EXPECT_FALSE(r.at("flags").text().empty());
    EXPECT_FALSE(r.at("device_alias").text().empty());
  }
  EXPECT_TRUE(root);
}

TEST(SystemModule, SystemControlsByName) {
  auto rows = host().query("system_controls", {{"name", Op::Eq, std::string("kernel.ostype")}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("current_value").text(), "Linux");
  EXPECT_EQ(rows[0].at("subsystem").text(), "kernel");
  EXPECT_EQ(rows[0].at("type").text(), "string");
  EXPECT_TRUE(rows[0].at("oid").isNull());

  char name[256] = {0};
  ASSERT_EQ(gethostname(name, sizeof(name) - 1), 0);
  auto hostname =
      host().query("system_controls", {{"name", Op::Eq, std::string("kernel.hostname")}});
  ASSERT_EQ(hostname.size(), 1u);
  EXPECT_EQ(hostname[0].at("current_value").text(), name);

  EXPECT_TRUE(
      host().query("system_controls", {{"name", Op::Eq, std::string("kernel.no_such_x")}}).empty());
  EXPECT_TRUE(
      host().query("system_controls", {{"name", Op::Eq, std::string("../../etc/passwd")}}).empty());
  EXPECT_TRUE(host().query("system_controls", {{"oid", Op::Eq, std::string("1.1")}}).empty());
}

TEST(SystemModule, SystemControlsScanAndSubsystem) {
  auto kernel = host().query("system_controls", {{"subsystem", Op::Eq, std::string("kernel")}});
  ASSERT_FALSE(kernel.empty());
  for (const auto& r : kernel) EXPECT_EQ(r.at("subsystem").text(), "kernel");

  auto all = host().query("system_controls");
  EXPECT_GT(all.size(), kernel.size());
  bool ostype = false;
  for (const auto& r : all) ostype |= r.at("name").text() == "kernel.ostype";
  EXPECT_TRUE(ostype);
}

TEST(SystemModule, UlimitInfoMatchesGetrlimit) {
  auto rows = host().query("ulimit_info");
  EXPECT_EQ(rows.size(), 15u);
  struct rlimit rl {};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &rl), 0);
  bool nofile = false;
  for (const auto& r : rows) {
    if (r.at("type").text() != "nofile") continue;
    nofile = true;
    EXPECT_EQ(r.at("soft_limit").text(), oqm_system::formatLimit(rl.rlim_cur));
    EXPECT_EQ(r.at("hard_limit").text(), oqm_system::formatLimit(rl.rlim_max));
    EXPECT_EQ(r.at("soft_limit").text(), std::to_string(rl.rlim_cur));
  }
  EXPECT_TRUE(nofile);
  EXPECT_EQ(oqm_system::formatLimit(RLIM_INFINITY), "unlimited");
  EXPECT_EQ(oqm_system::formatLimit(1024), "1024");
}

}  // namespace
