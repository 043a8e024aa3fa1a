// chrome_profiles.h: extensions of Chromium-based browsers, found as osquery finds them.
//
// For each home and each browser's data directory (osquery's Linux list: Chrome, Chrome Beta and
// Dev, Brave, Chromium (also the snap), Yandex, Opera, Vivaldi, Island), the directory itself or
// each of its subdirectories is a profile when it holds "Preferences" or "Secure Preferences".
// A profile's extensions are the <id>/<version>/manifest.json folders under Extensions/, plus
// those that the preferences' extensions.settings reference by path (referenced = 1, with their
// settings: id, state, from_webstore, install_time).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "user_homes.h"

namespace oqm_browsers {

struct ChromeExtension {
  std::string browser_type;  // "chrome", "chromium", "brave", ...
  int64_t uid = 0;
  std::string profile;  // profile.name of the preferences
  std::string profile_path;
  std::string path;  // the extension's version folder
  // From manifest.json, __MSG_x__ strings resolved from _locales/<locale>/messages.json.
  std::string name, version, description, default_locale, current_locale, update_url, author;
  std::string key;
  bool persistent = false;              // background.persistent
  std::string permissions;              // "a, b, c"
  std::string permissions_json = "{}";  // the array as JSON ("{}" when absent, as osquery)
  std::string optional_permissions;
  std::string optional_permissions_json = "{}";
  std::string manifest_json;  // the manifest re-serialized without whitespace
  std::string manifest_hash;  // SHA-256 of manifest.json's bytes
  std::string identifier;     // computed from `key` ("" without one)
  // From the profile's preferences, for referenced extensions.
  bool referenced = false;
  std::string referenced_identifier, state, from_webstore, install_time;
  int64_t install_timestamp = 0;  // install_time (WebKit microseconds) as a Unix time, or 0
};

// Every extension of every profile under `homes`.
std::vector<ChromeExtension> scanChromeExtensions(const std::vector<UserHome>& homes);

// Reads one extension folder (manifest.json and, when needed, its _locales). False when the
// manifest cannot be read or is not a JSON object.
bool readChromeExtension(const std::string& extension_path, ChromeExtension& out);

// The id Chrome derives from a manifest key: SHA-256 of the base64-decoded key, the first 32
// hex digits mapped 0-f to a-p. Empty when the key does not decode.
std::string chromeExtensionId(std::string_view base64_key);

// Microseconds since 1601-01-01 as seconds since 1970; nullopt when not a number or negative.
std::optional<int64_t> webkitToUnix(std::string_view webkit_time);

}  // namespace oqm_browsers
