// chrome_extensions on a fixture home: a Chrome profile with a referenced extension whose name
// and description come from its _locales, an unreferenced one, and the table's schema.
#include <gtest/gtest.h>

#include <osquery_module_testing.hpp>

#include "chrome_profiles.h"
#include "fixture_home.h"

extern "C" const oqm_manifest* oqm_module_v1(void);

namespace browsers_test {
namespace {

using oqm_browsers::ChromeExtension;
using oqm_browsers::scanChromeExtensions;

constexpr const char* kManifest = R"({
  "manifest_version": 2,
  "name": "__MSG_appName__",
  "description": "__MSG_APPDESC__",
  "version": "1.2.3",
  "default_locale": "en",
  "author": "Ann Author",
  "update_url": "https://clients2.google.com/service/update2/crx",
  "key": "AAAA",
  "background": {"scripts": ["bg.js"], "persistent": false},
  "permissions": ["tabs", "storage", {"fileSystem": ["write"]}],
  "optional_permissions": ["https://*/*"]
})";

class ChromeProfileFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    profile = home.path() + "/.config/google-chrome/Default";
    ext_path = profile + "/Extensions/abcdefghijklmnopabcdefghijklmnop/1.2.3_0";
    home.write(
        ".config/google-chrome/Default/Extensions/abcdefghijklmnopabcdefghijklmnop/"
        "1.2.3_0/manifest.json",
        kManifest);
    home.write(
        ".config/google-chrome/Default/Extensions/abcdefghijklmnopabcdefghijklmnop/"
        "1.2.3_0/_locales/en/messages.json",
        R"({"appname": {"message": "Fixture Extension"},
                   "appDesc": {"message": "Does fixture things", "description": "x"}})");
    home.write(".config/google-chrome/Default/Extensions/zzzz/0.1/manifest.json",
               R"({"name": "Loose", "version": "0.1", "background": {"persistent": true}})");
    home.write(".config/google-chrome/Default/Preferences",
               R"({"profile": {"name": "Person 1"},
                   "extensions": {"settings": {
                     "abcdefghijklmnopabcdefghijklmnop": {
                       "path": "abcdefghijklmnopabcdefghijklmnop/1.2.3_0",
                       "state": 1, "from_webstore": true,
                       "install_time": "13300000000000000"}}}})");
    home.write(".config/google-chrome/Default/Secure Preferences", "{}");
  }

  FixtureHome home;
  std::string profile, ext_path;
};

TEST_F(ChromeProfileFixture, ReferencedExtensionWithLocalizedStrings) {
  auto all = scanChromeExtensions({{1234, home.path()}});
  ASSERT_EQ(all.size(), 2u);
  const ChromeExtension* e = nullptr;
  for (const auto& x : all) {
    if (x.referenced) e = &x;
  }
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->browser_type, "chrome");
  EXPECT_EQ(e->uid, 1234);
  EXPECT_EQ(e->profile, "Person 1");
  EXPECT_EQ(e->profile_path, profile);
  EXPECT_EQ(e->path, ext_path);
  EXPECT_EQ(e->name, "Fixture Extension");
  EXPECT_EQ(e->description, "Does fixture things");
  EXPECT_EQ(e->version, "1.2.3");
  EXPECT_EQ(e->default_locale, "en");
  EXPECT_EQ(e->author, "Ann Author");
  EXPECT_EQ(e->update_url, "https://clients2.google.com/service/update2/crx");
  EXPECT_FALSE(e->persistent);
  EXPECT_EQ(e->permissions, "tabs, storage");
  EXPECT_EQ(e->permissions_json, R"(["tabs","storage",{"fileSystem":["write"]}])");
  EXPECT_EQ(e->optional_permissions, "https://*/*");
  EXPECT_EQ(e->key, "AAAA");
  EXPECT_EQ(e->identifier, "hajoiamiieihkcebbobooenpljpcckig");
  EXPECT_EQ(e->referenced_identifier, "abcdefghijklmnopabcdefghijklmnop");
  EXPECT_EQ(e->state, "1");
  EXPECT_EQ(e->from_webstore, "true");
  EXPECT_EQ(e->install_time, "13300000000000000");
  EXPECT_EQ(e->install_timestamp, 1655526400);
  EXPECT_EQ(e->manifest_hash.size(), 64u);
  EXPECT_NE(e->manifest_json.find(R"("name":"__MSG_appName__")"), std::string::npos);
  EXPECT_EQ(e->manifest_json.find('\n'), std::string::npos);
}

TEST_F(ChromeProfileFixture, UnreferencedExtensionHasDefaults) {
  auto all = scanChromeExtensions({{1234, home.path()}});
  const ChromeExtension* e = nullptr;
  for (const auto& x : all) {
    if (!x.referenced) e = &x;
  }
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "Loose");
  EXPECT_TRUE(e->persistent);
  EXPECT_EQ(e->permissions, "");
  EXPECT_EQ(e->permissions_json, "{}");
  EXPECT_EQ(e->identifier, "");
  EXPECT_EQ(e->referenced_identifier, "");
  EXPECT_EQ(e->install_timestamp, 0);
}

TEST_F(ChromeProfileFixture, ProfileInSubfolderOfOtherBrowsersAndBrokenManifest) {
  home.write(".config/chromium/Profile 3/Preferences", R"({"profile": {"name": "Work"}})");
  home.write(".config/chromium/Profile 3/Extensions/id/1/manifest.json", R"({"name": "C"})");
  home.write(".config/chromium/Profile 3/Extensions/bad/1/manifest.json", "not json");
  home.write(".config/chromium/NotAProfile/Extensions/id/1/manifest.json", R"({"name": "X"})");
  int chromium = 0;
  for (const auto& e : scanChromeExtensions({{7, home.path()}})) {
    if (e.browser_type != "chromium") continue;
    ++chromium;
    EXPECT_EQ(e.name, "C");
    EXPECT_EQ(e.profile, "Work");
  }
  EXPECT_EQ(chromium, 1);
}

TEST(ChromeExtensions, NoProfilesNoRowsAndHelpers) {
  FixtureHome empty;
  EXPECT_TRUE(scanChromeExtensions({{0, empty.path()}, {1, "/nonexistent/home"}}).empty());
  EXPECT_EQ(oqm_browsers::chromeExtensionId("not base64!"), "");
  EXPECT_EQ(oqm_browsers::webkitToUnix("abc"), std::nullopt);
  EXPECT_EQ(oqm_browsers::webkitToUnix("1"), std::nullopt);
  EXPECT_EQ(oqm_browsers::webkitToUnix("11644473600000000"), 0);
}

TEST(ChromeExtensions, TableSchema) {
  oqm::testing::FakeHost host(oqm_module_v1());
  const auto& t = host.table("chrome_extensions");
  ASSERT_EQ(t.columns.size(), 27u);
  EXPECT_STREQ(t.columns[1].name, "uid");
  EXPECT_EQ(t.columns[1].flags, OQM_COLUMN_INDEX | OQM_COLUMN_OPTIMIZED);
  EXPECT_EQ(t.columns[16].flags, static_cast<uint32_t>(OQM_COLUMN_HIDDEN));
  // A uid nobody has reads no home at all.
  EXPECT_TRUE(host.query("chrome_extensions", {{"uid", oqm::Op::Eq, int64_t{987654321}}}).empty());
}

}  // namespace
}  // namespace browsers_test
