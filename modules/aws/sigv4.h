// sigv4.h: AWS Signature Version 4 (header signing) for the aws_kinesis and aws_firehose
// logger plugins, on OpenSSL's SHA-256 and HMAC. Each step of the algorithm is exposed so that
// AWS's published test suite (tests/modules/aws/sigv4_suite) can check it on its own.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_aws {

struct HttpHeader {
  std::string name;
  std::string value;
};

struct HttpRequest {
  std::string method;               // "POST"
  std::string path;                 // as sent on the wire, e.g. "/" or "/foo/bar%20baz"
  std::string query;                // raw query string without '?', may be empty
  std::vector<HttpHeader> headers;  // must include Host before signing
  std::string body;
};

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty unless temporary (STS) credentials
  bool empty() const { return access_key_id.empty() || secret_access_key.empty(); }
};

// Lower-case hex of SHA-256(data).
std::string sha256Hex(std::string_view data);

// RFC 3986 encoding as SigV4 wants it: every byte outside A-Z a-z 0-9 - . _ ~ becomes %XX
// (upper-case hex); '/' is kept when `keep_slash`.
std::string uriEncode(std::string_view s, bool keep_slash);

// The canonical URI of a non-S3 service: dot segments removed, repeated slashes collapsed, and
// each segment URI-encoded (again: a '%' already on the wire becomes %25, as AWS specifies).
std::string canonicalUri(std::string_view path);

// The canonical query string: parameters sorted by encoded name, then encoded value, each
// percent-decoded and re-encoded, "name=" for a parameter without '='.
std::string canonicalQuery(std::string_view query);

// The canonical request (task 1). `signed_headers_out`, when given, receives the
// ';'-separated lower-case names of the headers signed (all of the request's headers).
std::string canonicalRequest(const HttpRequest& r, std::string_view payload_hash,
                             std::string* signed_headers_out);

// The string to sign (task 2). amz_date: 20150830T123600Z; scope:
// 20150830/us-east-1/service/aws4_request.
std::string stringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request);

// The signature (task 3), lower-case hex. date: 20150830.
std::string signature(std::string_view secret, std::string_view date, std::string_view region,
                      std::string_view service, std::string_view string_to_sign);

// The ISO 8601 basic time SigV4 uses, in UTC: 20150830T123600Z.
std::string amzDate(std::chrono::system_clock::time_point t);

// Signs in place: replaces any X-Amz-Date, X-Amz-Security-Token and Authorization headers
// already there (a retried request is signed again), adds X-Amz-Date (and
// X-Amz-Security-Token when the credentials have a token; it is signed), then Authorization.
// The body is hashed once; nothing is copied. Headers added to the request after this call are
// not signed (which is allowed), but changing a signed one invalidates the signature.
void signRequest(HttpRequest& r, const Credentials& c, std::string_view region,
                 std::string_view service, std::chrono::system_clock::time_point now);

}  // namespace oqm_aws
