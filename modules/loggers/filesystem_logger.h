// filesystem_logger.h: osquery's `filesystem` logger plugin (plugins/logger/filesystem_logger.cpp):
// results to <logger_path>/osqueryd.results.log, snapshots to osqueryd.snapshots.log, one JSON
// line each. Status logs are not its business: the kernel's glog writes osqueryd.INFO etc.
#pragma once

#include <memory>
#include <mutex>
#include <osquery_module.hpp>
#include <span>
#include <string>

#include "delivery_journal.h"
#include "failure_reporter.h"
#include "result_file.h"

namespace oqm_loggers {

class FilesystemLogger {
 public:
  static constexpr const char* kName = "filesystem";
  static constexpr uint32_t kKinds = oqm::kLogResult | oqm::kLogSnapshot;

  static constexpr const char* kResultsFile = "osqueryd.results.log";
  static constexpr const char* kSnapshotsFile = "osqueryd.snapshots.log";

  // Reads --logger_path, --logger_mode and the rotation flags, and creates the empty results
  // file. Throws (activation fails) on a bad mode or a missing/unwritable directory.
  void init();

  // Ok for each line written; Retry for the rest of a file's lines after a failed write (disk
  // full, I/O error), which is reported as a warning once per distinct error.
  void logBatch(std::span<const oqm::LogRecord> records, std::span<oqm::Verdict> verdicts);

 private:
  // Writes the records of one kind to their file; the error when some were not written.
  std::string appendKind(uint32_t kind, const ResultFile& file, DeliveryJournal& journal,
                         std::span<const oqm::LogRecord> records, std::span<oqm::Verdict> verdicts);

  std::mutex mutex_;
  std::unique_ptr<ResultFile> results_;
  std::unique_ptr<ResultFile> snapshots_;
  std::unique_ptr<DeliveryJournal> results_journal_;
  std::unique_ptr<DeliveryJournal> snapshots_journal_;
  FailureReporter failures_{"filesystem"};
};

}  // namespace oqm_loggers
