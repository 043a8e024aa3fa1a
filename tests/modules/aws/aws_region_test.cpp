// Region resolution (service flag -> --aws_region -> profile's region -> us-east-1), validation
// and default endpoints.
#include "aws_region.h"

#include <gtest/gtest.h>
#include <oqm_test/temp_dir.h>

#include <string>

namespace {

using oqm_aws::CredentialInputs;

class AwsRegion : public testing::Test {
 protected:
  AwsRegion() {
    home_.write(".aws/config",
                "[default]\nregion = eu-west-1\n\n# work\n[profile work]\nregion = ap-south-1\n"
                "[profile odd]\nregion = mars-north-1\n");
    in_.home = home_.path();
  }
  std::optional<std::string> resolve(std::string_view service, std::string_view aws,
                                     bool endpoint_override = false) {
    error_.clear();
    return oqm_aws::resolveRegion(service, aws, in_, endpoint_override, &error_);
  }

  oqm_test::TempDir home_;
  CredentialInputs in_;
  std::string error_;
};

TEST_F(AwsRegion, ServiceFlagFirst) {
  EXPECT_EQ(resolve("us-west-2", "eu-central-1"), "us-west-2");
}

TEST_F(AwsRegion, ThenAwsRegion) {
  EXPECT_EQ(resolve("", "eu-central-1"), "eu-central-1");
}

TEST_F(AwsRegion, ThenDefaultProfileRegion) {
  EXPECT_EQ(resolve("", ""), "eu-west-1");
}

TEST_F(AwsRegion, ThenNamedProfileRegion) {
  in_.profile = "work";
  EXPECT_EQ(resolve("", ""), "ap-south-1");
  in_.profile.clear();
  in_.env["AWS_PROFILE"] = "work";
  EXPECT_EQ(resolve("", ""), "ap-south-1");
}

TEST_F(AwsRegion, ConfigFileFromEnvironment) {
  in_.env["AWS_CONFIG_FILE"] = home_.write("other", "[default]\nregion=ca-central-1\n");
  EXPECT_EQ(resolve("", ""), "ca-central-1");
}

TEST_F(AwsRegion, FallsBackToUsEast1) {
  in_.profile = "no-region-here";
  EXPECT_EQ(resolve("", ""), "us-east-1");
  CredentialInputs no_files;
  no_files.home = home_.file("nonexistent");
  EXPECT_EQ(oqm_aws::resolveRegion("", "", no_files, false, nullptr), "us-east-1");
}

TEST_F(AwsRegion, InvalidRegionIsAnError) {
  EXPECT_EQ(resolve("us-nowhere-9", ""), std::nullopt);
  EXPECT_EQ(error_, "Invalid region us-nowhere-9");
  in_.profile = "odd";
  EXPECT_EQ(resolve("", ""), std::nullopt);
  EXPECT_EQ(error_, "Invalid region mars-north-1");
}

TEST_F(AwsRegion, EndpointOverrideSkipsValidation) {
  EXPECT_EQ(resolve("local-test-1", "", true), "local-test-1");
  EXPECT_TRUE(error_.empty());
}

TEST(AwsEndpoint, DefaultHosts) {
  EXPECT_EQ(oqm_aws::defaultEndpointHost("kinesis", "us-east-1"),
            "kinesis.us-east-1.amazonaws.com");
  EXPECT_EQ(oqm_aws::defaultEndpointHost("firehose", "eu-west-3"),
            "firehose.eu-west-3.amazonaws.com");
  EXPECT_EQ(oqm_aws::defaultEndpointHost("kinesis", "cn-north-1"),
            "kinesis.cn-north-1.amazonaws.com.cn");
  EXPECT_EQ(oqm_aws::defaultEndpointHost("firehose", "us-gov-west-1"),
            "firehose.us-gov-west-1.amazonaws.com");
}

TEST(AwsEndpoint, KnownRegions) {
  for (const char* r : {"us-east-1", "us-west-2", "eu-central-1", "ap-northeast-3", "sa-east-1",
                        "cn-northwest-1", "us-gov-east-1", "me-central-1", "il-central-1"}) {
    EXPECT_TRUE(oqm_aws::isKnownRegion(r)) << r;
  }
  for (const char* r : {"", "US-EAST-1", "us-east-1 ", "us-east-10", "local"}) {
    EXPECT_FALSE(oqm_aws::isKnownRegion(r)) << r;
  }
}

}  // namespace
