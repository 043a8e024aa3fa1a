#include "filesystem_logger.h"

#include <sys/stat.h>

#include <filesystem>
#include <string_view>
#include <vector>

#include "logger_mode.h"

namespace oqm_loggers {

void FilesystemLogger::init() {
  const oqm::Host host = oqm::host();
  const std::filesystem::path dir = host.optionOr("logger_path", "/var/log/osquery/");
  const mode_t mode = parseLoggerMode(host.optionOr("logger_mode", "0640"));
  RotationPolicy rotation;
  rotation.enabled = host.boolOption("logger_rotate", false);
  rotation.size = static_cast<uint64_t>(host.intOption("logger_rotate_size", 26214400));
  rotation.max_files = static_cast<size_t>(host.intOption("logger_rotate_max_files", 25));

  auto results = std::make_unique<ResultFile>((dir / kResultsFile).string(), mode, rotation);
  auto snapshots = std::make_unique<ResultFile>((dir / kSnapshotsFile).string(), mode, rotation);
  auto results_journal = std::make_unique<DeliveryJournal>(results->path());
  auto snapshots_journal = std::make_unique<DeliveryJournal>(snapshots->path());
  results_journal->recover();
  snapshots_journal->recover();
  results->create();

  std::lock_guard<std::mutex> lock(mutex_);
  results_ = std::move(results);
  snapshots_ = std::move(snapshots);
  results_journal_ = std::move(results_journal);
  snapshots_journal_ = std::move(snapshots_journal);
  failures_.report("");
}

void FilesystemLogger::logBatch(std::span<const oqm::LogRecord> records,
                                std::span<oqm::Verdict> verdicts) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!results_) throw oqm::Error("the filesystem logger was not initialized");
  std::string error = appendKind(oqm::kLogResult, *results_, *results_journal_, records, verdicts);
  std::string snapshot_error =
      appendKind(oqm::kLogSnapshot, *snapshots_, *snapshots_journal_, records, verdicts);
  if (error.empty()) error = snapshot_error;
  failures_.report(error);
  // Other kinds (statuses) are not wanted (kKinds); should one arrive, it is accepted and
  // ignored rather than retried forever.
  for (size_t i = 0; i < records.size(); ++i) {
    const uint32_t kind = records[i].kind;
    if (kind != oqm::kLogResult && kind != oqm::kLogSnapshot) verdicts[i] = oqm::Verdict::Ok;
  }
}

std::string FilesystemLogger::appendKind(uint32_t kind, const ResultFile& file,
                                         DeliveryJournal& journal,
                                         std::span<const oqm::LogRecord> records,
                                         std::span<oqm::Verdict> verdicts) {
  std::vector<size_t> indexes;
  std::vector<std::string_view> lines;
  for (size_t i = 0; i < records.size(); ++i) {
    if (records[i].kind != kind) continue;
    if (journal.delivered(records[i].id)) {
      verdicts[i] = oqm::Verdict::Ok;  // written before a crash, offered again: not twice
      continue;
    }
    indexes.push_back(i);
    lines.push_back(records[i].data);
  }
  std::string error;
  if (lines.empty()) return error;
  size_t written = file.append(lines, error);
  std::vector<uint64_t> ids;
  for (size_t k = 0; k < indexes.size(); ++k) {
    verdicts[indexes[k]] = k < written ? oqm::Verdict::Ok : oqm::Verdict::Retry;
    if (k < written) ids.push_back(records[indexes[k]].id);
  }
  struct stat st {};
  if (!ids.empty() && ::stat(file.path().c_str(), &st) == 0) {
    journal.commit(static_cast<uint64_t>(st.st_size), ids);
  }
  if (written == lines.size()) error.clear();
  return error;
}

}  // namespace oqm_loggers
