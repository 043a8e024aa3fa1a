#include "firefox_addons.h"

#include <oqm_support/files.h>

#include <algorithm>
#include <filesystem>

#include "json_text.h"

namespace oqm_browsers {
namespace {

namespace fs = std::filesystem;

// A JSON boolean or number as 0/1/n (osquery's jsonBoolAsInt); nullopt otherwise.
std::optional<int64_t> flag(const rapidjson::Value* value) {
  if (value == nullptr) return std::nullopt;
  if (value->IsBool()) return value->GetBool() ? 1 : 0;
  if (value->IsInt64()) return value->GetInt64();
  return std::nullopt;
}

bool isTrue(const rapidjson::Value* value) {
  return value != nullptr && value->IsBool() && value->GetBool();
}

}  // namespace

std::vector<FirefoxAddon> parseFirefoxExtensions(std::string_view json, int64_t uid) {
  std::vector<FirefoxAddon> out;
  auto doc = parseJsonObject(json);
  if (!doc) return out;
  const rapidjson::Value* addons = member(*doc, "addons");
  if (addons == nullptr || !addons->IsArray()) return out;
  for (const auto& addon : addons->GetArray()) {
    if (!addon.IsObject()) continue;
    FirefoxAddon a;
    a.uid = uid;
    auto text = [&](const char* path) { return scalarText(memberPath(addon, path)).value_or(""); };
    a.name = text("defaultLocale.name");
    a.identifier = text("id");
    a.creator = text("defaultLocale.creator");
    a.type = text("type");
    a.version = text("version");
    a.description = text("defaultLocale.description");
    a.source_url = text("sourceURI");
    a.location = text("location");
    // Firefox 57+ writes "path"; older profiles have "descriptor".
    a.path = text("path");
    if (a.path.empty()) a.path = text("descriptor");
    a.visible = flag(member(addon, "visible"));
    a.active = flag(member(addon, "active"));
    a.autoupdate = flag(member(addon, "applyBackgroundUpdates"));
    a.disabled = isTrue(member(addon, "softDisabled")) || isTrue(member(addon, "softDisable")) ||
                 isTrue(member(addon, "appDisabled")) || isTrue(member(addon, "userDisabled"));
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<FirefoxAddon> scanFirefoxAddons(const std::vector<UserHome>& homes) {
  std::vector<FirefoxAddon> out;
  for (const auto& home : homes) {
    for (const auto& profile : subdirectories(fs::path(home.directory) / ".mozilla/firefox")) {
      auto text = oqm_support::readFile((profile / "extensions.json").string(), kMaxJsonFileBytes);
      if (!text) continue;
      auto addons = parseFirefoxExtensions(*text, home.uid);
      std::move(addons.begin(), addons.end(), std::back_inserter(out));
    }
  }
  return out;
}

}  // namespace oqm_browsers
