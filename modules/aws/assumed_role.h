// assumed_role.h: credentials from STS AssumeRole (--aws_sts_arn_role), osquery's first link of
// its credential chain. The base credentials (flags, profile, environment) sign the
// AssumeRole call; the temporary credentials it returns sign the Kinesis/Firehose requests, and
// are assumed again shortly before they expire (--aws_sts_timeout is their lifetime).
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "http_client.h"
#include "sigv4.h"

namespace oqm_aws {

struct AssumeRoleSettings {
  std::string role_arn;                  // --aws_sts_arn_role
  std::string session_name = "default";  // --aws_sts_session_name
  int64_t duration_seconds = 3600;       // --aws_sts_timeout
  std::string region = "us-east-1";      // --aws_sts_region, else the global endpoint's
  Endpoint endpoint;                     // sts.<region>.amazonaws.com, or --aws_sts_endpoint
};

// The fields of an AssumeRole response (the STS query API answers in XML).
struct AssumedCredentials {
  Credentials credentials;
  std::chrono::system_clock::time_point expiration;
};
// "2026-11-23T23:00:00Z" (fractional seconds ignored), the Expiration of temporary
// credentials; throws when unreadable.
std::chrono::system_clock::time_point parseIso8601(const std::string& text);

// Parses an AssumeRole response body; throws with STS's <Code>/<Message> on an error response.
AssumedCredentials parseAssumeRoleResponse(const std::string& xml);

class AssumedRole {
 public:
  AssumedRole(AssumeRoleSettings settings, Credentials base, HttpClientOptions http);

  // Valid credentials for a request made now: assumes the role when none are held or they
  // expire within five minutes. Throws with the reason when STS refuses or is unreachable.
  Credentials current(std::chrono::system_clock::time_point now);

 private:
  AssumedCredentials assume(std::chrono::system_clock::time_point now);

  AssumeRoleSettings settings_;
  Credentials base_;
  HttpClient http_;
  std::mutex mutex_;
  std::optional<AssumedCredentials> held_;
};

}  // namespace oqm_aws
