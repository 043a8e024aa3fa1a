// credentials.h: where the AWS loggers get their credentials, in osquery's order
// (OsqueryAWSCredentialsProviderChain): --aws_* flags, the named profile (--aws_profile_name),
// the environment, the default profile. The shared credentials and config files are read here
// too, for the region (aws_region.h). STS AssumeRole (--aws_sts_arn_role, assumed_role.h) is
// layered on top, and the EC2 instance profile (instance_profile.h) comes after.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sigv4.h"

namespace oqm_aws {

struct CredentialInputs {
  std::string flag_access_key_id, flag_secret_access_key, flag_session_token;  // --aws_* flags
  std::string profile;                     // --aws_profile_name (may be empty)
  std::map<std::string, std::string> env;  // AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
                                           // AWS_SESSION_TOKEN, AWS_PROFILE,
                                           // AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE,
                                           // AWS_EC2_METADATA_SERVICE_ENDPOINT,
                                           // AWS_EC2_METADATA_DISABLED
  std::string home;                        // $HOME, for ~/.aws/credentials and ~/.aws/config
};

struct ResolvedCredentials {
  Credentials credentials;
  std::string source;  // "flags", "profile <x>", "environment"
  std::vector<std::string> warnings;
};

// Walks the chain; nullopt with `error` naming everything tried when nothing has both an access
// key id and a secret. Warnings (e.g. "Cannot use AWS credentials: ID or secret missing") are
// returned either way: with the credentials, or at the start of `error`.
std::optional<ResolvedCredentials> resolveCredentials(const CredentialInputs& inputs,
                                                      std::string* error);

// The process environment's values for the names CredentialInputs::env lists (unset ones
// absent).
std::map<std::string, std::string> environmentForAws();

// --- The shared files, for credentials.cpp and aws_region.cpp ----------------------------------

// An AWS INI file: section name (as written between the brackets, trimmed) -> key (lower-case)
// -> value. '#' and ';' start a comment at the start of a line, or after white space; indented
// lines under a key with an empty value (nested settings, e.g. "s3 =") are skipped; CRLF is
// accepted; a repeated section is merged, later keys winning.
using IniSections = std::map<std::string, std::map<std::string, std::string>>;
IniSections parseIni(std::string_view text);

// The file read: its path, whether it could be read, its sections.
struct IniFile {
  std::string path;
  bool found = false;
  IniSections sections;
  // The section's keys, or nullptr.
  const std::map<std::string, std::string>* section(const std::string& name) const;
};
IniFile readIniFile(const std::string& path);

// AWS_SHARED_CREDENTIALS_FILE, else $HOME/.aws/credentials.
std::string credentialsFilePath(const CredentialInputs& inputs);
// AWS_CONFIG_FILE, else $HOME/.aws/config.
std::string configFilePath(const CredentialInputs& inputs);
// The config file's section for a profile: "default" for default, "profile <name>" otherwise.
const std::map<std::string, std::string>* configProfileSection(const IniFile& config,
                                                               const std::string& profile);
// The profile used when none is named: AWS_PROFILE, else "default".
std::string defaultProfileName(const CredentialInputs& inputs);

}  // namespace oqm_aws
