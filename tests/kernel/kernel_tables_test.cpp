// The kernel's own tables, served through a real Database.
#include "kernel/kernel_tables.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <ctime>

#include "kernel/database.h"
#include "kernel/module_loader.h"

namespace oqk {
namespace {

class KernelTablesTest : public ::testing::Test {
 protected:
  QueryResult run(const std::string& sql) {
    auto r = db.query(sql);
    EXPECT_TRUE(r.isOk()) << sql << ": " << r.status().message();
    return r.isOk() ? r.value() : QueryResult{};
  }

  Registry registry;
  Flags flags;
  ModuleLoader loader{registry, flags};
  KernelTables tables{registry, flags, loader, "shell"};
  Database db{registry};
};

TEST_F(KernelTablesTest, OsqueryInfoDescribesThisProcess) {
  auto r =
      run("SELECT pid, version, watcher, platform_mask, extensions, uuid, instance_id "
          "FROM osquery_info");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0].integer, getpid());
  EXPECT_EQ(r.rows[0][1].text, OQM_OSQUERY_VERSION);
  EXPECT_EQ(r.rows[0][2].integer, -1);
  EXPECT_EQ(r.rows[0][3].integer, 9);
  EXPECT_EQ(r.rows[0][4].text, "inactive");  // no module loaded
  EXPECT_EQ(r.rows[0][6].text.size(), 36u);
}

TEST_F(KernelTablesTest, OsqueryFlagsListsFlagsWithValues) {
  ASSERT_TRUE(flags.set("verbose", "true"));
  auto r =
      run("SELECT type, default_value, value, shell_only FROM osquery_flags "
          "WHERE name = 'verbose'");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0].text, "bool");
  EXPECT_EQ(r.rows[0][1].text, "false");
  EXPECT_EQ(r.rows[0][2].text, "true");
  auto short_names = run("SELECT count(*) FROM osquery_flags WHERE length(name) <= 2");
  EXPECT_EQ(short_names.rows[0][0].integer, 0);
}

TEST_F(KernelTablesTest, OsqueryRegistryListsTheKernelTables) {
  auto r =
      run("SELECT name, owner_uuid, active FROM osquery_registry WHERE registry = 'table' "
          "ORDER BY name");
  std::vector<std::string> names;
  for (const auto& row : r.rows) names.push_back(row[0].text);
  EXPECT_EQ(names, (std::vector<std::string>{"osquery_extensions", "osquery_flags", "osquery_info",
                                             "osquery_logger_status", "osquery_packs",
                                             "osquery_registry", "osquery_schedule", "time"}));
}

TEST_F(KernelTablesTest, OsqueryExtensionsHasTheCoreRow) {
  auto r = run("SELECT uuid, name, type FROM osquery_extensions");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0].integer, 0);
  EXPECT_EQ(r.rows[0][1].text, "core");
  EXPECT_EQ(r.rows[0][2].text, "core");
}

TEST_F(KernelTablesTest, TimeIsNowInUtc) {
  auto r = run("SELECT unix_time, timezone, year, datetime FROM time");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_LE(std::abs(r.rows[0][0].integer - static_cast<int64_t>(std::time(nullptr))), 5);
  EXPECT_EQ(r.rows[0][1].text, "UTC");
  EXPECT_GE(r.rows[0][2].integer, 2024);
  EXPECT_EQ(r.rows[0][3].text.back(), 'Z');
}

TEST(KernelTablesLifetime, DestroyingUnregisters) {
  Registry registry;
  Flags flags;
  ModuleLoader loader(registry, flags);
  {
    KernelTables tables(registry, flags, loader, "shell");
    EXPECT_NE(registry.table("time"), nullptr);
  }
  EXPECT_EQ(registry.table("time"), nullptr);
}

}  // namespace
}  // namespace oqk
