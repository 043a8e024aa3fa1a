// Status lines reach the loggers that want them as osquery's buffered status JSON.
#include "kernel/status_relay.h"

#include <gtest/gtest.h>

namespace oqk {
namespace {

TEST(StatusRelay, CollectsGlogLinesUntilDrained) {
  StatusRelay relay;
  LOG(WARNING) << "disk almost full";
  auto entries = relay.drain();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].severity, 1);
  EXPECT_EQ(entries[0].filename, "status_relay_test.cpp");
  EXPECT_GT(entries[0].line, 0);
  EXPECT_EQ(entries[0].message, "disk almost full");
  EXPECT_TRUE(relay.drain().empty());
}

TEST(StatusRelay, AFloodKeepsTheNewestLines) {
  StatusRelay relay;
  for (size_t i = 0; i < StatusRelay::kMaxPending + 5; ++i) LOG(WARNING) << "line " << i;
  auto entries = relay.drain();
  ASSERT_EQ(entries.size(), StatusRelay::kMaxPending);
  EXPECT_EQ(entries.front().message, "line 5");
  EXPECT_EQ(relay.discarded(), 5u);
}

TEST(StatusRelay, RecordJsonHasOsqueryFieldsInOrder) {
  StatusEntry e{2, "scheduler.cpp", 42, 1700000000, "Error \"x\""};
  EXPECT_EQ(statusRecordJson(e, "host-1", "5.12.1", {}),
            "{\"hostIdentifier\":\"host-1\",\"calendarTime\":\"Tue Nov 14 22:13:20 2023 UTC\","
            "\"unixTime\":1700000000,\"severity\":2,\"filename\":\"scheduler.cpp\",\"line\":42,"
            "\"message\":\"Error \\\"x\\\"\",\"version\":\"5.12.1\"}");
  EXPECT_EQ(statusRecordJson(e, "h", "5", {{"hostname", "box"}}).substr(0, 20),
            "{\"hostIdentifier\":\"h");
  EXPECT_NE(statusRecordJson(e, "h", "5", {{"hostname", "box"}})
                .find(",\"version\":\"5\",\"decorations\":{\"hostname\":\"box\"}}"),
            std::string::npos);
}

}  // namespace
}  // namespace oqk
