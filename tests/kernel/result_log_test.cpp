// Result rows, the differential, and osquery's result-log lines.
#include "kernel/result_log.h"

#include <gtest/gtest.h>

#include "kernel/result_rows.h"

namespace oqk {
namespace {

QueryResult result(std::vector<std::string> names, std::vector<std::vector<Cell>> rows) {
  return QueryResult{std::move(names), std::move(rows)};
}

TEST(ResultRows, ColumnsAreSortedAndARepeatedNameKeepsTheLast) {
  auto rows = typedRows(
      result({"b", "a", "b"}, {{Cell::ofInteger(1), Cell::ofText("x"), Cell::ofInteger(3)}}));
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_EQ(rows[0].size(), 2u);
  EXPECT_EQ(rows[0][0].first, "a");
  EXPECT_EQ(rows[0][1].second.integer, 3);
}

TEST(ResultRows, CanonicalJsonRoundTrips) {
  TypedRow row{{"d", Cell::ofDouble(0.1)},
               {"i", Cell::ofInteger(-5)},
               {"n", Cell::null()},
               {"t", Cell::ofText("a\"b\n")}};
  std::string json = canonicalJson(row);
  EXPECT_EQ(json, R"({"d":0.1,"i":-5,"n":null,"t":"a\"b\n"})");
  auto back = parseCanonicalJson(json);
  ASSERT_TRUE(back.isOk());
  EXPECT_EQ(canonicalJson(back.value()), json);
}

TEST(ResultRows, DiffIsAMultisetDifference) {
  auto make = [](int64_t v) { return TypedRow{{"v", Cell::ofInteger(v)}}; };
  std::vector<std::string> stored = {canonicalJson(make(1)), canonicalJson(make(2)),
                                     canonicalJson(make(2))};
  auto diff = diffRows(stored, {make(2), make(3)});
  ASSERT_TRUE(diff.isOk());
  ASSERT_EQ(diff->removed.size(), 2u);  // 1, and one of the two 2s
  EXPECT_EQ(diff->removed[0][0].second.integer, 1);
  EXPECT_EQ(diff->removed[1][0].second.integer, 2);
  ASSERT_EQ(diff->added.size(), 1u);
  EXPECT_EQ(diff->added[0][0].second.integer, 3);
  EXPECT_EQ(diff->current_json.size(), 2u);
  auto same = diffRows(diff->current_json, {make(2), make(3)});
  EXPECT_TRUE(same->empty());
}

TEST(ResultRows, TypesMatter) {
  std::vector<std::string> stored = {canonicalJson(TypedRow{{"v", Cell::ofText("1")}})};
  auto diff = diffRows(stored, {TypedRow{{"v", Cell::ofInteger(1)}}});
  EXPECT_EQ(diff->added.size(), 1u);
  EXPECT_EQ(diff->removed.size(), 1u);
}

TEST(ResultLog, CalendarTimeIsAsctimeInUtc) {
  EXPECT_EQ(calendarTime(1412098650), "Tue Sep 30 17:37:30 2014 UTC");
  EXPECT_EQ(calendarTime(1399000000), "Fri May  2 03:06:40 2014 UTC");
}

TEST(ResultLog, NonPrintableBytesAreEscaped) {
  EXPECT_EQ(escapeNonPrintable("a\nb"), "a\\x0Ab");
  EXPECT_EQ(escapeNonPrintable("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(escapeNonPrintable("bad\xFF"), "bad\\xFF");
  EXPECT_EQ(escapeNonPrintable("del\x7F"), "del\x7F");
}

TEST(ResultLog, EventFormatMatchesOsquery) {
  LogItemContext c;
  c.name = "test_query";
  c.host_identifier = "unknown_test_host";
  c.unix_time = 0;
  TypedRow row{{"test_column", Cell::ofText("test_value")}};
  auto lines = differentialEventLines(c, {}, {row});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], R"({"name":"test_query","hostIdentifier":"unknown_test_host",)"
                      R"("calendarTime":"Thu Jan  1 00:00:00 1970 UTC","unixTime":0,"epoch":0,)"
                      R"("counter":0,"numerics":false,"columns":{"test_column":"test_value"},)"
                      R"("action":"added"})");
}

TEST(ResultLog, RemovedComeFirstAndValuesAreStringsByDefault) {
  LogItemContext c;
  c.name = "q";
  c.host_identifier = "h";
  c.unix_time = 10;
  c.counter = 3;
  c.decorations = {{"host_uuid", "U"}};
  TypedRow added{{"i", Cell::ofInteger(7)}, {"n", Cell::null()}, {"r", Cell::ofDouble(2)}};
  TypedRow removed{{"i", Cell::ofInteger(6)}, {"n", Cell::null()}, {"r", Cell::ofDouble(1.5)}};
  auto lines = differentialEventLines(c, {removed}, {added});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(
      lines[0].find(
          R"("decorations":{"host_uuid":"U"},"columns":{"i":"6","n":"","r":"1.5"},"action":"removed")"),
      std::string::npos)
      << lines[0];
  EXPECT_NE(lines[1].find(R"("columns":{"i":"7","n":"","r":"2.0"},"action":"added")"),
            std::string::npos)
      << lines[1];
  c.numerics = true;
  auto numeric = differentialEventLines(c, {}, {added});
  EXPECT_NE(numeric[0].find(R"("columns":{"i":7,"n":"","r":2.0})"), std::string::npos)
      << numeric[0];
}

TEST(ResultLog, BatchedAndSnapshotShapes) {
  LogItemContext c;
  c.name = "q";
  c.host_identifier = "h";
  TypedRow row{{"a", Cell::ofText("x")}};
  EXPECT_EQ(differentialBatchLine(c, {}, {row}),
            R"({"diffResults":{"removed":[],"added":[{"a":"x"}]},"name":"q","hostIdentifier":"h",)"
            R"("calendarTime":"Thu Jan  1 00:00:00 1970 UTC","unixTime":0,"epoch":0,"counter":0,)"
            R"("numerics":false})");
  EXPECT_EQ(snapshotLine(c, {}),
            R"({"snapshot":[],"action":"snapshot","name":"q","hostIdentifier":"h",)"
            R"("calendarTime":"Thu Jan  1 00:00:00 1970 UTC","unixTime":0,"epoch":0,"counter":0,)"
            R"("numerics":false})");
  auto events = snapshotEventLines(c, {row, row});
  ASSERT_EQ(events.size(), 2u);
  EXPECT_NE(events[0].find(R"("action":"snapshot")"), std::string::npos);
}

}  // namespace
}  // namespace oqk
