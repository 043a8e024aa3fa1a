// The credential chain (flags -> named profile -> environment -> default profile) and the INI
// files it reads, all written into a temporary $HOME.
#include "credentials.h"

#include <gtest/gtest.h>
#include <oqm_test/temp_dir.h>

#include <cstdlib>
#include <string>

namespace {

using oqm_aws::CredentialInputs;

constexpr const char* kCredentialsFile = R"(# comment
[default]
aws_access_key_id = DEFAULT_ID
aws_secret_access_key = DEFAULT_SECRET

; another comment
  [ work ]
  aws_access_key_id=WORK_ID   # trailing comment
	aws_secret_access_key	=	WORK_SECRET
aws_session_token = WORK_TOKEN
)";

constexpr const char* kConfigFile = R"([default]
region = eu-west-1

[profile cfg]
aws_access_key_id = CFG_ID
aws_secret_access_key = CFG_SECRET
region = ap-southeast-2
)";

class AwsCredentials : public testing::Test {
 protected:
  CredentialInputs inputs() const {
    CredentialInputs in;
    in.home = home_.path();
    return in;
  }
  void writeCredentials(const std::string& text = kCredentialsFile) const {
    home_.write(".aws/credentials", text);
  }
  void writeConfig(const std::string& text = kConfigFile) const {
    home_.write(".aws/config", text);
  }
  static void setEnvCreds(CredentialInputs& in) {
    in.env["AWS_ACCESS_KEY_ID"] = "ENV_ID";
    in.env["AWS_SECRET_ACCESS_KEY"] = "ENV_SECRET";
    in.env["AWS_SESSION_TOKEN"] = "ENV_TOKEN";
  }
  static void setFlags(CredentialInputs& in) {
    in.flag_access_key_id = "FLAG_ID";
    in.flag_secret_access_key = "FLAG_SECRET";
  }

  oqm_test::TempDir home_;
};

oqm_aws::ResolvedCredentials resolve(const CredentialInputs& in) {
  std::string error;
  auto r = oqm_aws::resolveCredentials(in, &error);
  EXPECT_TRUE(r.has_value()) << error;
  return r.value_or(oqm_aws::ResolvedCredentials{});
}

TEST_F(AwsCredentials, FlagsBeatEverything) {
  writeCredentials();
  auto in = inputs();
  setFlags(in);
  in.flag_session_token = "FLAG_TOKEN";
  in.profile = "work";
  setEnvCreds(in);
  auto r = resolve(in);
  EXPECT_EQ(r.source, "flags");
  EXPECT_EQ(r.credentials.access_key_id, "FLAG_ID");
  EXPECT_EQ(r.credentials.secret_access_key, "FLAG_SECRET");
  EXPECT_EQ(r.credentials.session_token, "FLAG_TOKEN");
  EXPECT_TRUE(r.warnings.empty());
}

TEST_F(AwsCredentials, NamedProfileBeatsEnvironment) {
  writeCredentials();
  auto in = inputs();
  in.profile = "work";
  setEnvCreds(in);
  auto r = resolve(in);
  EXPECT_EQ(r.source, "profile work");
  EXPECT_EQ(r.credentials.access_key_id, "WORK_ID");
  EXPECT_EQ(r.credentials.secret_access_key, "WORK_SECRET");
  EXPECT_EQ(r.credentials.session_token, "WORK_TOKEN");
}

TEST_F(AwsCredentials, EnvironmentBeatsDefaultProfile) {
  writeCredentials();
  auto in = inputs();
  setEnvCreds(in);
  auto r = resolve(in);
  EXPECT_EQ(r.source, "environment");
  EXPECT_EQ(r.credentials.access_key_id, "ENV_ID");
  EXPECT_EQ(r.credentials.session_token, "ENV_TOKEN");
}

TEST_F(AwsCredentials, DefaultProfileLast) {
  writeCredentials();
  auto r = resolve(inputs());
  EXPECT_EQ(r.source, "profile default");
  EXPECT_EQ(r.credentials.access_key_id, "DEFAULT_ID");
  EXPECT_EQ(r.credentials.secret_access_key, "DEFAULT_SECRET");
  EXPECT_EQ(r.credentials.session_token, "");
}

TEST_F(AwsCredentials, AwsProfileChoosesTheFallbackProfile) {
  writeCredentials();
  auto in = inputs();
  in.env["AWS_PROFILE"] = "work";
  auto r = resolve(in);
  EXPECT_EQ(r.source, "profile work");
  EXPECT_EQ(r.credentials.access_key_id, "WORK_ID");
}

TEST_F(AwsCredentials, OneFlagMissingWarnsAndContinues) {
  writeCredentials();
  for (bool id_only : {true, false}) {
    auto in = inputs();
    (id_only ? in.flag_access_key_id : in.flag_secret_access_key) = "ONLY_ONE";
    setEnvCreds(in);
    auto r = resolve(in);
    EXPECT_EQ(r.source, "environment");
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_EQ(r.warnings[0], "Cannot use AWS credentials: ID or secret missing");
  }
}

