// firefox_addons.h: Firefox add-ons, from each profile's extensions.json
// (~/.mozilla/firefox/<profile>/extensions.json), as osquery reads them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "user_homes.h"

namespace oqm_browsers {

struct FirefoxAddon {
  int64_t uid = 0;
  std::string name, identifier, creator, type, version, description, source_url, location, path;
  std::optional<int64_t> visible, active, autoupdate;  // absent keys stay NULL
  bool disabled = false;                               // softDisabled, appDisabled or userDisabled
};

// The add-ons of one extensions.json text; empty when it is not JSON or has no "addons" array.
std::vector<FirefoxAddon> parseFirefoxExtensions(std::string_view json, int64_t uid);

// Every profile directory under <home>/.mozilla/firefox of every home.
std::vector<FirefoxAddon> scanFirefoxAddons(const std::vector<UserHome>& homes);

}  // namespace oqm_browsers
