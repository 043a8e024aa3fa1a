// instance_profile.h: credentials of the EC2 instance profile, from the instance metadata
// service (IMDS), the last link of osquery's credential chain. IMDSv2 first (a session token
// from PUT /latest/api/token, --aws_imdsv2_request_attempts tries, --aws_imdsv2_request_interval
// seconds apart), then IMDSv1 unless --aws_disable_imdsv1_fallback. The endpoint is
// http://169.254.169.254, or AWS_EC2_METADATA_SERVICE_ENDPOINT as the AWS SDKs read it;
// AWS_EC2_METADATA_DISABLED=true turns the lookup off.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "assumed_role.h"
#include "http_client.h"

namespace oqm_aws {

struct InstanceProfileSettings {
  std::string endpoint = "http://169.254.169.254";
  int attempts = 3;             // --aws_imdsv2_request_attempts
  int interval_seconds = 3;     // --aws_imdsv2_request_interval
  bool imdsv1_fallback = true;  // !--aws_disable_imdsv1_fallback
};

// The instance-profile credentials document IMDS serves (JSON).
AssumedCredentials parseInstanceCredentials(const std::string& json);

class InstanceProfile {
 public:
  explicit InstanceProfile(InstanceProfileSettings settings);

  // Credentials for a request made now, fetched again five minutes before they expire. nullopt
  // when there is no instance metadata (not on EC2); then not asked again for five minutes,
  // so that a host off EC2 does not wait on IMDS for every batch.
  std::optional<Credentials> current(std::chrono::system_clock::time_point now, std::string* error);

 private:
  AssumedCredentials fetch();
  std::string token();

  InstanceProfileSettings settings_;
  HttpClient http_;
  std::mutex mutex_;
  std::optional<AssumedCredentials> held_;
  std::chrono::system_clock::time_point retry_after_{};
  std::string last_error_;
};

}  // namespace oqm_aws
