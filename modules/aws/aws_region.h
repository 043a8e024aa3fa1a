// aws_region.h: the region the AWS loggers send to, and the default endpoint host for it
// (osquery's AWSRegion::make / getAWSRegion).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "credentials.h"

namespace oqm_aws {

// service flag (--aws_kinesis_region) -> --aws_region -> the profile's region in the config
// file (--aws_profile_name, else AWS_PROFILE, else default; AWS_CONFIG_FILE or ~/.aws/config)
// -> "us-east-1". Validated against the known AWS regions unless `endpoint_override`; an
// unknown region gives nullopt and "Invalid region <x>".
std::optional<std::string> resolveRegion(std::string_view service_region,
                                         std::string_view aws_region,
                                         const CredentialInputs& inputs, bool endpoint_override,
                                         std::string* error);

// Whether `region` is a known AWS region.
bool isKnownRegion(std::string_view region);

// The default endpoint host: "kinesis.us-east-1.amazonaws.com" ("...amazonaws.com.cn" for cn-*,
// the ISO partitions' own domains for us-iso-* and us-isob-*).
std::string defaultEndpointHost(std::string_view service, std::string_view region);

}  // namespace oqm_aws
