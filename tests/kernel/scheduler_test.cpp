// The scheduler's executions: first run, differential runs, counters, snapshots, epochs,
// decorations, pack discovery — checked through the records it buffers in a real store.
#include "kernel/scheduler.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "kernel/database.h"
#include "osquery_module.h"

namespace oqk {
namespace {

// A table whose rows the test sets: one TEXT column `value`.
struct ControlledTable {
  std::vector<std::string> values;
  static int32_t generate(void* ud, const oqm_query*, const oqm_row_sink* out, oqm_error*) {
    for (const auto& v : static_cast<ControlledTable*>(ud)->values) {
      out->begin(out->ctx);
      out->set_text(out->ctx, 0, v.data(), v.size());
      out->end(out->ctx);
    }
    return OQM_OK;
  }
};

class SchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = std::make_shared<TableDefinition>();
    t->name = "things";
    t->columns = {{"value", OQM_TYPE_TEXT, 0, ""}};
    t->user_data = &table;
    t->generate = &ControlledTable::generate;
    ASSERT_TRUE(registry.addTable(t));
    dir = std::filesystem::temp_directory_path() /
          ("oqm-sched-" + std::to_string(getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir);
    store = std::move(Store::open((dir / "db").string()).value());
    database = std::make_unique<Database>(registry);
    scheduler = std::make_unique<Scheduler>(
        *database, *store, flags, [](uint32_t) { return std::vector<std::string>{"test"}; },
        [] { return std::string("host"); });
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  // Takes every buffered record for the test logger.
  std::vector<std::string> drain() {
    auto records = store->pendingRecords("test", 1000, 1 << 30, INT64_MAX);
    std::vector<std::string> out;
    std::vector<int64_t> ids;
    for (auto& r : records) {
      out.push_back(r.data);
      ids.push_back(r.id);
    }
    store->removeRecords(ids);
    return out;
  }
  ScheduledQuery query(const std::string& name = "things_query") {
    ScheduledQuery q;
    q.name = q.short_name = name;
    q.pack = "main";
    q.query = "SELECT value FROM things";
    q.interval = 10;
    return q;
  }

  Registry registry;
  Flags flags;
  ControlledTable table;
  std::filesystem::path dir;
  std::unique_ptr<Store> store;
  std::unique_ptr<Database> database;
  std::unique_ptr<Scheduler> scheduler;
};

bool contains(const std::string& s, const std::string& needle) {
  return s.find(needle) != std::string::npos;
}

TEST_F(SchedulerTest, FirstRunAddsEverythingWithCounterZero) {
  table.values = {"a", "b"};
  ASSERT_TRUE(scheduler->runQuery(query(), 100));
  auto lines = drain();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(contains(lines[0],
                       R"("counter":0,"numerics":false,"columns":{"value":"a"},"action":"added")"))
      << lines[0];
}

TEST_F(SchedulerTest, LaterRunsLogOnlyChangesAndCountUp) {
  table.values = {"a", "b"};
  scheduler->runQuery(query(), 100);
  drain();
  ASSERT_TRUE(scheduler->runQuery(query(), 110));
  EXPECT_TRUE(drain().empty());  // nothing changed: nothing logged, counter unchanged
  table.values = {"b", "c"};
  scheduler->runQuery(query(), 120);
  auto lines = drain();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(contains(lines[0], R"("counter":1,)") && contains(lines[0], R"("action":"removed")"))
      << lines[0];
  EXPECT_TRUE(contains(lines[1], R"("value":"c"},"action":"added")")) << lines[1];
  table.values = {"c"};
  scheduler->runQuery(query(), 130);
  lines = drain();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(contains(lines[0], R"("counter":2,)"));
}

TEST_F(SchedulerTest, StateSurvivesANewSchedulerOnTheSameStore) {
  table.values = {"a"};
  scheduler->runQuery(query(), 100);
  drain();
  Scheduler again(
      *database, *store, flags, [](uint32_t) { return std::vector<std::string>{"test"}; },
      [] { return std::string("host"); });
  again.runQuery(query(), 110);
  EXPECT_TRUE(drain().empty());
}

TEST_F(SchedulerTest, RemovedFalseKeepsRemovedRowsOutOfTheLog) {
  auto q = query();
  q.removed = false;
  table.values = {"a"};
  scheduler->runQuery(q, 100);
  drain();
  table.values = {"b"};
  scheduler->runQuery(q, 110);
  auto lines = drain();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(contains(lines[0], R"("action":"added")"));
}

TEST_F(SchedulerTest, SnapshotsLogEveryRunWithoutState) {
  auto q = query();
  q.snapshot = true;
  table.values = {};
  scheduler->runQuery(q, 100);
  auto lines = drain();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(contains(lines[0], R"({"snapshot":[],"action":"snapshot","name":"things_query")"))
      << lines[0];
  scheduler->runQuery(q, 110);
  EXPECT_EQ(drain().size(), 1u);
  EXPECT_FALSE(store->queryState("things_query").has_value());
}

TEST_F(SchedulerTest, BatchedFormatLogsTheFirstRunEvenWhenEmpty) {
  ASSERT_TRUE(flags.set("logger_event_type", "false"));
  table.values = {};
  scheduler->runQuery(query(), 100);
  auto lines = drain();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(
      contains(lines[0], R"({"diffResults":{"removed":[],"added":[]},"name":"things_query")"));
}

TEST_F(SchedulerTest, ANewEpochStartsOver) {
  table.values = {"a"};
  scheduler->runQuery(query(), 100);
  drain();
  ASSERT_TRUE(flags.set("schedule_epoch", "7"));
  scheduler->runQuery(query(), 110);
  auto lines = drain();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(contains(lines[0], R"("epoch":7,"counter":0,)")) << lines[0];
}

TEST_F(SchedulerTest, ASqlErrorLogsNothingAndKeepsState) {
  auto q = query();
  q.query = "SELECT nope FROM things";
  EXPECT_FALSE(scheduler->runQuery(q, 100));
  EXPECT_TRUE(drain().empty());
  EXPECT_FALSE(store->queryState(q.name).has_value());
}

TEST_F(SchedulerTest, DisabledLoggingStillKeepsState) {
  ASSERT_TRUE(flags.set("disable_logging", "true"));
  table.values = {"a"};
  scheduler->runQuery(query(), 100);
  EXPECT_TRUE(drain().empty());
  EXPECT_TRUE(store->queryState("things_query").has_value());
}

TEST_F(SchedulerTest, DecorationsAndDiscovery) {
  ConfigData config;
  config.decorators.load = {"SELECT 'u-1' AS host_uuid"};
  config.decorators.always = {"SELECT 'x' AS always_on"};
  Pack main{"main", "test", {}, {query("in_main")}};
  Pack hidden{"hidden", "test", {"SELECT 1 WHERE 0"}, {query("in_hidden")}};
  config.packs = {main, hidden};
  scheduler->setConfig(config);
  table.values = {"a"};
  scheduler->runTick(10, false);  // 10 % splayed interval may not be 0: use runQuery to check
  scheduler->runQuery(config.packs[0].queries[0], 100);
  auto lines = drain();
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(contains(lines.back(), R"("decorations":{"always_on":"x","host_uuid":"u-1"})"))
      << lines.back();
  auto packs = scheduler->packs();
  ASSERT_EQ(packs.size(), 2u);
  EXPECT_TRUE(packs[0].second);
  EXPECT_FALSE(packs[1].second);
}

TEST_F(SchedulerTest, SplayStaysWithinTheSpreadAndIsRemembered) {
  auto q = query();
  q.interval = 100;
  uint64_t splayed = scheduler->splayedInterval(q);
  EXPECT_GE(splayed, 90u);
  EXPECT_LE(splayed, 110u);
  EXPECT_EQ(store->get("configurations", "interval.things_query").value_or(""),
            "100:" + std::to_string(splayed));
  Scheduler again(
      *database, *store, flags, [](uint32_t) { return std::vector<std::string>{}; },
      [] { return std::string("host"); });
  EXPECT_EQ(again.splayedInterval(q), splayed);
}

}  // namespace
}  // namespace oqk
