#include "instance_profile.h"

#include <rapidjson/document.h>

#include <ctime>
#include <stdexcept>
#include <thread>

namespace oqm_aws {
namespace {

constexpr auto kRefreshBefore = std::chrono::minutes(5);
constexpr auto kRetryAfterFailure = std::chrono::minutes(5);
constexpr const char* kCredentialsPath = "/latest/meta-data/iam/security-credentials/";

HttpClientOptions imdsOptions() {
  HttpClientOptions o;
  o.connect_timeout_ms = 1000;  // a link-local address: it answers at once or not at all
  o.timeout_ms = 2000;
  return o;
}

}  // namespace

AssumedCredentials parseInstanceCredentials(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    throw std::runtime_error("instance metadata: unreadable credentials document");
  }
  auto text = [&](const char* key) {
    auto it = doc.FindMember(key);
    return it != doc.MemberEnd() && it->value.IsString()
               ? std::string(it->value.GetString(), it->value.GetStringLength())
               : std::string();
  };
  AssumedCredentials out;
  out.credentials = {text("AccessKeyId"), text("SecretAccessKey"), text("Token")};
  if (out.credentials.access_key_id.empty() || out.credentials.secret_access_key.empty()) {
    throw std::runtime_error("instance metadata: the credentials document has no keys");
  }
  out.expiration = parseIso8601(text("Expiration"));
  return out;
}

InstanceProfile::InstanceProfile(InstanceProfileSettings settings)
    : settings_(std::move(settings)), http_(imdsOptions()) {}

std::string InstanceProfile::token() {
  std::string why;
  for (int attempt = 0; attempt < std::max(1, settings_.attempts); ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::seconds(settings_.interval_seconds));
    auto r = http_.send("PUT", settings_.endpoint + "/latest/api/token",
                        {{"X-aws-ec2-metadata-token-ttl-seconds", "21600"}});
    if (r.transport_error.empty() && r.status == 200 && !r.body.empty()) return r.body;
    why = r.transport_error.empty() ? "HTTP " + std::to_string(r.status) : r.transport_error;
    if (!r.transport_error.empty()) break;  // nothing listens: not an EC2 instance
  }
  if (!settings_.imdsv1_fallback) {
    throw std::runtime_error("no IMDSv2 token (" + why + ") and IMDSv1 is disabled");
  }
  return "";  // IMDSv1: the same requests without a token
}

AssumedCredentials InstanceProfile::fetch() {
  const std::string session = token();
  std::vector<HttpHeader> headers;
  if (!session.empty()) headers.push_back({"X-aws-ec2-metadata-token", session});
  auto get = [&](const std::string& path) {
    auto r = http_.send("GET", settings_.endpoint + path, headers);
    if (!r.transport_error.empty()) throw std::runtime_error(r.transport_error);
    if (r.status != 200) {
      throw std::runtime_error("HTTP " + std::to_string(r.status) + " for " + path);
    }
    return r.body;
  };
  std::string role = get(kCredentialsPath);
  role = role.substr(0, role.find('\n'));
  if (role.empty()) throw std::runtime_error("the instance has no IAM role");
  return parseInstanceCredentials(get(kCredentialsPath + role));
}

std::optional<Credentials> InstanceProfile::current(std::chrono::system_clock::time_point now,
                                                    std::string* error) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (held_ && held_->expiration - kRefreshBefore > now) return held_->credentials;
  if (now < retry_after_) {
    if (error != nullptr) *error = last_error_;
    return held_ ? std::optional<Credentials>(held_->credentials) : std::nullopt;
  }
  try {
    held_ = fetch();
    return held_->credentials;
  } catch (const std::exception& e) {
    last_error_ = std::string("instance metadata (") + settings_.endpoint + "): " + e.what();
    retry_after_ = now + kRetryAfterFailure;
    if (error != nullptr) *error = last_error_;
    return std::nullopt;
  }
}

}  // namespace oqm_aws
