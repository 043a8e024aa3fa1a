// The daemon's store: query state and log records committed together, and the log buffer.
#include "kernel/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace oqk {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() /
          ("oqm-store-" + std::to_string(getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir);
    path = (dir / "osquery.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  std::unique_ptr<Store> open() {
    auto store = Store::open(path);
    EXPECT_TRUE(store.isOk()) << store.status().message();
    return store.isOk() ? std::move(store.value()) : nullptr;
  }

  std::filesystem::path dir;
  std::string path;
};

TEST_F(StoreTest, StateAndRecordsSurviveAReopen) {
  {
    auto store = open();
    Store::Execution e;
    e.name = "q";
    e.new_state = QueryState{"SELECT 1", 0, 0, {R"({"a":1})", R"({"a":2})"}};
    e.records = {{1, "line one"}, {1, "line two"}};
    e.loggers = {"filesystem", "stdout"};
    e.time = 100;
    ASSERT_TRUE(store->commitExecution(e));
  }
  auto store = open();
  auto state = store->queryState("q");
  ASSERT_TRUE(state.has_value());
  EXPECT_EQ(state->query, "SELECT 1");
  EXPECT_EQ(state->rows, (std::vector<std::string>{R"({"a":1})", R"({"a":2})"}));
  EXPECT_EQ(store->bufferedCount(), 4u);
  EXPECT_EQ(store->bufferedCount("stdout"), 2u);
  auto pending = store->pendingRecords("filesystem", 10, 1 << 20, 1000);
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].data, "line one");
  EXPECT_LT(pending[0].id, pending[1].id);
}

TEST_F(StoreTest, EmptyStateIsKept) {
  auto store = open();
  Store::Execution e;
  e.name = "empty";
  e.new_state = QueryState{"SELECT 1 WHERE 0", 0, 0, {}};
  ASSERT_TRUE(store->commitExecution(e));
  auto state = store->queryState("empty");
  ASSERT_TRUE(state.has_value());
  EXPECT_TRUE(state->rows.empty());
  EXPECT_FALSE(store->queryState("never").has_value());
}

TEST_F(StoreTest, RecordsLeaveOnlyWhenRemovedAndDeferredOnesWait) {
  auto store = open();
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(store->bufferRecord("l", 1, 0, "r" + std::to_string(i)));
  auto batch = store->pendingRecords("l", 2, 1 << 20, 0);
  ASSERT_EQ(batch.size(), 2u);
  ASSERT_TRUE(store->removeRecords({batch[0].id}));
  ASSERT_TRUE(store->deferRecords({batch[1].id}, 50));
  auto now = store->pendingRecords("l", 10, 1 << 20, 10);
  ASSERT_EQ(now.size(), 3u);
  EXPECT_EQ(now[0].data, "r2");
  auto later = store->pendingRecords("l", 10, 1 << 20, 60);
  ASSERT_EQ(later.size(), 4u);
  EXPECT_EQ(later[0].data, "r1");
  EXPECT_EQ(later[0].attempts, 1u);
}

TEST_F(StoreTest, ByteLimitStillHandsOverOneRecord) {
  auto store = open();
  ASSERT_TRUE(store->bufferRecord("l", 1, 0, std::string(100, 'x')));
  ASSERT_TRUE(store->bufferRecord("l", 1, 0, std::string(100, 'y')));
  EXPECT_EQ(store->pendingRecords("l", 10, 10, 0).size(), 1u);
  EXPECT_EQ(store->pendingRecords("l", 10, 250, 0).size(), 2u);
}

TEST_F(StoreTest, Settings) {
  auto store = open();
  EXPECT_FALSE(store->get("configurations", "k").has_value());
  ASSERT_TRUE(store->put("configurations", "k", "v"));
  EXPECT_EQ(store->get("configurations", "k").value_or(""), "v");
  ASSERT_TRUE(store->remove("configurations", "k"));
  EXPECT_FALSE(store->get("configurations", "k").has_value());
}

TEST_F(StoreTest, StaleQueriesAreThoseUnscheduledAndOld) {
  auto store = open();
  for (auto [name, time] : {std::pair{"old_gone", 100}, {"new_gone", 900}, {"old_kept", 100}}) {
    Store::Execution e;
    e.name = name;
    e.new_state = QueryState{"SELECT 1", 0, 0, {}};
    e.time = time;
    ASSERT_TRUE(store->commitExecution(e));
  }
  EXPECT_EQ(store->staleQueries({"old_kept"}, 500), std::vector<std::string>{"old_gone"});
}

TEST_F(StoreTest, BufferedCountFollowsInsertsRemovalsAndPurges) {
  auto store = open();
  for (const char* r : {"a", "b", "c", "d"}) ASSERT_TRUE(store->bufferRecord("l", 1, 0, r));
  EXPECT_EQ(store->bufferedCount("l"), 4u);  // counted from the table once
  ASSERT_TRUE(store->bufferRecord("l", 1, 0, "e"));
  auto batch = store->pendingRecords("l", 2, 1 << 20, 0);
  ASSERT_TRUE(store->removeRecords({batch[0].id, batch[1].id}));
  EXPECT_EQ(store->bufferedCount("l"), 3u);
  EXPECT_EQ(store->purgeOldest("l", 2), 2u);
  EXPECT_EQ(store->bufferedCount("l"), 1u);
  EXPECT_EQ(store->pendingRecords("l", 10, 1 << 20, 0)[0].data, "e");
  // Reading ahead: only records after a given id.
  ASSERT_TRUE(store->bufferRecord("l", 1, 0, "f"));
  auto all = store->pendingRecords("l", 10, 1 << 20, 0);
  ASSERT_EQ(all.size(), 2u);
  auto after = store->pendingRecords("l", 10, 1 << 20, 0, all[0].id);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].data, "f");
}

TEST(StoreOpen, AnUnwritablePathIsAClearError) {
  auto store = Store::open("/nonexistent-dir/osquery.db");
  ASSERT_FALSE(store.isOk());
  EXPECT_NE(store.status().message().find("Cannot open the database at /nonexistent-dir"),
            std::string::npos);
}

}  // namespace
}  // namespace oqk
