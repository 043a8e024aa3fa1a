// The `filesystem` logger plugin through the fake host: files, contents, modes, activation
// errors and what a failed write leaves behind.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <osquery_module_testing.hpp>

#include "logger_mode.h"
#include <oqm_test/temp_dir.h>

extern "C" const oqm_manifest* oqm_module_v1(void);

namespace {

using oqm::Verdict;
using oqm::testing::FakeHost;
using oqm::testing::FakeLogRecord;
using oqm_test::readFile;
using oqm_test::TempDir;

mode_t modeOf(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0;
  return st.st_mode & 07777;
}

std::string initError(FakeHost& host) {
  try {
    host.initLogger("filesystem");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(LoggersModule, RegistersThreeLoggersWithTheirKinds) {
  FakeHost host(oqm_module_v1());
  ASSERT_EQ(host.loggers().size(), 3u);
  EXPECT_EQ(host.logger("filesystem").descriptor.kinds, OQM_LOG_RESULT | OQM_LOG_SNAPSHOT);
  EXPECT_EQ(host.logger("stdout").descriptor.kinds,
            OQM_LOG_RESULT | OQM_LOG_SNAPSHOT | OQM_LOG_STATUS);
  EXPECT_EQ(host.logger("syslog").descriptor.kinds,
            OQM_LOG_RESULT | OQM_LOG_SNAPSHOT | OQM_LOG_STATUS);
  // All three are kernel flags already; the module declares none of its own.
  EXPECT_EQ(host.manifest().n_options, 0u);
}

TEST(FilesystemLogger, InitCreatesTheEmptyResultsFileWithTheDefaultMode) {
  TempDir dir;
  FakeHost host(oqm_module_v1(), {{"logger_path", dir.path()}});
  host.initLogger("filesystem");
  EXPECT_TRUE(std::filesystem::exists(dir / "osqueryd.results.log"));
  EXPECT_EQ(std::filesystem::file_size(dir / "osqueryd.results.log"), 0u);
  EXPECT_EQ(modeOf(dir / "osqueryd.results.log"), 0640u);
  EXPECT_FALSE(std::filesystem::exists(dir / "osqueryd.snapshots.log"));
}

TEST(FilesystemLogger, MissingDirectoryFailsActivation) {
  TempDir dir;
  FakeHost host(oqm_module_v1(), {{"logger_path", dir / "missing"}});
  // The kernel puts "Cannot activate filesystem logger plugin: " before this.
  EXPECT_EQ(initError(host), "Could not create file: " + (dir / "missing/osqueryd.results.log"));
  EXPECT_FALSE(std::filesystem::exists(dir / "missing"));
}

TEST(FilesystemLogger, BadModeFailsActivationWithOsquerysSentence) {
  TempDir dir;
  FakeHost host(oqm_module_v1(), {{"logger_path", dir.path()}});
  const std::string invalid = "The logger_mode flag does not contain a valid UNIX permission";
  for (const auto& [mode, error] : std::vector<std::pair<std::string, std::string>>{
           {"0999", "Failed to convert logger_mode string to octal"},
           {"rw-r", "Failed to convert logger_mode string to octal"},
           {"0", invalid},
           {"00000", invalid},
           {"000640", invalid},
           {"10000", invalid}}) {
    host.setOption("logger_mode", mode);
    EXPECT_EQ(initError(host), error) << mode;
  }
  host.setOption("logger_mode", "7777");
  EXPECT_EQ(initError(host), "");
}

TEST(LoggerMode, ParsesOctal) {
  EXPECT_EQ(oqm_loggers::parseLoggerMode("0640"), 0640u);
  EXPECT_EQ(oqm_loggers::parseLoggerMode("600"), 0600u);
  EXPECT_EQ(oqm_loggers::parseLoggerMode("04755"), 04755u);
}

TEST(FilesystemLogger, ResultsAndSnapshotsGoToTheirFilesOneLineEach) {
  TempDir dir;
  FakeHost host(oqm_module_v1(), {{"logger_path", dir.path()}, {"logger_mode", "0600"}});
  host.initLogger("filesystem");
  auto verdicts = host.logBatch("filesystem", {{OQM_LOG_RESULT, R"({"name":"a"})"},
                                               {OQM_LOG_SNAPSHOT, R"({"snapshot":[]})"},
                                               {OQM_LOG_RESULT, R"({"name":"b"})"}});
  EXPECT_EQ(verdicts, (std::vector<Verdict>{Verdict::Ok, Verdict::Ok, Verdict::Ok}));
  verdicts = host.logBatch("filesystem", {{OQM_LOG_RESULT, R"({"name":"c"})"}});
  EXPECT_EQ(verdicts, (std::vector<Verdict>{Verdict::Ok}));
  EXPECT_EQ(readFile(dir / "osqueryd.results.log"),
            "{\"name\":\"a\"}\n{\"name\":\"b\"}\n{\"name\":\"c\"}\n");
  EXPECT_EQ(readFile(dir / "osqueryd.snapshots.log"), "{\"snapshot\":[]}\n");
  EXPECT_EQ(modeOf(dir / "osqueryd.results.log"), 0600u);
  EXPECT_EQ(modeOf(dir / "osqueryd.snapshots.log"), 0600u);
}

TEST(FilesystemLogger, AppendsToAnExistingFileAndRestrictsItsMode) {
  TempDir dir;
  std::string results = dir.write("osqueryd.results.log", "old\n");
  ::chmod(results.c_str(), 0666);
  FakeHost host(oqm_module_v1(), {{"logger_path", dir.path() + "/"}});
  host.initLogger("filesystem");
  EXPECT_EQ(modeOf(results), 0640u);
  ::chmod(results.c_str(), 0644);
  host.logBatch("filesystem", {{OQM_LOG_RESULT, "new"}});
  EXPECT_EQ(readFile(results), "old\nnew\n");
  // chmod'ed on every write, as osquery does.
  EXPECT_EQ(modeOf(results), 0640u);
}

TEST(FilesystemLogger, StatusRecordsAreAcceptedButNotWritten) {
  TempDir dir;
  FakeHost host(oqm_module_v1(), {{"logger_path", dir.path()}});
  host.initLogger("filesystem");
  auto verdicts = host.logBatch("filesystem", {{OQM_LOG_STATUS, R"({"severity":0})"}});
  EXPECT_EQ(verdicts, (std::vector<Verdict>{Verdict::Ok}));
  EXPECT_EQ(readFile(dir / "osqueryd.results.log"), "");
  EXPECT_FALSE(std::filesystem::exists(dir / "osqueryd.snapshots.log"));
}

TEST(FilesystemLogger, BatchBeforeInitIsRetried) {
  FakeHost host(oqm_module_v1());
  EXPECT_THROW(host.logBatch("filesystem", {{OQM_LOG_RESULT, "{}"}}), std::runtime_error);
}

// A file size limit (RLIMIT_FSIZE) makes write(2) fail part-way, like a full disk.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    ::getrlimit(RLIMIT_FSIZE, &old_);
    rlimit limit = old_;
    limit.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &old_);
    std::signal(SIGXFSZ, old_handler_);
  }

