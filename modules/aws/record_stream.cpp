#include "record_stream.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <rapidjson/document.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "aws_region.h"
#include "log_record_format.h"
#include "sigv4.h"

namespace oqm_aws {
namespace {

std::string flag(const char* plugin, const char* suffix) {
  return std::string(plugin) + "_" + suffix;
}

void appendBase64(std::string& out, const std::string& data) {
  size_t at = out.size();
  out.resize(at + 4 * ((data.size() + 2) / 3) + 1);
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(&out[at]),
                          reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  out.resize(at + static_cast<size_t>(n));
}

std::string randomUuid() {
  unsigned char b[16];
  RAND_bytes(b, sizeof(b));
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char out[37];
  std::snprintf(out, sizeof(out),
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

// "<__type>: <message>" of an AWS JSON error body, or the body itself.
std::string awsError(const HttpResponse& r) {
  rapidjson::Document doc;
  doc.Parse(r.body.data(), r.body.size());
  std::string out = "HTTP " + std::to_string(r.status);
  if (!doc.HasParseError() && doc.IsObject()) {
    for (const char* key : {"__type", "message", "Message"}) {
      auto it = doc.FindMember(key);
      if (it != doc.MemberEnd() && it->value.IsString()) {
        out += std::string(": ") + it->value.GetString();
      }
    }
  } else if (!r.body.empty()) {
    out += ": " + r.body.substr(0, 200);
  }
  return out;
}

std::string proxyUrl(const oqm::Host& h) {
  if (!h.boolOption("aws_enable_proxy", false)) return "";
  std::string url = h.optionOr("aws_proxy_scheme", "https") + "://";
  std::string user = h.optionOr("aws_proxy_username", "");
  if (!user.empty()) url += user + ":" + h.optionOr("aws_proxy_password", "") + "@";
  url += h.optionOr("aws_proxy_host", "");
  int64_t port = h.intOption("aws_proxy_port", 0);
  if (port > 0) url += ":" + std::to_string(port);
  return url;
}

}  // namespace

void RecordStream::init(const StreamService& service) {
  service_ = &service;
  const oqm::Host h = oqm::host();
  stream_ = h.optionOr(flag(service.plugin, "stream"), "");
  if (stream_.empty()) {
    throw std::runtime_error(std::string("Stream name must be specified with --") +
                             flag(service.plugin, "stream"));
  }
  CredentialInputs inputs;
  inputs.flag_access_key_id = h.optionOr("aws_access_key_id", "");
  inputs.flag_secret_access_key = h.optionOr("aws_secret_access_key", "");
  inputs.flag_session_token = h.optionOr("aws_session_token", "");
  inputs.profile = h.optionOr("aws_profile_name", "");
  inputs.env = environmentForAws();
  const char* home = std::getenv("HOME");
  inputs.home = home != nullptr ? home : "";

  const std::string endpoint_override = h.optionOr(flag(service.plugin, "endpoint"), "");
  std::string error;
  auto region =
      resolveRegion(h.optionOr(flag(service.plugin, "region"), ""), h.optionOr("aws_region", ""),
                    inputs, !endpoint_override.empty(), &error);
  if (!region) throw std::runtime_error(error);
  region_ = *region;
  std::string host = defaultEndpointHost(service.signing_name, region_);
  if (h.boolOption("aws_enforce_fips", false)) {
    // FIPS endpoints exist in the US and Canadian regions only (and GovCloud).
    if (!endpoint_override.empty()) {
      throw std::runtime_error("--aws_enforce_fips does not allow an endpoint override (--" +
                               flag(service.plugin, "endpoint") + ")");
    }
    if (region_.rfind("us-", 0) != 0 && region_.rfind("ca-", 0) != 0) {
      throw std::runtime_error("Region " + region_ + " has no FIPS endpoint (--aws_enforce_fips)");
    }
    host.insert(std::strlen(service.signing_name), "-fips");
  }
  endpoint_ = resolveEndpoint(endpoint_override, host);

  auto resolved = resolveCredentials(inputs, &error);
  for (const auto& w : resolved ? resolved->warnings : std::vector<std::string>{}) {
    h.warning(w);
  }
  credentials_ = resolved ? resolved->credentials : Credentials{};
  instance_profile_.reset();
  if (!resolved) {
    // The chain's last link: the EC2 instance profile, looked up at the first request (not
    // here: off EC2 the lookup takes seconds to fail). Without it, requests go unsigned, as
    // osquery's do; the service refuses them (a local test server accepts them).
    const auto env = environmentForAws();
    auto disabled = env.find("AWS_EC2_METADATA_DISABLED");
    if (disabled == env.end() || disabled->second != "true") {
      InstanceProfileSettings imds;
      auto endpoint = env.find("AWS_EC2_METADATA_SERVICE_ENDPOINT");
      if (endpoint != env.end() && !endpoint->second.empty()) {
        imds.endpoint = endpoint->second;
        while (!imds.endpoint.empty() && imds.endpoint.back() == '/') imds.endpoint.pop_back();
      }
      imds.attempts = static_cast<int>(h.intOption("aws_imdsv2_request_attempts", 3));
      imds.interval_seconds = static_cast<int>(h.intOption("aws_imdsv2_request_interval", 3));
      imds.imdsv1_fallback = !h.boolOption("aws_disable_imdsv1_fallback", false);
      instance_profile_ = std::make_unique<InstanceProfile>(imds);
      h.info(std::string(service.plugin) + ": " + error +
             "; trying the EC2 instance profile at the first request");
    } else {
      h.warning(std::string(service.plugin) + ": no AWS credentials (" + error +
                "); requests are sent unsigned");
    }
  }

  random_partition_key_ =
      service.partition_key && h.boolOption(flag(service.plugin, "random_partition_key"), false);
  send_status_ =
      !(service.status_option && h.boolOption(flag(service.plugin, "disable_log_status"), false));
  HttpClientOptions options;
  options.ca_file = h.optionOr("aws_tls_ca_file", "");
  options.proxy = proxyUrl(h);
  options.verbose = h.boolOption("aws_debug", false);
  http_ = std::make_unique<HttpClient>(options);

  assumed_role_.reset();
  const std::string role = h.optionOr("aws_sts_arn_role", "");
  if (!role.empty()) {
    AssumeRoleSettings sts;
    sts.role_arn = role;
    sts.session_name = h.optionOr("aws_sts_session_name", "default");
    sts.duration_seconds = h.intOption("aws_sts_timeout", 3600);
    const std::string sts_region = h.optionOr("aws_sts_region", "");
    // Without --aws_sts_region, the global endpoint (which signs as us-east-1).
    sts.region = sts_region.empty() ? "us-east-1" : sts_region;
    sts.endpoint = resolveEndpoint(
        h.optionOr("aws_sts_endpoint", ""),
        sts_region.empty() ? "sts.amazonaws.com" : defaultEndpointHost("sts", sts_region));
    assumed_role_ = std::make_unique<AssumedRole>(sts, credentials_, options);
  }
}

void RecordStream::shutdown() {
  assumed_role_.reset();
  instance_profile_.reset();
  http_.reset();
}

void RecordStream::appendRecord(std::string& body, const std::string& data,
                                const std::string& key) {
  if (body.back() == '}') body.push_back(',');
  body += "{\"Data\":\"";
  appendBase64(body, data);
  body.push_back('"');
  if (service_->partition_key) {
    body += ",\"PartitionKey\":";
    appendJsonString(body, key);
  }
  body.push_back('}');
}

void RecordStream::logBatch(std::span<const oqm::LogRecord> records,
                            std::span<oqm::Verdict> verdicts) {
  if (!http_) throw std::runtime_error(std::string(service_->plugin) + " is not initialised");
  const oqm::Host h = oqm::host();
  std::string body = "{";
  body += '"';
  body += service_->stream_field;
  body += "\":";
  appendJsonString(body, stream_);
  body += ",\"Records\":[";
  std::vector<size_t> sent;  // indexes into `records`, in request order
  size_t request_bytes = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    const auto& record = records[i];
    const bool status = record.kind == oqm::kLogStatus;
    if (status && !send_status_) {
      verdicts[i] = oqm::Verdict::Ok;  // --aws_kinesis_disable_log_status: not ours to send
      continue;
    }
    auto formatted = formatRecord(record.data, status ? "status" : "result");
    if (!formatted) {
      h.warning(std::string(service_->plugin) +
                ": The following log record has been discarded because it was not in JSON "
                "format: " +
                std::string(record.data.substr(0, 512)));
      verdicts[i] = oqm::Verdict::Drop;
      continue;
    }
    if (service_->newline) formatted->data.push_back('\n');
    std::string key;
    if (service_->partition_key) {
      key = random_partition_key_ || formatted->host_identifier.empty()
                ? randomUuid()
                : formatted->host_identifier;
    }
    const size_t size = formatted->data.size() + key.size();
    if (formatted->data.size() >= service_->max_record_bytes) {
      h.warning(std::string(service_->plugin) + ": dropped a record of " +
                std::to_string(formatted->data.size()) +
                " bytes: the service accepts records below " +
                std::to_string(service_->max_record_bytes) + " bytes");
      verdicts[i] = oqm::Verdict::Drop;
      continue;
    }
    if (request_bytes + size > service_->max_request_bytes) break;  // the rest stay Retry
    request_bytes += size;
    appendRecord(body, formatted->data, key);
    sent.push_back(i);
  }
  if (sent.empty()) return;
  body += "]}";

  HttpRequest request;
  request.method = "POST";
  request.path = "/";
  request.headers = {{"Host", endpoint_.host},
                     {"Content-Type", "application/x-amz-json-1.1"},
                     {"X-Amz-Target", service_->target}};
  request.body = std::move(body);
  const auto now = std::chrono::system_clock::now();
  // With a role, the temporary credentials (assumed again before they expire); a refusal by
  // STS fails the batch like an unreachable service: the kernel backs off and retries.
  Credentials credentials = credentials_;
  if (assumed_role_) {
    credentials = assumed_role_->current(now);
  } else if (instance_profile_) {
    std::string why;
    if (auto c = instance_profile_->current(now, &why)) {
      credentials = *c;
    } else if (why != unsigned_reason_) {
      unsigned_reason_ = why;
      h.warning(std::string(service_->plugin) + ": no AWS credentials (" + why +
                "); requests are sent unsigned");
    }
  }
  if (!credentials.empty()) {
    signRequest(request, credentials, region_, service_->signing_name, now);
  }
  HttpResponse response = http_->post(endpoint_.url, request.headers, request.body);
  if (!response.transport_error.empty()) {
    throw std::runtime_error("Complete request failure: " + response.transport_error);
  }
  if (response.status != 200) {
    throw std::runtime_error("Complete request failure: " + awsError(response));
  }
  rapidjson::Document doc;
  doc.Parse(response.body.data(), response.body.size());
  auto results = doc.IsObject() ? doc.FindMember(service_->responses_field) : doc.MemberEnd();
  if (doc.HasParseError() || !doc.IsObject() || results == doc.MemberEnd() ||
      !results->value.IsArray() || results->value.Size() != sent.size()) {
    throw std::runtime_error("unexpected response (" + std::to_string(response.body.size()) +
                             " bytes): " + response.body.substr(0, 200));
  }
  const auto& answers = results->value;
  for (size_t j = 0; j < sent.size(); ++j) {
    const auto& a = answers[static_cast<rapidjson::SizeType>(j)];
    bool failed = a.IsObject() && a.HasMember("ErrorCode") && !a["ErrorCode"].IsNull();
    verdicts[sent[j]] = failed ? oqm::Verdict::Retry : oqm::Verdict::Ok;
  }
}

}  // namespace oqm_aws
