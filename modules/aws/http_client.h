// http_client.h: HTTPS POSTs for the AWS loggers, on libcurl. One client keeps one easy handle,
// so consecutive requests to the same endpoint reuse the connection (keep-alive) and the TLS
// session. TLS peer and host verification are always on; --aws_tls_ca_file may name the CA
// bundle to verify against (default: the system's).
#pragma once

#include <string>
#include <vector>

#include "sigv4.h"

typedef void CURL;

namespace oqm_aws {

struct HttpResponse {
  long status = 0;  // 0 when the request never got an answer
  std::string body;
  std::string transport_error;  // why there is no answer (refused, timed out, TLS, ...)
};

struct HttpClientOptions {
  std::string ca_file;
  long timeout_ms = 10000;
  long connect_timeout_ms = 5000;
  std::string proxy;  // curl proxy URL ("https://user:pass@host:port"), empty for none
  bool verbose = false;
};

// Where requests go: the URL to POST to and the Host header to sign.
struct Endpoint {
  std::string url;   // "https://kinesis.us-east-1.amazonaws.com/"
  std::string host;  // "kinesis.us-east-1.amazonaws.com" (with ":port" when one is given)
};

// An endpoint override as osquery takes it ("host", "host:port" or "scheme://host[:port][/]");
// without an override, https://<default_host>/.
Endpoint resolveEndpoint(const std::string& override_value, const std::string& default_host);

class HttpClient {
 public:
  explicit HttpClient(HttpClientOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse post(const std::string& url, const std::vector<HttpHeader>& headers,
                    const std::string& body);
  // Any method: "GET" sends no body; others send `body` (possibly empty).
  HttpResponse send(const std::string& method, const std::string& url,
                    const std::vector<HttpHeader>& headers, const std::string& body = "");

 private:
  HttpClientOptions options_;
  CURL* curl_ = nullptr;
};

}  // namespace oqm_aws
