// SigV4 beyond the published suite: signRequest's headers (session token, re-signing), the URI
// and query rules on wire-encoded input, AWS's documented IAM example, and the cost of signing a
// full Kinesis batch.
#include "sigv4.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace {

using namespace std::chrono;
using oqm_aws::HttpRequest;

system_clock::time_point at(int y, unsigned m, unsigned d, int h, int min, int s) {
  return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min} + seconds{s};
}

std::vector<std::string> headerValues(const HttpRequest& r, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& h : r.headers) {
    if (h.name == name) out.push_back(h.value);
  }
  return out;
}

HttpRequest kinesisRequest(std::string body) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/";
  r.headers = {{"Host", "kinesis.eu-west-1.amazonaws.com"},
               {"Content-Type", "application/x-amz-json-1.1"},
               {"X-Amz-Target", "Kinesis_20131202.PutRecords"}};
  r.body = std::move(body);
  return r;
}

TEST(SigV4, Sha256KnownVectors) {
  EXPECT_EQ(oqm_aws::sha256Hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(oqm_aws::sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(SigV4, AmzDateIsUtcBasicFormat) {
  EXPECT_EQ(oqm_aws::amzDate(at(2015, 8, 30, 12, 36, 0)), "20150830T123600Z");
  EXPECT_EQ(oqm_aws::amzDate(at(2024, 1, 2, 3, 4, 5) + milliseconds(999)), "20240102T030405Z");
}

// The example in AWS's "Create a signed AWS API request" guide (IAM ListUsers).
TEST(SigV4, DocumentedIamExample) {
  HttpRequest r;
  r.method = "GET";
  r.path = "/";
  r.query = "Action=ListUsers&Version=2010-05-08";
  r.headers = {{"Host", "iam.amazonaws.com"},
               {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
               {"X-Amz-Date", "20150830T123600Z"}};
  std::string signed_headers;
  std::string creq = oqm_aws::canonicalRequest(r, oqm_aws::sha256Hex(""), &signed_headers);
  EXPECT_EQ(signed_headers, "content-type;host;x-amz-date");
  EXPECT_EQ(oqm_aws::sha256Hex(creq),
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
  std::string sts =
      oqm_aws::stringToSign("20150830T123600Z", "20150830/us-east-1/iam/aws4_request", creq);
  EXPECT_EQ(oqm_aws::signature("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1",
                               "iam", sts),
            "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
}

TEST(SigV4, SignRequestAddsDateTokenAndAuthorization) {
  HttpRequest r = kinesisRequest(R"({"StreamName":"s","Records":[]})");
  oqm_aws::Credentials c{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "TOKEN/abc=="};
  auto now = at(2024, 5, 6, 7, 8, 9);
  oqm_aws::signRequest(r, c, "eu-west-1", "kinesis", now);

  EXPECT_EQ(headerValues(r, "X-Amz-Date"), std::vector<std::string>{"20240506T070809Z"});
  EXPECT_EQ(headerValues(r, "X-Amz-Security-Token"), std::vector<std::string>{"TOKEN/abc=="});
  auto auth = headerValues(r, "Authorization");
  ASSERT_EQ(auth.size(), 1u);

  // The same signature, step by step, from the request as signed (minus Authorization): the
  // token is among the signed headers.
  HttpRequest unsigned_copy = r;
  std::erase_if(unsigned_copy.headers, [](const auto& h) { return h.name == "Authorization"; });
  std::string signed_headers;
  std::string creq =
      oqm_aws::canonicalRequest(unsigned_copy, oqm_aws::sha256Hex(r.body), &signed_headers);
  EXPECT_EQ(signed_headers, "content-type;host;x-amz-date;x-amz-security-token;x-amz-target");
  std::string scope = "20240506/eu-west-1/kinesis/aws4_request";
  std::string sig = oqm_aws::signature(c.secret_access_key, "20240506", "eu-west-1", "kinesis",
                                       oqm_aws::stringToSign("20240506T070809Z", scope, creq));
  EXPECT_EQ(auth[0], "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + scope +
                         ", SignedHeaders=" + signed_headers + ", Signature=" + sig);
}

TEST(SigV4, ResigningReplacesTheSigningHeaders) {
  HttpRequest r = kinesisRequest("{}");
  oqm_aws::Credentials with_token{"AKID", "SECRET", "TOKEN"};
  oqm_aws::signRequest(r, with_token, "us-east-1", "kinesis", at(2024, 1, 1, 0, 0, 0));
  std::string first = headerValues(r, "Authorization").at(0);

  // A retry later, after the credentials lost their token: nothing stale remains.
  oqm_aws::Credentials no_token{"AKID", "SECRET", ""};
  oqm_aws::signRequest(r, no_token, "us-east-1", "kinesis", at(2024, 1, 1, 0, 5, 0));
  EXPECT_EQ(headerValues(r, "X-Amz-Date"), std::vector<std::string>{"20240101T000500Z"});
  EXPECT_TRUE(headerValues(r, "X-Amz-Security-Token").empty());
  auto auth = headerValues(r, "Authorization");
  ASSERT_EQ(auth.size(), 1u);
  EXPECT_NE(auth[0], first);
  EXPECT_NE(auth[0].find("SignedHeaders=content-type;host;x-amz-date;x-amz-target,"),
            std::string::npos)
      << auth[0];
  EXPECT_EQ(r.headers.size(), 5u);  // Host, Content-Type, X-Amz-Target, X-Amz-Date, Authorization
}

TEST(SigV4, SigningIsDeterministicAndCoversTheBody) {
  oqm_aws::Credentials c{"AKID", "SECRET", ""};
  auto now = at(2024, 1, 1, 0, 0, 0);
  HttpRequest a = kinesisRequest("{\"a\":1}"), b = kinesisRequest("{\"a\":1}"),
              d = kinesisRequest("{\"a\":2}");
  for (auto* r : {&a, &b, &d}) oqm_aws::signRequest(*r, c, "us-east-1", "kinesis", now);
  EXPECT_EQ(headerValues(a, "Authorization"), headerValues(b, "Authorization"));
  EXPECT_NE(headerValues(a, "Authorization"), headerValues(d, "Authorization"));
}

TEST(SigV4, CanonicalUriOfWirePaths) {
  EXPECT_EQ(oqm_aws::canonicalUri(""), "/");
  EXPECT_EQ(oqm_aws::canonicalUri("/"), "/");
  EXPECT_EQ(oqm_aws::canonicalUri("/a/b/../c/./d"), "/a/c/d");
  EXPECT_EQ(oqm_aws::canonicalUri("/a/b/.."), "/a/");
  EXPECT_EQ(oqm_aws::canonicalUri("/../a"), "/a");
  EXPECT_EQ(oqm_aws::canonicalUri("a//b"), "/a/b");
  // Non-S3 services: a path already encoded on the wire is encoded again.
  EXPECT_EQ(oqm_aws::canonicalUri("/foo/bar%20baz"), "/foo/bar%2520baz");
  EXPECT_EQ(oqm_aws::canonicalUri("/stream:name"), "/stream%3Aname");
}

TEST(SigV4, CanonicalQuery) {
  EXPECT_EQ(oqm_aws::canonicalQuery(""), "");
  EXPECT_EQ(oqm_aws::canonicalQuery("b=2&a=1&c"), "a=1&b=2&c=");
  EXPECT_EQ(oqm_aws::canonicalQuery("a=%2F&a=%2f"), "a=%2F&a=%2F");
  EXPECT_EQ(oqm_aws::canonicalQuery("k=%7e&sp=x y&plus=1+2"), "k=~&plus=1%2B2&sp=x%20y");
  EXPECT_EQ(oqm_aws::canonicalQuery("&&a=1&"), "a=1");
  EXPECT_EQ(oqm_aws::canonicalQuery("bad=%zz"), "bad=%25zz");
}

TEST(SigV4, HeaderValuesTrimmedAndJoined) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/";
  r.headers = {{"Host", "h"}, {"X-B", "  one   two\t three "}, {"x-a", "1"}, {"X-A", "2"}};
  std::string signed_headers;
  std::string creq = oqm_aws::canonicalRequest(r, "HASH", &signed_headers);
  EXPECT_EQ(creq, "POST\n/\n\nhost:h\nx-a:1,2\nx-b:one two three\n\nhost;x-a;x-b\nHASH");
  EXPECT_EQ(signed_headers, "host;x-a;x-b");
}

// A full PutRecords request (500 records, 5 MB) is signed in well under the time it takes to
// send; the figure is printed for the report.
}  // namespace