 private:
  rlimit old_{};
  void (*old_handler_)(int);
};

TEST(FilesystemLogger, FailedWriteKeepsWholeLinesAndRetriesTheRest) {
  TempDir dir;
  FakeHost host(oqm_module_v1(), {{"logger_path", dir.path()}});
  host.initLogger("filesystem");
  const std::string line(39, 'x');  // 40 bytes with its newline
  std::vector<FakeLogRecord> batch{
      {OQM_LOG_RESULT, line + "1"}, {OQM_LOG_RESULT, line + "2"}, {OQM_LOG_RESULT, line + "3"}};
  std::vector<Verdict> verdicts;
  {
    FileSizeLimit limit(100);  // room for two lines and half of the third
    verdicts = host.logBatch("filesystem", batch);
    // The same failure again is not reported twice.
    host.logBatch("filesystem", {batch[2]});
  }
  EXPECT_EQ(verdicts, (std::vector<Verdict>{Verdict::Ok, Verdict::Ok, Verdict::Retry}));
  EXPECT_EQ(readFile(dir / "osqueryd.results.log"), line + "1\n" + line + "2\n");
  ASSERT_EQ(host.logs.size(), 1u);
  EXPECT_EQ(host.logs[0].severity, OQM_SEVERITY_WARNING);
  EXPECT_NE(host.logs[0].message.find("filesystem logger: Failed to write contents to file: " +
                                      (dir / "osqueryd.results.log")),
            std::string::npos)
      << host.logs[0].message;

  // The kernel retries the third record once the disk has room.
  EXPECT_EQ(host.logBatch("filesystem", {batch[2]}), (std::vector<Verdict>{Verdict::Ok}));
  EXPECT_EQ(readFile(dir / "osqueryd.results.log"), line + "1\n" + line + "2\n" + line + "3\n");
}

}  // namespace
