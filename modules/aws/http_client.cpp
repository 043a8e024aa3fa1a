#include "http_client.h"

#include <stdexcept>

#include "curl_library.h"

namespace oqm_aws {
namespace {

size_t appendBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

}  // namespace

Endpoint resolveEndpoint(const std::string& override_value, const std::string& default_host) {
  std::string url = override_value.empty() ? default_host : override_value;
  if (url.find("://") == std::string::npos) url = "https://" + url;
  size_t host_start = url.find("://") + 3;
  size_t path_start = url.find('/', host_start);
  Endpoint e;
  e.host = url.substr(
      host_start, path_start == std::string::npos ? std::string::npos : path_start - host_start);
  e.url = path_start == std::string::npos ? url + "/" : url;
  return e;
}

HttpClient::HttpClient(HttpClientOptions options) : options_(std::move(options)) {
  curl_ = curlLibrary().easy_init();
  if (curl_ == nullptr) throw std::runtime_error("cannot create an HTTP client (libcurl)");
}

HttpClient::~HttpClient() {
  curlLibrary().easy_cleanup(curl_);
}

HttpResponse HttpClient::post(const std::string& url, const std::vector<HttpHeader>& headers,
                              const std::string& body) {
  return send("POST", url, headers, body);
}

HttpResponse HttpClient::send(const std::string& method, const std::string& url,
                              const std::vector<HttpHeader>& headers, const std::string& body) {
  HttpResponse response;
  const CurlLibrary& lib = curlLibrary();
  char error[CURL_ERROR_SIZE] = {0};
  curl_slist* list = nullptr;
  for (const auto& h : headers) {
    list = lib.slist_append(list, (h.name + ": " + h.value).c_str());
  }
  // libcurl would otherwise ask for `Expect: 100-continue` on large bodies: a round trip more.
  list = lib.slist_append(list, "Expect:");

  CURL* c = curl_;
  lib.easy_reset(c);  // keeps the connection cache and TLS session
  lib.easy_setopt(c, CURLOPT_URL, url.c_str());
  if (method == "GET") {
    lib.easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else {
    lib.easy_setopt(c, CURLOPT_POST, 1L);
    lib.easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    lib.easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    if (method != "POST") lib.easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  lib.easy_setopt(c, CURLOPT_HTTPHEADER, list);
  lib.easy_setopt(c, CURLOPT_WRITEFUNCTION, &appendBody);
  lib.easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
  lib.easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  lib.easy_setopt(c, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
  lib.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  lib.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  lib.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  lib.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  lib.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  if (!options_.ca_file.empty()) lib.easy_setopt(c, CURLOPT_CAINFO, options_.ca_file.c_str());
  if (!options_.proxy.empty()) lib.easy_setopt(c, CURLOPT_PROXY, options_.proxy.c_str());
  if (options_.verbose) lib.easy_setopt(c, CURLOPT_VERBOSE, 1L);

  CURLcode rc = lib.easy_perform(c);
  lib.slist_free_all(list);
  if (rc != CURLE_OK) {
    response.transport_error = error[0] != '\0' ? error : lib.easy_strerror(rc);
    response.body.clear();
    return response;
  }
  lib.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace oqm_aws
