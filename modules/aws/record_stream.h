// record_stream.h: what the aws_kinesis and aws_firehose loggers share — turning a batch of
// buffered log lines into one PutRecords / PutRecordBatch request, signing and sending it, and
// mapping the service's per-record answers to verdicts. The kernel keeps the records, retries
// only the failed ones with backoff, and reports stalls; this code never waits or retries.
#pragma once

#include <cstddef>
#include <memory>
#include <osquery_module.hpp>
#include <span>
#include <string>

#include "assumed_role.h"
#include "credentials.h"
#include "http_client.h"
#include "instance_profile.h"

namespace oqm_aws {

// What differs between the two services (reference §5.2).
struct StreamService {
  const char* plugin;           // "aws_kinesis": the logger name, and the prefix of its flags
  const char* signing_name;     // SigV4 service name and endpoint prefix: "kinesis"
  const char* target;           // X-Amz-Target of the batch call
  const char* stream_field;     // the request's stream-name member
  const char* responses_field;  // the response's per-record array
  size_t max_record_bytes;      // a record of this size or more can never be sent
  size_t max_request_bytes;     // the sum of record sizes one request may carry
  bool partition_key;           // Kinesis records carry a partition key
  bool newline;                 // Firehose records end with "\n"
  bool status_option;           // --<plugin>_disable_log_status exists
};

class RecordStream {
 public:
  // Reads the plugin's flags, resolves region, endpoint and credentials. Throws with osquery's
  // message when the stream is not named or the region is invalid (the daemon exits 78).
  void init(const StreamService& service);
  void logBatch(std::span<const oqm::LogRecord> records, std::span<oqm::Verdict> verdicts);
  void shutdown();

 private:
  // Appends one record (base64 data, and the partition key for Kinesis) to the request body.
  void appendRecord(std::string& body, const std::string& data, const std::string& key);

  const StreamService* service_ = nullptr;
  std::string stream_;
  std::string region_;
  Endpoint endpoint_;
  Credentials credentials_;
  bool random_partition_key_ = false;
  bool send_status_ = true;
  std::unique_ptr<HttpClient> http_;
  std::unique_ptr<AssumedRole> assumed_role_;          // with --aws_sts_arn_role
  std::unique_ptr<InstanceProfile> instance_profile_;  // when the chain found nothing else
  std::string unsigned_reason_;  // why requests go unsigned (warned once per reason)
};

}  // namespace oqm_aws
