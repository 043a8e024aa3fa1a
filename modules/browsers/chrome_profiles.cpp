#include "chrome_profiles.h"

#include <openssl/evp.h>
#include <oqm_support/files.h>
#include <oqm_support/text.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <optional>

#include "json_text.h"

namespace oqm_browsers {
namespace {

namespace fs = std::filesystem;

struct BrowserDirectory {
  const char* type;
  const char* suffix;  // relative to the home directory
};

// osquery's kLinuxPathList.
constexpr BrowserDirectory kBrowserDirectories[] = {
    {"chrome", ".config/google-chrome"},
    {"chrome_beta", ".config/google-chrome-beta"},
    {"chrome_dev", ".config/google-chrome-unstable"},
    {"brave", ".config/BraveSoftware/Brave-Browser"},
    {"chromium", ".config/chromium"},
    {"chromium", "snap/chromium/common/chromium"},
    {"yandex", ".config/yandex-browser-beta"},
    {"opera", ".config/opera"},
    {"vivaldi", ".config/vivaldi"},
    {"island", ".config/island"},
};

constexpr const char* kPreferenceFiles[] = {"Preferences", "Secure Preferences"};
constexpr std::string_view kMessagePrefix = "__MSG_";

bool isProfile(const fs::path& dir) {
  for (const char* name : kPreferenceFiles) {
    if (::access((dir / name).c_str(), R_OK) == 0) return true;
  }
  return false;
}

std::string canonicalOr(const fs::path& path) {
  std::error_code ec;
  fs::path c = fs::canonical(path, ec);
  return ec ? path.string() : c.string();
}

// One extension's entry in extensions.settings.
struct ExtensionSettings {
  std::string id, state, from_webstore, install_time;
};

struct Profile {
  std::string name;
  std::map<std::string, ExtensionSettings> settings_by_path;  // canonical path -> settings
};

void readPreferences(const fs::path& profile_dir, Profile& profile) {
  for (const char* file : kPreferenceFiles) {
    auto text = oqm_support::readFile((profile_dir / file).string(), kMaxJsonFileBytes);
    if (!text) continue;
    auto doc = parseJsonObject(*text);
    if (!doc) continue;
    if (profile.name.empty()) {
      profile.name = scalarText(memberPath(*doc, "profile.name")).value_or("");
    }
    const rapidjson::Value* settings = memberPath(*doc, "extensions.settings");
    if (settings == nullptr) settings = memberPath(*doc, "extensions.opsettings");
    if (settings == nullptr || !settings->IsObject()) continue;
    for (auto it = settings->MemberBegin(); it != settings->MemberEnd(); ++it) {
      auto path = scalarText(member(it->value, "path"));
      if (!path) continue;
      fs::path p(*path);
      if (!p.is_absolute()) p = profile_dir / "Extensions" / p;
      ExtensionSettings s;
      s.id = std::string(it->name.GetString(), it->name.GetStringLength());
      s.state = scalarText(member(it->value, "state")).value_or("");
      s.from_webstore = scalarText(member(it->value, "from_webstore")).value_or("");
      s.install_time = scalarText(member(it->value, "install_time")).value_or("");
      // Preferences come first; Secure Preferences only add what it lacks.
      profile.settings_by_path.emplace(canonicalOr(p), std::move(s));
    }
  }
}

// The message for "__MSG_name__" (names are case-insensitive), or nullopt.
std::optional<std::string> localizedMessage(const rapidjson::Value& messages,
                                            std::string_view text) {
  if (text.size() < kMessagePrefix.size() + 2 || !text.starts_with(kMessagePrefix) ||
      !text.ends_with("__")) {
    return std::nullopt;
  }
  std::string_view name =
      text.substr(kMessagePrefix.size(), text.size() - kMessagePrefix.size() - 2);
  for (auto it = messages.MemberBegin(); it != messages.MemberEnd(); ++it) {
    std::string_view key(it->name.GetString(), it->name.GetStringLength());
    if (oqm_support::iequals(key, name)) return scalarText(member(it->value, "message"));
  }
  return std::nullopt;
}

// A string array as "a, b" and as JSON; non-string entries are left out of the text.
void stringArray(const rapidjson::Value* value, std::string& text, std::string& json) {
  if (value == nullptr) return;
  json = compactJson(*value);
  if (!value->IsArray()) return;
  for (const auto& entry : value->GetArray()) {
    auto s = scalarText(&entry);
    if (!s) continue;
    if (!text.empty()) text += ", ";
    text += *s;
  }
}

std::string base64Decode(std::string_view text) {
  std::string clean;
  for (char c : text) {
    if (c != '\n' && c != '\r' && c != ' ') clean += c;
  }
  if (clean.empty() || clean.size() % 4 != 0) return {};
  std::string out(clean.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(clean.data()),
                          static_cast<int>(clean.size()));
  if (n < 0) return {};
  size_t padding = 0;
  while (padding < 2 && clean[clean.size() - 1 - padding] == '=') ++padding;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

}  // namespace

std::string chromeExtensionId(std::string_view base64_key) {
  std::string key = base64Decode(base64_key);
  if (key.empty()) return {};
  std::string hash = sha256Hex(key);
  std::string id;
  for (size_t i = 0; i < 32 && i < hash.size(); ++i) {
    char c = hash[i];
    int digit = c <= '9' ? c - '0' : c - 'a' + 10;
    id += static_cast<char>('a' + digit);
  }
  return id;
}

std::optional<int64_t> webkitToUnix(std::string_view webkit_time) {
  int64_t micros = 0;
  auto [end, ec] =
      std::from_chars(webkit_time.data(), webkit_time.data() + webkit_time.size(), micros);
  if (ec != std::errc() || end != webkit_time.data() + webkit_time.size()) return std::nullopt;
  int64_t unix_time = micros / 1000000 - 11644473600LL;
  if (unix_time < 0) return std::nullopt;
  return unix_time;
}

bool readChromeExtension(const std::string& extension_path, ChromeExtension& out) {
  auto manifest = oqm_support::readFile(extension_path + "/manifest.json", kMaxJsonFileBytes);
  if (!manifest) return false;
  auto doc = parseJsonObject(*manifest);
  if (!doc) return false;
  out.path = extension_path;
  out.manifest_hash = sha256Hex(*manifest);
  out.manifest_json = compactJson(*doc);

  struct Text {
    const char* path;
    std::string* field;
  };
  const Text texts[] = {{"name", &out.name},
                        {"update_url", &out.update_url},
                        {"version", &out.version},
                        {"author", &out.author},
                        {"default_locale", &out.default_locale},
                        {"current_locale", &out.current_locale},
                        {"description", &out.description},
                        {"key", &out.key}};
  for (const auto& t : texts) *t.field = scalarText(memberPath(*doc, t.path)).value_or("");
  out.persistent = scalarText(memberPath(*doc, "background.persistent")) == "true";
  stringArray(member(*doc, "permissions"), out.permissions, out.permissions_json);
  stringArray(member(*doc, "optional_permissions"), out.optional_permissions,
              out.optional_permissions_json);

  // Localized strings, from the default locale (else the current one, else "en").
  bool localize = false;
  for (const auto& t : texts) localize |= t.field->starts_with(kMessagePrefix);
  if (localize) {
    std::string locale = !out.default_locale.empty()   ? out.default_locale
                         : !out.current_locale.empty() ? out.current_locale
                                                       : "en";
    auto text = oqm_support::readFile(extension_path + "/_locales/" + locale + "/messages.json",
                                      kMaxJsonFileBytes);
    auto messages = text ? parseJsonObject(*text) : std::nullopt;
    if (messages) {
      for (const auto& t : texts) {
        if (auto m = localizedMessage(*messages, *t.field)) *t.field = *m;
      }
    }
  }
  out.identifier = out.key.empty() ? "" : chromeExtensionId(out.key);
  return true;
}

std::vector<ChromeExtension> scanChromeExtensions(const std::vector<UserHome>& homes) {
  std::vector<ChromeExtension> out;
  for (const auto& home : homes) {
    for (const auto& browser : kBrowserDirectories) {
      fs::path base = canonicalOr(fs::path(home.directory) / browser.suffix);
      std::vector<fs::path> profiles;
      if (isProfile(base)) {
        profiles.push_back(base);
      } else {
        for (const auto& sub : subdirectories(base)) {
          if (isProfile(sub)) profiles.push_back(canonicalOr(sub));
        }
      }
      for (const auto& profile_dir : profiles) {
        Profile profile;
        readPreferences(profile_dir, profile);
        auto emit = [&](const std::string& path, const ExtensionSettings* settings) {
          ChromeExtension e;
          if (!readChromeExtension(path, e)) return;
          e.browser_type = browser.type;
          e.uid = home.uid;
          e.profile = profile.name;
          e.profile_path = profile_dir.string();
          if (settings != nullptr) {
            e.referenced = true;
            e.referenced_identifier = settings->id;
            e.state = settings->state;
            e.from_webstore = settings->from_webstore;
            e.install_time = settings->install_time;
            e.install_timestamp = webkitToUnix(e.install_time).value_or(0);
          }
          out.push_back(std::move(e));
        };
        // Extensions in the profile; the referenced ones carry their settings.
        std::map<std::string, bool> seen;
        for (const auto& id_dir : subdirectories(profile_dir / "Extensions")) {
          for (const auto& version_dir : subdirectories(id_dir)) {
            std::string path = canonicalOr(version_dir);
            auto s = profile.settings_by_path.find(path);
            emit(path, s == profile.settings_by_path.end() ? nullptr : &s->second);
            seen[path] = true;
          }
        }
        // Referenced extensions that live elsewhere (unpacked ones loaded from a folder).
        for (const auto& [path, settings] : profile.settings_by_path) {
          if (seen.count(path) == 0) emit(path, &settings);
        }
      }
    }
  }
  return out;
}

}  // namespace oqm_browsers
