// Rotation of the filesystem logger's files (osquery's LogRotate): X.log -> X.log.1 ->
// X.log.2.zst -> ..., compressed with zstd, at most --logger_rotate_max_files kept.
#include "log_rotate.h"

#include <gtest/gtest.h>

#include <osquery_module_testing.hpp>

#include <oqm_test/temp_dir.h>
#include "zstd_test_util.h"

extern "C" const oqm_manifest* oqm_module_v1(void);

namespace {

using oqm::Verdict;
using oqm::testing::FakeHost;
using oqm::testing::FakeLogRecord;
using oqm_loggers::LogRotate;
using oqm_test::decompressFile;
using oqm_test::readFile;
using oqm_test::TempDir;

bool exists(const std::string& path) {
  return std::filesystem::exists(path);
}

TEST(LogRotate, NamesKeepOneUncompressedFile) {
  LogRotate rotate("/var/log/osquery/osqueryd.results.log", 0640);
  EXPECT_EQ(rotate.rotatedName(1), "/var/log/osquery/osqueryd.results.log.1");
  EXPECT_EQ(rotate.rotatedName(2), "/var/log/osquery/osqueryd.results.log.2.zst");
  EXPECT_EQ(rotate.rotatedName(10), "/var/log/osquery/osqueryd.results.log.10.zst");
}

TEST(LogRotate, ShiftsCompressesAndDeletesPastTheMaximum) {
  TempDir dir;
  const std::string log = dir / "x.log";
  LogRotate rotate(log, 0640);

  dir.write("x.log", "first\n");
  rotate.rotate(3);
  EXPECT_FALSE(exists(log));
  EXPECT_EQ(readFile(log + ".1"), "first\n");

  dir.write("x.log", "second\n");
  rotate.rotate(3);
  EXPECT_EQ(readFile(log + ".1"), "second\n");
  EXPECT_EQ(decompressFile(log + ".2.zst"), "first\n");

  dir.write("x.log", "third\n");
  rotate.rotate(3);
  dir.write("x.log", "fourth\n");
  rotate.rotate(3);
  EXPECT_EQ(readFile(log + ".1"), "fourth\n");
  EXPECT_EQ(decompressFile(log + ".2.zst"), "third\n");
  EXPECT_EQ(decompressFile(log + ".3.zst"), "second\n");
  EXPECT_FALSE(exists(log + ".4.zst"));  // "first" was the oldest past 3 files

  // A smaller maximum drops the surplus at the next rotation.
  dir.write("x.log", "fifth\n");
  rotate.rotate(2);
  EXPECT_EQ(readFile(log + ".1"), "fifth\n");
  EXPECT_EQ(decompressFile(log + ".2.zst"), "fourth\n");
  EXPECT_FALSE(exists(log + ".3.zst"));
}

TEST(LogRotate, MissingFileIsAnError) {
  TempDir dir;
  EXPECT_THROW(LogRotate(dir / "none.log", 0640).rotate(3), oqm::Error);
}

TEST(LogRotate, LargeFilesSurviveCompression) {
  TempDir dir;
  std::string big;
  for (int i = 0; i < 200000; ++i) big += "{\"row\":" + std::to_string(i) + "}\n";
  dir.write("big.log", big);
  dir.write("big.log.1", big + "older");
  LogRotate(dir / "big.log", 0640).rotate(5);
  EXPECT_EQ(readFile(dir / "big.log.1"), big);
  EXPECT_EQ(decompressFile(dir / "big.log.2.zst"), big + "older");
  EXPECT_LT(std::filesystem::file_size(dir / "big.log.2.zst"), big.size() / 4);
}

TEST(FilesystemLogger, RotatesBySizeBeforeEachWrite) {
  TempDir dir;
  FakeHost host(oqm_module_v1(), {{"logger_path", dir.path()},
                                  {"logger_rotate", "true"},
                                  {"logger_rotate_size", "100"},
                                  {"logger_rotate_max_files", "3"}});
  host.initLogger("filesystem");
  // 20 lines of 30 bytes: a file reaches 100 bytes after 4 lines and rotates before the 5th.
  std::vector<FakeLogRecord> batch;
  std::vector<std::string> lines;
  for (int i = 0; i < 20; ++i) {
    char line[40];
    std::snprintf(line, sizeof(line), "{\"name\":\"q\",\"counter\":%06d}", i);
    lines.emplace_back(line);
    batch.push_back({OQM_LOG_RESULT, line});
  }
  auto verdicts = host.logBatch("filesystem", batch);
  EXPECT_EQ(verdicts, std::vector<Verdict>(20, Verdict::Ok));

  auto joined = [&](int from, int to) {
    std::string s;
    for (int i = from; i < to; ++i) s += lines[i] + "\n";
    return s;
  };
  const std::string log = dir / "osqueryd.results.log";
  EXPECT_EQ(readFile(log), joined(16, 20));
  EXPECT_EQ(readFile(log + ".1"), joined(12, 16));
  EXPECT_EQ(decompressFile(log + ".2.zst"), joined(8, 12));
  EXPECT_EQ(decompressFile(log + ".3.zst"), joined(4, 8));
  EXPECT_FALSE(exists(log + ".4.zst"));
  // Snapshots rotate separately; none were written.
  EXPECT_FALSE(exists(dir / "osqueryd.snapshots.log.1"));
}

TEST(FilesystemLogger, NoRotationUnlessEnabled) {
  TempDir dir;
  FakeHost host(oqm_module_v1(), {{"logger_path", dir.path()}, {"logger_rotate_size", "10"}});
  host.initLogger("filesystem");
  host.logBatch("filesystem", {{OQM_LOG_RESULT, "0123456789abcdef"}});
  host.logBatch("filesystem", {{OQM_LOG_RESULT, "0123456789abcdef"}});
  EXPECT_FALSE(exists(dir / "osqueryd.results.log.1"));
  EXPECT_EQ(std::filesystem::file_size(dir / "osqueryd.results.log"), 34u);
}

}  // namespace
