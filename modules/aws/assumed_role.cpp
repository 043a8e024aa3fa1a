#include "assumed_role.h"

#include <ctime>
#include <stdexcept>

namespace oqm_aws {
namespace {

constexpr auto kRefreshBefore = std::chrono::minutes(5);

// The text of the first <tag>...</tag> in `xml` ("" when absent). STS's answers are small,
// flat and never use CDATA; the values are base64 or ARN-like and need no entity decoding
// beyond the few XML predefines.
std::string element(const std::string& xml, const std::string& tag) {
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  size_t start = xml.find(open);
  if (start == std::string::npos) return "";
  start += open.size();
  size_t end = xml.find(close, start);
  if (end == std::string::npos) return "";
  std::string value = xml.substr(start, end - start);
  for (auto [entity, text] :
       {std::pair{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}}) {
    for (size_t at = value.find(entity); at != std::string::npos; at = value.find(entity, at + 1)) {
      value.replace(at, std::char_traits<char>::length(entity), text);
    }
  }
  return value;
}

}  // namespace

std::chrono::system_clock::time_point parseIso8601(const std::string& text) {
  std::tm tm{};
  if (strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm) == nullptr) {
    throw std::runtime_error("unreadable time '" + text + "'");
  }
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

AssumedCredentials parseAssumeRoleResponse(const std::string& xml) {
  if (xml.find("<ErrorResponse") != std::string::npos || xml.find("<Error>") != std::string::npos) {
    throw std::runtime_error("STS AssumeRole refused: " + element(xml, "Code") + ": " +
                             element(xml, "Message"));
  }
  AssumedCredentials out;
  out.credentials.access_key_id = element(xml, "AccessKeyId");
  out.credentials.secret_access_key = element(xml, "SecretAccessKey");
  out.credentials.session_token = element(xml, "SessionToken");
  if (out.credentials.access_key_id.empty() || out.credentials.secret_access_key.empty()) {
    throw std::runtime_error("STS AssumeRole: the response holds no credentials");
  }
  out.expiration = parseIso8601(element(xml, "Expiration"));
  return out;
}

AssumedRole::AssumedRole(AssumeRoleSettings settings, Credentials base, HttpClientOptions http)
    : settings_(std::move(settings)), base_(std::move(base)), http_(std::move(http)) {}

Credentials AssumedRole::current(std::chrono::system_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!held_ || held_->expiration - kRefreshBefore <= now) held_ = assume(now);
  return held_->credentials;
}

AssumedCredentials AssumedRole::assume(std::chrono::system_clock::time_point now) {
  HttpRequest request;
  request.method = "POST";
  request.path = "/";
  request.headers = {{"Host", settings_.endpoint.host},
                     {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  request.body = "Action=AssumeRole&DurationSeconds=" + std::to_string(settings_.duration_seconds) +
                 "&RoleArn=" + uriEncode(settings_.role_arn, false) +
                 "&RoleSessionName=" + uriEncode(settings_.session_name, false) +
                 "&Version=2011-06-15";
  if (!base_.empty()) signRequest(request, base_, settings_.region, "sts", now);
  HttpResponse response = http_.post(settings_.endpoint.url, request.headers, request.body);
  if (!response.transport_error.empty()) {
    throw std::runtime_error("STS AssumeRole failed: " + response.transport_error);
  }
  if (response.status != 200 && response.body.find("<Error") == std::string::npos) {
    throw std::runtime_error("STS AssumeRole failed: HTTP " + std::to_string(response.status));
  }
  return parseAssumeRoleResponse(response.body);
}

}  // namespace oqm_aws
