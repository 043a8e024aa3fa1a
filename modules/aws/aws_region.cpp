// aws_region.cpp: region resolution and default endpoints.
#include "aws_region.h"

#include <algorithm>
#include <array>

namespace oqm_aws {
namespace {

// The public regions, China, GovCloud and the ISO partitions. osquery validates against its AWS
// SDK's list; this one is a superset of it (newer regions are accepted, none is refused that
// osquery accepts).
constexpr std::array<std::string_view, 43> kRegions = {
    "af-south-1",     "ap-east-1",      "ap-east-2",      "ap-northeast-1", "ap-northeast-2",
    "ap-northeast-3", "ap-south-1",     "ap-south-2",     "ap-southeast-1", "ap-southeast-2",
    "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ca-central-1",   "ca-west-1",      "cn-north-1",     "cn-northwest-1", "eu-central-1",
    "eu-central-2",   "eu-north-1",     "eu-south-1",     "eu-south-2",     "eu-west-1",
    "eu-west-2",      "eu-west-3",      "il-central-1",   "me-central-1",   "me-south-1",
    "mx-central-1",   "sa-east-1",      "us-east-1",      "us-east-2",      "us-gov-east-1",
    "us-gov-west-1",  "us-iso-east-1",  "us-iso-west-1",  "us-isob-east-1", "us-west-1",
    "us-west-2",      "eu-isoe-west-1", "us-isof-south-1"};

constexpr std::string_view kDefaultRegion = "us-east-1";

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

bool isKnownRegion(std::string_view region) {
  return std::find(kRegions.begin(), kRegions.end(), region) != kRegions.end();
}

std::optional<std::string> resolveRegion(std::string_view service_region,
                                         std::string_view aws_region,
                                         const CredentialInputs& inputs, bool endpoint_override,
                                         std::string* error) {
  std::string region(!service_region.empty() ? service_region : aws_region);
  if (region.empty()) {
    std::string profile = inputs.profile.empty() ? defaultProfileName(inputs) : inputs.profile;
    IniFile config = readIniFile(configFilePath(inputs));
    if (const auto* section = configProfileSection(config, profile)) {
      auto it = section->find("region");
      if (it != section->end()) region = it->second;
    }
  }
  if (region.empty()) region = kDefaultRegion;
  if (!endpoint_override && !isKnownRegion(region)) {
    if (error != nullptr) *error = "Invalid region " + region;
    return std::nullopt;
  }
  return region;
}

std::string defaultEndpointHost(std::string_view service, std::string_view region) {
  std::string_view suffix = "amazonaws.com";
  if (startsWith(region, "cn-")) {
    suffix = "amazonaws.com.cn";
  } else if (startsWith(region, "us-isob-")) {
    suffix = "sc2s.sgov.gov";
  } else if (startsWith(region, "us-iso-")) {
    suffix = "c2s.ic.gov";
  } else if (startsWith(region, "eu-isoe-")) {
    suffix = "cloud.adc-e.uk";
  } else if (startsWith(region, "us-isof-")) {
    suffix = "csp.hci.ic.gov";
  }
  std::string host;
  host.reserve(service.size() + region.size() + suffix.size() + 2);
  host += service;
  host.push_back('.');
  host += region;
  host.push_back('.');
  host += suffix;
  return host;
}

}  // namespace oqm_aws
