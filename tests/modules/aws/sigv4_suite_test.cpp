// AWS's published SigV4 test suite (sigv4_suite/, see its README.md): for every case, the
// canonical request, the string to sign and the Authorization header, each step on its own, and
// then signRequest end to end.
#include <gtest/gtest.h>
#include <oqm_test/temp_dir.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "sigv4.h"

namespace {

namespace fs = std::filesystem;
using oqm_aws::HttpRequest;

constexpr const char* kAccessKey = "AKIDEXAMPLE";
constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr const char* kAmzDate = "20150830T123600Z";
constexpr const char* kScope = "20150830/us-east-1/service/aws4_request";
// The number of cases shipped in sigv4_suite/: fewer found means data went missing.
constexpr size_t kSuiteCases = 31;

struct SuiteCase {
  std::string name;
  fs::path base;  // <dir>/<name>, without extension
};

// gtest prints the case by name rather than as bytes.
void PrintTo(const SuiteCase& c, std::ostream* os) {
  *os << c.name;
}

std::vector<SuiteCase> findCases() {
  std::vector<SuiteCase> cases;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(OQM_SIGV4_SUITE_DIR, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->path().extension() == ".req") {
      cases.push_back({it->path().stem().string(), it->path().parent_path() / it->path().stem()});
    }
  }
  std::sort(cases.begin(), cases.end(),
            [](const SuiteCase& a, const SuiteCase& b) { return a.name < b.name; });
  return cases;
}

// The expected files hold no trailing newline; tolerate one in case an editor adds it.
std::string readExpected(const fs::path& p) {
  std::string s = oqm_test::readFile(p.string());
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// The suite's .req: "METHOD target HTTP/1.1", header lines "Name:value", then after a blank line
// the body. The target may hold a space (get-space), so the version is cut at the last space. A
// line starting with white space continues the header above; the 2015 suite's expected
// canonical request joins such folded lines with ',' (get-header-value-multiline), i.e. treats
// each as another value of that header, so each becomes a repeated header here.
HttpRequest parseReq(const std::string& text) {
  HttpRequest r;
  size_t head_end = text.find("\n\n");
  std::string head = text.substr(0, head_end);
  if (head_end != std::string::npos) r.body = text.substr(head_end + 2);
  std::vector<std::string> lines;
  for (size_t pos = 0; pos <= head.size();) {
    size_t eol = head.find('\n', pos);
    if (eol == std::string::npos) eol = head.size();
    lines.push_back(head.substr(pos, eol - pos));
    pos = eol + 1;
  }
  const std::string& request_line = lines.at(0);
  size_t sp1 = request_line.find(' '), sp2 = request_line.rfind(' ');
  std::string target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  r.method = request_line.substr(0, sp1);
  size_t q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) r.query = target.substr(q + 1);
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (l.empty()) continue;
    if ((l[0] == ' ' || l[0] == '\t') && !r.headers.empty()) {
      r.headers.push_back({r.headers.back().name, l});
      continue;
    }
    size_t colon = l.find(':');
    r.headers.push_back({l.substr(0, colon), l.substr(colon + 1)});
  }
  return r;
}

std::chrono::system_clock::time_point suiteTime() {
  using namespace std::chrono;
  return sys_days{year{2015} / August / 30} + hours{12} + minutes{36};
}

std::string authorization(const std::string& signed_headers, const std::string& sig) {
  return std::string("AWS4-HMAC-SHA256 Credential=") + kAccessKey + "/" + kScope +
         ", SignedHeaders=" + signed_headers + ", Signature=" + sig;
}

class SigV4Suite : public testing::TestWithParam<SuiteCase> {};

TEST_P(SigV4Suite, EachStepMatches) {
  const SuiteCase& c = GetParam();
  fs::path base = c.base;
  HttpRequest r = parseReq(oqm_test::readFile(base.string() + ".req"));

  std::string signed_headers;
  std::string creq = oqm_aws::canonicalRequest(r, oqm_aws::sha256Hex(r.body), &signed_headers);
  ASSERT_EQ(creq, readExpected(base.string() + ".creq"));

  std::string sts = oqm_aws::stringToSign(kAmzDate, kScope, creq);
  ASSERT_EQ(sts, readExpected(base.string() + ".sts"));

  std::string sig = oqm_aws::signature(kSecret, "20150830", "us-east-1", "service", sts);
  EXPECT_EQ(authorization(signed_headers, sig), readExpected(base.string() + ".authz"));
}

// signRequest on the same request: it replaces the X-Amz-Date the .req carries (same time), and
// re-adds the session token the .req carries (post-sts-header-before) from the credentials.
TEST_P(SigV4Suite, SignRequestMatches) {
  const SuiteCase& c = GetParam();
  HttpRequest r = parseReq(oqm_test::readFile(c.base.string() + ".req"));
  oqm_aws::Credentials creds{kAccessKey, kSecret, ""};
  for (const auto& h : r.headers) {
    if (h.name == "X-Amz-Security-Token") creds.session_token = h.value;
  }
  oqm_aws::signRequest(r, creds, "us-east-1", "service", suiteTime());
  std::vector<std::string> auth;
  for (const auto& h : r.headers) {
    if (h.name == "Authorization") auth.push_back(h.value);
  }
  ASSERT_EQ(auth.size(), 1u);
  EXPECT_EQ(auth[0], readExpected(c.base.string() + ".authz"));
}

std::string caseName(const testing::TestParamInfo<SuiteCase>& info) {
  std::string n = info.param.name;
  std::replace(n.begin(), n.end(), '-', '_');
  return n;
}

INSTANTIATE_TEST_SUITE_P(Aws, SigV4Suite, testing::ValuesIn(findCases()), caseName);

// No silent pass: the parameterised tests above vanish when no case is found.
TEST(SigV4SuiteData, AllCasesArePresent) {
  std::vector<SuiteCase> cases = findCases();
  EXPECT_GE(cases.size(), kSuiteCases) << "cases missing from " << OQM_SIGV4_SUITE_DIR;
  for (const auto& c : cases) {
    for (const char* ext : {".creq", ".sts", ".authz"}) {
      EXPECT_TRUE(fs::exists(c.base.string() + ext)) << c.base.string() << ext;
    }
  }
}

}  // namespace
