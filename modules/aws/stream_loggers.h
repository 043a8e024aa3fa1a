// stream_loggers.h: osquery's aws_kinesis (PutRecords) and aws_firehose (PutRecordBatch)
// logger plugins (reference §5). Both are a RecordStream with their service's limits.
#pragma once

#include <osquery_module.hpp>

#include "record_stream.h"

namespace oqm_aws {

inline constexpr StreamService kKinesis{"aws_kinesis", "kinesis", "Kinesis_20131202.PutRecords",
                                        "StreamName",  "Records",
                                        999744,   // 1 MB - 256: osquery's limit for one record
                                        5000000,  // per PutRecords request
                                        true,          false,     true};

inline constexpr StreamService kFirehose{"aws_firehose",
                                         "firehose",
                                         "Firehose_20150804.PutRecordBatch",
                                         "DeliveryStreamName",
                                         "RequestResponses",
                                         1000000,  // per record
                                         4000000,  // per PutRecordBatch request
                                         false,
                                         true,
                                         false};

template <const StreamService& Service>
class StreamLogger {
 public:
  static constexpr const char* kName = Service.plugin;
  static constexpr uint32_t kKinds = oqm::kLogResult | oqm::kLogSnapshot | oqm::kLogStatus;
  static constexpr uint32_t kMaxBatchRecords = 500;
  // Raw lines; re-serialised records are a little larger, and must stay under the request
  // limit (the remainder of an over-full batch simply waits for the next request).
  static constexpr uint64_t kMaxBatchBytes = Service.max_request_bytes * 4 / 5;
  static constexpr const char* kPeriodOption =
      Service.partition_key ? "aws_kinesis_period" : "aws_firehose_period";

  void init() { stream_.init(Service); }
  void logBatch(std::span<const oqm::LogRecord> records, std::span<oqm::Verdict> verdicts) {
    stream_.logBatch(records, verdicts);
  }
  void shutdown() { stream_.shutdown(); }

 private:
  RecordStream stream_;
};

using KinesisLogger = StreamLogger<kKinesis>;
using FirehoseLogger = StreamLogger<kFirehose>;

// Flags of ours, beyond osquery's aws_* flags (which the kernel declares).
struct AwsOptions {
  static constexpr oqm::Option kOptions[] = {
      {"aws_tls_ca_file", oqm::OptionType::String, "",
       "CA bundle to verify AWS endpoints against (default: the system's)"},
      {"aws_sts_endpoint", oqm::OptionType::String, "",
       "STS endpoint for --aws_sts_arn_role (default: sts[.<aws_sts_region>].amazonaws.com)"},
  };
};

}  // namespace oqm_aws
