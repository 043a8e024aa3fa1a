// Records as osquery's AWS loggers send them: property_tree semantics, log_type last.
#include "log_record_format.h"

#include <gtest/gtest.h>

#include "http_client.h"

namespace {

using oqm_aws::formatRecord;

TEST(LogRecordFormat, ScalarsBecomeStringsAndLogTypeComesLast) {
  auto r = formatRecord(
      R"({"name":"t","hostIdentifier":"h1","unixTime":1700000000,"epoch":0,"numerics":false,)"
      R"("columns":{"pid":"1","ratio":0.5},"action":"added"})",
      "result");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->data, R"({"name":"t","hostIdentifier":"h1","unixTime":"1700000000","epoch":"0",)"
                     R"("numerics":"false","columns":{"pid":"1","ratio":"0.5"},"action":"added",)"
                     R"("log_type":"result"})");
  EXPECT_EQ(r->host_identifier, "h1");
}

TEST(LogRecordFormat, StatusSeverityIsAString) {
  auto r = formatRecord(R"({"severity":0})", "status");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->data, R"({"severity":"0","log_type":"status"})");  // osquery's own test
}

TEST(LogRecordFormat, EscapesAsBoostDoes) {
  auto r = formatRecord(R"({"path":"/etc/x","q":"a\"b\\c","nl":"1\n2","ctl":"\u0001","u":"é"})",
                        "result");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->data,
            "{\"path\":\"\\/etc\\/x\",\"q\":\"a\\\"b\\\\c\",\"nl\":\"1\\n2\",\"ctl\":\"\\u0001\","
            "\"u\":\"é\",\"log_type\":\"result\"}");
}

TEST(LogRecordFormat, EmptyContainersBecomeEmptyStringsArraysStay) {
  auto r = formatRecord(R"({"decorations":{},"diffResults":{"removed":[],"added":[{"a":1}]}})",
                        "result");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->data, R"({"decorations":"","diffResults":{"removed":"","added":[{"a":"1"}]},)"
                     R"("log_type":"result"})");
  auto empty = formatRecord("{}", "result");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->data, R"({"log_type":"result"})");
}

TEST(LogRecordFormat, NonJsonIsRefused) {
  EXPECT_FALSE(formatRecord("not json", "result"));
  EXPECT_FALSE(formatRecord("[1,2]", "result"));
  EXPECT_FALSE(formatRecord("", "status"));
}

TEST(Endpoint, OverrideForms) {
  auto def = oqm_aws::resolveEndpoint("", "kinesis.us-east-1.amazonaws.com");
  EXPECT_EQ(def.url, "https://kinesis.us-east-1.amazonaws.com/");
  EXPECT_EQ(def.host, "kinesis.us-east-1.amazonaws.com");
  auto local = oqm_aws::resolveEndpoint("http://127.0.0.1:4567", "ignored");
  EXPECT_EQ(local.url, "http://127.0.0.1:4567/");
  EXPECT_EQ(local.host, "127.0.0.1:4567");
  auto bare = oqm_aws::resolveEndpoint("vpce-1.kinesis.eu-west-1.vpce.amazonaws.com", "x");
  EXPECT_EQ(bare.url, "https://vpce-1.kinesis.eu-west-1.vpce.amazonaws.com/");
}

}  // namespace
