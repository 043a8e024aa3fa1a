// The `stdout` logger plugin, with fd 1 redirected to a file, and the status line format it
// shares with syslog.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <osquery_module_testing.hpp>

#include "status_line.h"
#include <oqm_test/temp_dir.h>

extern "C" const oqm_manifest* oqm_module_v1(void);

namespace {

using oqm::Verdict;
using oqm::testing::FakeHost;
using oqm_test::readFile;
using oqm_test::TempDir;

// Points fd 1 at a file for the scope's lifetime.
class StdoutToFile {
 public:
  explicit StdoutToFile(const std::string& path) {
    std::fflush(stdout);
    saved_ = ::dup(STDOUT_FILENO);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, STDOUT_FILENO);
    ::close(fd);
  }
  ~StdoutToFile() {
    std::fflush(stdout);
    ::dup2(saved_, STDOUT_FILENO);
    ::close(saved_);
  }

 private:
  int saved_;
};

TEST(StdoutLogger, WritesJsonLinesAndStatusLines) {
  TempDir dir;
  FakeHost host(oqm_module_v1());
  host.initLogger("stdout");
  std::vector<Verdict> verdicts;
  {
    StdoutToFile redirect(dir / "out");
    verdicts = host.logBatch(
        "stdout",
        {{OQM_LOG_RESULT, R"({"name":"q","action":"added"})"},
         {OQM_LOG_SNAPSHOT, R"({"name":"s","snapshot":[]})"},
         {OQM_LOG_STATUS, R"({"hostIdentifier":"h","calendarTime":"Mon Jan  1 00:00:00 2024 UTC",)"
                          R"("unixTime":1704067200,"severity":1,"filename":"scheduler.cpp",)"
                          R"("line":42,"message":"query failed","version":"5.23.0"})"}});
    host.flushLogger("stdout");
  }
  EXPECT_EQ(verdicts, std::vector<Verdict>(3, Verdict::Ok));
  EXPECT_EQ(readFile(dir / "out"),
            "{\"name\":\"q\",\"action\":\"added\"}\n"
            "{\"name\":\"s\",\"snapshot\":[]}\n"
            "severity=1 location=scheduler.cpp:42 message=query failed\n");
}

TEST(StdoutLogger, ClosedStdoutIsRetriedAndReportedOnce) {
  FakeHost host(oqm_module_v1());
  host.initLogger("stdout");
  std::fflush(stdout);
  int saved = ::dup(STDOUT_FILENO);
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  ::close(pipe_fds[0]);  // a reader that went away: EPIPE
  ::dup2(pipe_fds[1], STDOUT_FILENO);
  ::close(pipe_fds[1]);
  auto old_handler = std::signal(SIGPIPE, SIG_IGN);
  auto first = host.logBatch("stdout", {{OQM_LOG_RESULT, "{}"}});
  auto second = host.logBatch("stdout", {{OQM_LOG_RESULT, "{}"}});
  std::signal(SIGPIPE, old_handler);
  ::dup2(saved, STDOUT_FILENO);
  ::close(saved);
  EXPECT_EQ(first, (std::vector<Verdict>{Verdict::Retry}));
  EXPECT_EQ(second, (std::vector<Verdict>{Verdict::Retry}));
  ASSERT_EQ(host.logs.size(), 1u);
  EXPECT_EQ(host.logs[0].message, "stdout logger: cannot write to stdout: Broken pipe");
}

TEST(StatusLine, FormatsOsquerysStatusText) {
  auto status = oqm_loggers::parseStatusLine(
      R"({"severity":2,"filename":"init.cpp","line":7,"message":"a \"quoted\" word"})");
  EXPECT_EQ(status.severity, 2);
  EXPECT_EQ(oqm_loggers::formatStatusLine(status),
            "severity=2 location=init.cpp:7 message=a \"quoted\" word");
}

TEST(StatusLine, MissingFieldsAndNonJsonDegradeToTheMessage) {
  EXPECT_EQ(oqm_loggers::formatStatusLine(oqm_loggers::parseStatusLine(R"({"message":"m"})")),
            "severity=0 location=:0 message=m");
  EXPECT_EQ(oqm_loggers::formatStatusLine(oqm_loggers::parseStatusLine("plain text")),
            "severity=0 location=:0 message=plain text");
}

}  // namespace
