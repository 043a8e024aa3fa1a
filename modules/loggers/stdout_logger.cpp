#include "stdout_logger.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <vector>

#include "file_io.h"
#include "status_line.h"

namespace oqm_loggers {

std::string stdoutLine(const oqm::LogRecord& record) {
  if (record.kind == oqm::kLogStatus) return formatStatusLine(parseStatusLine(record.data));
  return std::string(record.data);
}

void StdoutLogger::logBatch(std::span<const oqm::LogRecord> records,
                            std::span<oqm::Verdict> verdicts) {
  std::string buffer;
  std::vector<size_t> ends;  // where each record's line ends in `buffer`
  ends.reserve(records.size());
  for (const auto& record : records) {
    buffer += stdoutLine(record);
    buffer.push_back('\n');
    ends.push_back(buffer.size());
  }
  // Whatever the process printed through stdio comes first.
  std::fflush(stdout);
  size_t written = writeFully(STDOUT_FILENO, buffer.data(), buffer.size());
  const int saved = errno;
  for (size_t i = 0; i < records.size(); ++i) {
    verdicts[i] = ends[i] <= written ? oqm::Verdict::Ok : oqm::Verdict::Retry;
  }
  failures_.report(written < buffer.size()
                       ? std::string("cannot write to stdout: ") + std::strerror(saved)
                       : std::string());
}

void StdoutLogger::flush() {
  std::fflush(stdout);
}

}  // namespace oqm_loggers
