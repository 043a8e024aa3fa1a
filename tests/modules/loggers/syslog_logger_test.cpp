// The `syslog` logger plugin with the libc calls captured (no syslog daemon needed).
#include "syslog_logger.h"

#include <gtest/gtest.h>
#include <syslog.h>

#include <cerrno>
#include <osquery_module_testing.hpp>

extern "C" const oqm_manifest* oqm_module_v1(void);

namespace {

using oqm::Verdict;
using oqm::testing::FakeHost;
using oqm_loggers::syslogApi;
using oqm_loggers::syslogMessageFor;

struct Captured {
  std::string ident;
  int option = -1;
  int facility = -1;
  int closes = 0;
  std::vector<std::pair<int, std::string>> messages;
};
Captured captured;

class SyslogCapture : public ::testing::Test {
 protected:
  void SetUp() override {
    captured = Captured{};
    saved_ = syslogApi();
    syslogApi().open = [](const char* ident, int option, int facility) {
      captured.ident = ident;
      captured.option = option;
      captured.facility = facility;
    };
    syslogApi().write = [](int priority, const char* text) {
      captured.messages.emplace_back(priority, text);
    };
    syslogApi().close = [] { ++captured.closes; };
  }
  void TearDown() override { syslogApi() = saved_; }

 private:
  oqm_loggers::SyslogApi saved_{};
};

TEST_F(SyslogCapture, OpensWithTheProgramNameAndFacility) {
  {
    FakeHost host(oqm_module_v1(), {{"logger_syslog_facility", "5"}});
    host.initLogger("syslog");
    EXPECT_EQ(captured.ident, program_invocation_short_name);
    EXPECT_EQ(captured.option, LOG_PID | LOG_CONS);
    EXPECT_EQ(captured.facility, 5 << 3);
    EXPECT_TRUE(host.logs.empty());
  }
  // The host shuts active loggers down when it goes away.
  EXPECT_EQ(captured.closes, 1);
}

TEST_F(SyslogCapture, OutOfRangeFacilityIsLocal3) {
  FakeHost host(oqm_module_v1(), {{"logger_syslog_facility", "24"}});
  host.initLogger("syslog");
  EXPECT_EQ(captured.facility, LOG_LOCAL3);
  ASSERT_EQ(host.logs.size(), 1u);
  EXPECT_EQ(host.logs[0].severity, OQM_SEVERITY_WARNING);
  host.shutdownLogger("syslog");
  EXPECT_EQ(captured.closes, 1);
}

TEST_F(SyslogCapture, WritesResultsAndStatusesAtTheirPriorities) {
  FakeHost host(oqm_module_v1(), {{"logger_syslog_prepend_cee", "true"}});
  host.initLogger("syslog");
  EXPECT_EQ(captured.facility, LOG_LOCAL3);  // the default, 19
  auto verdicts = host.logBatch(
      "syslog", {{OQM_LOG_RESULT, R"({"name":"q"})"},
                 {OQM_LOG_SNAPSHOT, R"({"name":"s"})"},
                 {OQM_LOG_STATUS, R"({"severity":3,"filename":"f.cpp","line":1,"message":"x"})"}});
  EXPECT_EQ(verdicts, std::vector<Verdict>(3, Verdict::Ok));
  EXPECT_EQ(captured.messages, (std::vector<std::pair<int, std::string>>{
                                   {LOG_INFO, R"(@cee:{"name":"q"})"},
                                   {LOG_INFO, R"(@cee:{"name":"s"})"},
                                   {LOG_CRIT, "severity=3 location=f.cpp:1 message=x"}}));
}

TEST(SyslogMessage, StatusSeverityMapsToPriority) {
  auto status = [](int severity) {
    std::string json = R"({"severity":)" + std::to_string(severity) +
                       R"(,"filename":"a.cpp","line":9,"message":"m"})";
    return syslogMessageFor({OQM_LOG_STATUS, 1, 0, json}, false);
  };
  EXPECT_EQ(status(0).priority, LOG_NOTICE);
  EXPECT_EQ(status(1).priority, LOG_WARNING);
  EXPECT_EQ(status(2).priority, LOG_ERR);
  EXPECT_EQ(status(3).priority, LOG_CRIT);
  EXPECT_EQ(status(0).text, "severity=0 location=a.cpp:9 message=m");
  // Statuses never get the @cee: prefix; results only when asked.
  EXPECT_EQ(syslogMessageFor({OQM_LOG_STATUS, 1, 0, R"({"message":"m"})"}, true).text,
            "severity=0 location=:0 message=m");
  EXPECT_EQ(syslogMessageFor({OQM_LOG_RESULT, 1, 0, "{}"}, false).text, "{}");
}

TEST(SyslogMessage, FacilityRange) {
  EXPECT_EQ(oqm_loggers::syslogFacility(0), 0);
  EXPECT_EQ(oqm_loggers::syslogFacility(23), 23);
  EXPECT_EQ(oqm_loggers::syslogFacility(-1), 19);
  EXPECT_EQ(oqm_loggers::syslogFacility(24), 19);
}

}  // namespace
