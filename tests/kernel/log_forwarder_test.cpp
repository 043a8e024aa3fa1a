// The log forwarder: verdicts decide what leaves the buffer; only failures are retried.
#include "kernel/log_forwarder.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace oqk {
namespace {

// A logger whose verdict for each record the test decides by the record's text.
struct ScriptedLogger {
  std::vector<std::string> delivered;
  bool fail_init = false;
  bool fail_batch = false;
  int flushes = 0;

  static int32_t init(void* ud, oqm_error* err) {
    if (static_cast<ScriptedLogger*>(ud)->fail_init) {
      oqm_error_set(err, "the destination directory is missing");
      return OQM_ERROR;
    }
    return OQM_OK;
  }
  static int32_t logBatch(void* ud, const oqm_log_record* records, uint32_t n, uint8_t* verdicts,
                          oqm_error* err) {
    auto* self = static_cast<ScriptedLogger*>(ud);
    if (self->fail_batch) {
      oqm_error_set(err, "connection refused");
      return OQM_ERROR;
    }
    for (uint32_t i = 0; i < n; ++i) {
      std::string data(records[i].data, records[i].length);
      if (data.rfind("retry", 0) == 0) {
        verdicts[i] = OQM_VERDICT_RETRY;
      } else if (data.rfind("drop", 0) == 0) {
        verdicts[i] = OQM_VERDICT_DROP;
      } else {
        verdicts[i] = OQM_VERDICT_OK;
        self->delivered.push_back(data);
      }
    }
    return OQM_OK;
  }
  static int32_t flush(void* ud, oqm_error*) {
    static_cast<ScriptedLogger*>(ud)->flushes++;
    return OQM_OK;
  }
};

class ForwarderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() /
          ("oqm-fwd-" + std::to_string(getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir);
    store = std::move(Store::open((dir / "db").string()).value());
    auto plugin = std::make_shared<PluginDefinition>();
    plugin->registry = "logger";
    plugin->name = "scripted";
    plugin->owner.id = 3;
    plugin->owner.gate = std::make_shared<LeaseGate>();
    plugin->logger = oqm_logger{sizeof(oqm_logger),
                                "scripted",
                                OQM_LOG_RESULT,
                                2,
                                0,
                                &logger,
                                &ScriptedLogger::init,
                                &ScriptedLogger::logBatch,
                                &ScriptedLogger::flush,
                                nullptr,
                                nullptr};
    ASSERT_TRUE(registry.addPlugin(plugin));
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  Registry registry;
  ScriptedLogger logger;
  std::filesystem::path dir;
  std::unique_ptr<Store> store;
};

TEST_F(ForwarderTest, DeliveredAndDroppedLeaveRetriedStay) {
  LogForwarder forwarder(registry, *store);
  ASSERT_TRUE(forwarder.activate({"scripted"}));
  for (const char* r : {"one", "retry-me", "drop-me", "two", "three"}) {
    ASSERT_TRUE(store->bufferRecord("scripted", OQM_LOG_RESULT, 0, r));
  }
  forwarder.forwardOnce(100);
  EXPECT_EQ(logger.delivered, (std::vector<std::string>{"one", "two", "three"}));
  EXPECT_EQ(store->bufferedCount("scripted"), 1u);
  auto counters = forwarder.counters()["scripted"];
  EXPECT_EQ(counters.sent, 3u);
  EXPECT_EQ(counters.dropped, 1u);
  EXPECT_EQ(counters.retried, 1u);
  // The retried record waits for its backoff, then is offered again.
  EXPECT_EQ(forwarder.forwardOnce(100), 0u);
  EXPECT_EQ(store->pendingRecords("scripted", 10, 1 << 20, 103).size(), 1u);
}

TEST_F(ForwarderTest, AFailedBatchKeepsEveryRecord) {
  LogForwarder forwarder(registry, *store);
  ASSERT_TRUE(forwarder.activate({"scripted"}));
  ASSERT_TRUE(store->bufferRecord("scripted", OQM_LOG_RESULT, 0, "a"));
  logger.fail_batch = true;
  forwarder.forwardOnce(100);
  EXPECT_EQ(store->bufferedCount("scripted"), 1u);
  logger.fail_batch = false;
  forwarder.forwardOnce(1000);
  EXPECT_EQ(store->bufferedCount("scripted"), 0u);
  EXPECT_EQ(logger.delivered, std::vector<std::string>{"a"});
}

TEST_F(ForwarderTest, AFailedBatchBacksTheLoggerOffAndReportsTheStall) {
  LogForwarder forwarder(registry, *store);
  ASSERT_TRUE(forwarder.activate({"scripted"}));
  for (const char* r : {"a", "b", "c", "d", "e"}) {
    ASSERT_TRUE(store->bufferRecord("scripted", OQM_LOG_RESULT, 0, r));
  }
  logger.fail_batch = true;
  forwarder.forwardOnce(100);
  // One attempt for the whole outage step, not one per buffered batch.
  auto status = forwarder.status();
  ASSERT_EQ(status.size(), 1u);
  EXPECT_EQ(status[0].stalled_since, 100);
  EXPECT_EQ(status[0].last_error, "connection refused");
  EXPECT_EQ(status[0].counters.retried, 2u);
  EXPECT_EQ(status[0].buffered, 5u);
  forwarder.forwardOnce(100);  // still backing off: nothing offered
  EXPECT_EQ(forwarder.status()[0].counters.retried, 2u);
  logger.fail_batch = false;
  forwarder.forwardOnce(200);
  // Recovered: everything delivered, in order.
  EXPECT_EQ(logger.delivered, (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  status = forwarder.status();
  EXPECT_EQ(status[0].stalled_since, 0);
  EXPECT_EQ(status[0].counters.sent, 5u);
  EXPECT_EQ(status[0].buffered, 0u);
}

TEST_F(ForwarderTest, PeriodHoldsDeliveriesBack) {
  Flags flags;
  ASSERT_TRUE(flags.set("aws_kinesis_period", "10"));
  registry.removePluginsOf(3);
  auto plugin = std::make_shared<PluginDefinition>();
  plugin->registry = "logger";
  plugin->name = "scripted";
  plugin->logger = oqm_logger{sizeof(oqm_logger),
                              "scripted",
                              OQM_LOG_RESULT,
                              2,
                              0,
                              &logger,
                              nullptr,
                              &ScriptedLogger::logBatch,
                              nullptr,
                              nullptr,
                              "aws_kinesis_period"};
  ASSERT_TRUE(registry.addPlugin(plugin));
  LogForwarder forwarder(registry, *store, &flags);
  ASSERT_TRUE(forwarder.activate({"scripted"}));
  ASSERT_TRUE(store->bufferRecord("scripted", OQM_LOG_RESULT, 0, "a"));
  forwarder.forwardOnce(100);
  ASSERT_TRUE(store->bufferRecord("scripted", OQM_LOG_RESULT, 0, "b"));
  forwarder.forwardOnce(105);
  EXPECT_EQ(logger.delivered, std::vector<std::string>{"a"});
  forwarder.forwardOnce(110);
  EXPECT_EQ(logger.delivered, (std::vector<std::string>{"a", "b"}));
}

TEST_F(ForwarderTest, BufferedLogMaxPurgesTheOldest) {
  Flags flags;
  ASSERT_TRUE(flags.set("buffered_log_max", "3"));
  LogForwarder forwarder(registry, *store, &flags);
  ASSERT_TRUE(forwarder.activate({"scripted"}));
  for (const char* r : {"1", "2", "3", "4", "5"}) {
    ASSERT_TRUE(store->bufferRecord("scripted", OQM_LOG_RESULT, 0, r));
  }
  logger.fail_batch = true;
  forwarder.forwardOnce(100);
  EXPECT_EQ(store->bufferedCount("scripted"), 3u);
  EXPECT_EQ(forwarder.status()[0].counters.purged, 2u);
  logger.fail_batch = false;
  forwarder.forwardOnce(200);
  EXPECT_EQ(logger.delivered, (std::vector<std::string>{"3", "4", "5"}));
}

TEST_F(ForwarderTest, ActivationErrorsNameTheLogger) {
  LogForwarder forwarder(registry, *store);
  auto missing = forwarder.activate({"kinesis"});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.message().find("Cannot activate kinesis logger plugin"), std::string::npos);
  logger.fail_init = true;
  auto failed = forwarder.activate({"scripted"});
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.message(),
            "Cannot activate scripted logger plugin: the destination directory is missing");
}

TEST_F(ForwarderTest, LoggersAreChosenByKindAndFlushedAtShutdown) {
  LogForwarder forwarder(registry, *store);
  ASSERT_TRUE(forwarder.activate({"scripted"}));
  EXPECT_EQ(forwarder.loggersFor(OQM_LOG_RESULT), std::vector<std::string>{"scripted"});
  EXPECT_TRUE(forwarder.loggersFor(OQM_LOG_SNAPSHOT).empty());
  forwarder.shutdown();
  EXPECT_EQ(logger.flushes, 1);
}

}  // namespace
}  // namespace oqk