TEST_F(AwsCredentials, ProfileFromConfigFile) {
  writeCredentials();
  writeConfig();
  auto in = inputs();
  in.profile = "cfg";
  auto r = resolve(in);
  EXPECT_EQ(r.source, "profile cfg");
  EXPECT_EQ(r.credentials.access_key_id, "CFG_ID");
  EXPECT_EQ(r.credentials.secret_access_key, "CFG_SECRET");
}

TEST_F(AwsCredentials, CredentialsFileBeatsConfigFileForTheSameProfile) {
  writeCredentials("[cfg]\naws_access_key_id = FROM_CREDS\naws_secret_access_key = S\n");
  writeConfig();
  auto in = inputs();
  in.profile = "cfg";
  EXPECT_EQ(resolve(in).credentials.access_key_id, "FROM_CREDS");
}

TEST_F(AwsCredentials, DefaultProfileFromConfigFile) {
  writeConfig("[default]\naws_access_key_id = CD_ID\naws_secret_access_key = CD_SECRET\n");
  auto r = resolve(inputs());
  EXPECT_EQ(r.source, "profile default");
  EXPECT_EQ(r.credentials.access_key_id, "CD_ID");
}

TEST_F(AwsCredentials, UnknownNamedProfileWarnsAndFallsThrough) {
  writeCredentials();
  auto in = inputs();
  in.profile = "nosuch";
  auto r = resolve(in);
  EXPECT_EQ(r.source, "profile default");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("AWS profile nosuch has no credentials"), std::string::npos)
      << r.warnings[0];
}

TEST_F(AwsCredentials, FileLocationsFromEnvironment) {
  std::string creds = home_.write("elsewhere/creds",
                                  "[default]\naws_access_key_id=X\n"
                                  "aws_secret_access_key=Y\n");
  std::string config = home_.write("elsewhere/conf",
                                   "[profile p]\naws_access_key_id=P\n"
                                   "aws_secret_access_key=Q\n");
  writeCredentials();  // in $HOME, not read
  auto in = inputs();
  in.env["AWS_SHARED_CREDENTIALS_FILE"] = creds;
  in.env["AWS_CONFIG_FILE"] = config;
  EXPECT_EQ(resolve(in).credentials.access_key_id, "X");
  in.profile = "p";
  EXPECT_EQ(resolve(in).credentials.access_key_id, "P");
}

TEST_F(AwsCredentials, ProfileWithoutSecretIsNotUsed) {
  writeCredentials("[default]\naws_access_key_id = HALF\n");
  std::string error;
  EXPECT_FALSE(oqm_aws::resolveCredentials(inputs(), &error).has_value());
}

TEST_F(AwsCredentials, NothingFoundNamesWhatWasTried) {
  auto in = inputs();
  in.profile = "work";
  in.flag_access_key_id = "ONLY_ID";
  std::string error;
  EXPECT_FALSE(oqm_aws::resolveCredentials(in, &error).has_value());
  const std::string creds = home_.file(".aws/credentials");
  const std::string config = home_.file(".aws/config");
  for (const std::string& part :
       {std::string("Cannot use AWS credentials: ID or secret missing"),
        std::string("No AWS credentials found"), std::string("--aws_access_key_id"),
        "profile work in " + creds + " (not found) and " + config + " (not found)",
        std::string("environment (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)"),
        "profile default in " + creds + " (not found)"}) {
    EXPECT_NE(error.find(part), std::string::npos) << "missing '" << part << "' in: " << error;
  }
}

TEST(AwsIni, CommentsWhitespaceNestedAndCrlf) {
  auto s = oqm_aws::parseIni(
      "top = ignored\r\n"
      "[a]\r\n"
      "Key1 = v1 ; comment\r\n"
      "key2=v#not-a-comment\r\n"
      "s3 =\r\n"
      "  region = nested-not-top-level\r\n"
      "  max_concurrent_requests = 20\r\n"
      "region = real\r\n"
      "[broken\n"
      "lost = yes\n"
      "[a]\n"
      "key3 = later\n"
      "key1 = override\n");
  ASSERT_EQ(s.count("a"), 1u);
  const auto& a = s.at("a");
  EXPECT_EQ(a.at("key1"), "override");
  EXPECT_EQ(a.at("key2"), "v#not-a-comment");
  EXPECT_EQ(a.at("key3"), "later");
  EXPECT_EQ(a.at("s3"), "");
  EXPECT_EQ(a.at("region"), "real");
  EXPECT_EQ(a.count("max_concurrent_requests"), 0u);
  EXPECT_EQ(a.count("lost"), 0u);
  EXPECT_EQ(s.size(), 1u);
}

TEST(AwsEnvironment, ReadsTheProcessEnvironment) {
  ::setenv("AWS_ACCESS_KEY_ID", "PROC_ID", 1);
  ::unsetenv("AWS_SESSION_TOKEN");
  auto env = oqm_aws::environmentForAws();
  EXPECT_EQ(env["AWS_ACCESS_KEY_ID"], "PROC_ID");
  EXPECT_EQ(env.count("AWS_SESSION_TOKEN"), 0u);
  ::unsetenv("AWS_ACCESS_KEY_ID");
}

}  // namespace
