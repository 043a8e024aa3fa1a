// result_log.h: the result-log JSON lines exactly as osquery writes them (reference §3): the
// differential event format (one line per row), the batched format, and snapshots.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kernel/result_rows.h"

namespace oqk {

// The fields every record of one execution shares.
struct LogItemContext {
  std::string name;  // the scheduled name
  std::string host_identifier;
  int64_t unix_time = 0;  // calendarTime is derived from it
  uint64_t epoch = 0;
  uint64_t counter = 0;
  bool numerics = false;  // --logger_numerics: numbers as JSON numbers
  std::map<std::string, std::string> decorations;
  bool decorations_top_level = false;
};

// osquery's calendarTime: asctime in UTC plus " UTC", e.g. "Tue Sep 30 17:37:30 2014 UTC".
std::string calendarTime(int64_t unix_time);

// osquery's escapeNonPrintableBytes: bytes below 0x20 and invalid UTF-8 become "\xHH".
std::string escapeNonPrintable(const std::string& text);

// Differential results, event format: every removed row, then every added row, one line each.
std::vector<std::string> differentialEventLines(const LogItemContext& context,
                                                const std::vector<TypedRow>& removed,
                                                const std::vector<TypedRow>& added);
// Differential results, batched format (--logger_event_type=false): one line.
std::string differentialBatchLine(const LogItemContext& context,
                                  const std::vector<TypedRow>& removed,
                                  const std::vector<TypedRow>& added);
// Snapshot: one line holding every row (counter 0), or with --logger_snapshot_event_type one
// event-format line per row with action "snapshot".
std::string snapshotLine(const LogItemContext& context, const std::vector<TypedRow>& rows);
std::vector<std::string> snapshotEventLines(const LogItemContext& context,
                                            const std::vector<TypedRow>& rows);

}  // namespace oqk
