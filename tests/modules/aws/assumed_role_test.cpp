// STS AssumeRole answers (the query API's XML), as AWS documents them.
#include "assumed_role.h"

#include <gtest/gtest.h>

#include "instance_profile.h"

namespace {

TEST(AssumeRoleResponse, CredentialsAndExpiration) {
  auto c = oqm_aws::parseAssumeRoleResponse(
      R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/TestAR</Arn>
      <AssumedRoleId>ARO123EXAMPLE123:TestAR</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22w&amp;x</SessionToken>
      <Expiration>2019-11-09T13:34:41Z</Expiration>
    </Credentials>
  </AssumeRoleResult>
</AssumeRoleResponse>)");
  EXPECT_EQ(c.credentials.access_key_id, "ASIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(c.credentials.secret_access_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY");
  EXPECT_EQ(c.credentials.session_token, "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22w&x");
  EXPECT_EQ(std::chrono::system_clock::to_time_t(c.expiration), 1573306481);
}

TEST(AssumeRoleResponse, ErrorsNameCodeAndMessage) {
  try {
    oqm_aws::parseAssumeRoleResponse(
        R"(<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>)"
        R"(<Message>not authorized to perform sts:AssumeRole</Message></Error></ErrorResponse>)");
    FAIL() << "an error response must throw";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(),
                 "STS AssumeRole refused: AccessDenied: not authorized to perform sts:AssumeRole");
  }
  EXPECT_THROW(oqm_aws::parseAssumeRoleResponse("<AssumeRoleResponse/>"), std::runtime_error);
}

}  // namespace

namespace {

TEST(InstanceCredentials, TheDocumentImdsServes) {
  auto c = oqm_aws::parseInstanceCredentials(
      R"({"Code":"Success","LastUpdated":"2026-11-23T20:00:00Z","Type":"AWS-HMAC",)"
      R"("AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"secret","Token":"token",)"
      R"("Expiration":"2026-11-24T02:00:00Z"})");
  EXPECT_EQ(c.credentials.access_key_id, "ASIAEXAMPLE");
  EXPECT_EQ(c.credentials.secret_access_key, "secret");
  EXPECT_EQ(c.credentials.session_token, "token");
  EXPECT_EQ(std::chrono::system_clock::to_time_t(c.expiration), 1795485600);
  EXPECT_THROW(oqm_aws::parseInstanceCredentials(R"({"Code":"Success"})"), std::runtime_error);
  EXPECT_THROW(oqm_aws::parseInstanceCredentials("<html>"), std::runtime_error);
}

TEST(InstanceCredentials, NoMetadataServiceMeansNoCredentialsAndTheReasonIsKept) {
  // Nothing listens on port 1 of loopback: the lookup fails at once and says why; the next
  // request within the retry window gets the same reason.
  oqm_aws::InstanceProfileSettings s;
  s.endpoint = "http://127.0.0.1:1";
  s.interval_seconds = 0;
  oqm_aws::InstanceProfile imds(s);
  std::string why;
  const auto now = std::chrono::system_clock::now();
  EXPECT_FALSE(imds.current(now, &why).has_value());
  EXPECT_NE(why.find("instance metadata (http://127.0.0.1:1)"), std::string::npos) << why;
  why.clear();
  EXPECT_FALSE(imds.current(now + std::chrono::seconds(10), &why).has_value());
  EXPECT_FALSE(why.empty());
}

}  // namespace
