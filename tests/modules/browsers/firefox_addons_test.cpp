// firefox_addons on a fixture home with one profile's extensions.json.
#include "firefox_addons.h"

#include <gtest/gtest.h>

#include <osquery_module_testing.hpp>

#include "fixture_home.h"

extern "C" const oqm_manifest* oqm_module_v1(void);

namespace browsers_test {
namespace {

constexpr const char* kExtensionsJson = R"({"schemaVersion": 35, "addons": [
  {"id": "uBlock0@raymondhill.net", "type": "extension", "version": "1.50.0",
   "defaultLocale": {"name": "uBlock Origin", "creator": "Raymond Hill",
                     "description": "Finally, an efficient blocker."},
   "sourceURI": "https://addons.mozilla.org/firefox/downloads/file/1/ublock.xpi",
   "visible": true, "active": true, "userDisabled": false, "appDisabled": false,
   "softDisabled": false, "applyBackgroundUpdates": 1, "location": "app-profile",
   "path": "/home/u/.mozilla/firefox/x.default/extensions/uBlock0@raymondhill.net.xpi"},
  {"id": "off@example.org", "type": "theme", "version": "2",
   "defaultLocale": {"name": "Off", "creator": null},
   "visible": false, "active": false, "userDisabled": true, "location": "app-system-defaults",
   "descriptor": "/old/style/path"}
]})";

TEST(FirefoxAddons, ParsesExtensionsJson) {
  auto addons = oqm_browsers::parseFirefoxExtensions(kExtensionsJson, 1000);
  ASSERT_EQ(addons.size(), 2u);
  const auto& a = addons[0];
  EXPECT_EQ(a.uid, 1000);
  EXPECT_EQ(a.identifier, "uBlock0@raymondhill.net");
  EXPECT_EQ(a.name, "uBlock Origin");
  EXPECT_EQ(a.creator, "Raymond Hill");
  EXPECT_EQ(a.description, "Finally, an efficient blocker.");
  EXPECT_EQ(a.type, "extension");
  EXPECT_EQ(a.version, "1.50.0");
  EXPECT_EQ(a.source_url, "https://addons.mozilla.org/firefox/downloads/file/1/ublock.xpi");
  EXPECT_EQ(a.visible, 1);
  EXPECT_EQ(a.active, 1);
  EXPECT_FALSE(a.disabled);
  EXPECT_EQ(a.autoupdate, 1);
  EXPECT_EQ(a.location, "app-profile");
  EXPECT_EQ(a.path, "/home/u/.mozilla/firefox/x.default/extensions/uBlock0@raymondhill.net.xpi");
  const auto& b = addons[1];
  EXPECT_EQ(b.creator, "");
  EXPECT_EQ(b.visible, 0);
  EXPECT_TRUE(b.disabled);
  EXPECT_EQ(b.autoupdate, std::nullopt);
  EXPECT_EQ(b.path, "/old/style/path");
  EXPECT_EQ(b.source_url, "");
}

TEST(FirefoxAddons, ScansProfilesOfAHome) {
  FixtureHome home;
  home.write(".mozilla/firefox/abcd.default-release/extensions.json", kExtensionsJson);
  home.write(".mozilla/firefox/broken.profile/extensions.json", "{not json");
  home.write(".mozilla/firefox/profiles.ini", "[General]\n");
  auto addons = oqm_browsers::scanFirefoxAddons({{42, home.path()}});
  ASSERT_EQ(addons.size(), 2u);
  EXPECT_EQ(addons[0].uid, 42);
  EXPECT_TRUE(oqm_browsers::scanFirefoxAddons({{1, "/nonexistent/home"}}).empty());
  EXPECT_TRUE(oqm_browsers::parseFirefoxExtensions(R"({"addons": 3})", 0).empty());
}

TEST(FirefoxAddons, TableSchema) {
  oqm::testing::FakeHost host(oqm_module_v1());
  const auto& t = host.table("firefox_addons");
  ASSERT_EQ(t.columns.size(), 14u);
  EXPECT_EQ(t.columns[0].flags, OQM_COLUMN_ADDITIONAL | OQM_COLUMN_OPTIMIZED);
  EXPECT_EQ(t.columns[2].flags, static_cast<uint32_t>(OQM_COLUMN_INDEX));
  EXPECT_TRUE(host.query("firefox_addons", {{"uid", oqm::Op::Eq, int64_t{987654321}}}).empty());
}

}  // namespace
}  // namespace browsers_test
