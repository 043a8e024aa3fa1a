// The `filesystem` config plugin, through the fake host, on temporary directories.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <osquery_module_testing.hpp>

#include "config_files.h"
#include <oqm_test/temp_dir.h>

extern "C" const oqm_manifest* oqm_module_v1(void);

namespace {

using oqm::testing::ConfigPairs;
using oqm::testing::FakeHost;
using oqm_test::TempDir;

TEST(FilesystemConfig, RegistersOneConfigPluginWithPacks) {
  FakeHost host(oqm_module_v1());
  ASSERT_EQ(host.configPlugins().size(), 1u);
  const auto& plugin = host.configPlugins().at("filesystem");
  EXPECT_NE(plugin.descriptor.gen_pack, nullptr);
  EXPECT_TRUE(host.tables().empty());
  EXPECT_TRUE(host.loggers().empty());
}

TEST(FilesystemConfig, MainFileAloneIsOneSourceKeyedByItsPath) {
  TempDir dir;
  std::string main = dir.write("osquery.conf", R"({"options": {"verbose": true}})");
  FakeHost host(oqm_module_v1(), {{"config_path", main}});
  EXPECT_EQ(host.genConfig("filesystem"),
            (ConfigPairs{{main, R"({"options": {"verbose": true}})"}}));
}

TEST(FilesystemConfig, DropInsComeSortedAndBeforeTheMainFile) {
  TempDir dir;
  std::string main = dir.write("osquery.conf", "{}");
  std::string b = dir.write("osquery.conf.d/20-b.conf", R"({"b": 1})");
  std::string a = dir.write("osquery.conf.d/10-a.conf", R"({"a": 1})");
  std::string c = dir.write("osquery.conf.d/30-c.conf", R"({"c": 1})");
  dir.write("osquery.conf.d/notes.txt", "not a conf file");
  dir.write("osquery.conf.d/.hidden.conf", "{}");
  std::filesystem::create_directories(dir / "osquery.conf.d/dir.conf");
  FakeHost host(oqm_module_v1(), {{"config_path", main}});
  EXPECT_EQ(
      host.genConfig("filesystem"),
      (ConfigPairs{{a, R"({"a": 1})"}, {b, R"({"b": 1})"}, {c, R"({"c": 1})"}, {main, "{}"}}));
}

TEST(FilesystemConfig, MissingMainFileIsOsquerysError) {
  TempDir dir;
  // A drop-in directory alone does not make a config.
  dir.write("osquery.conf.d/10-a.conf", "{}");
  std::string missing = dir / "osquery.conf";
  FakeHost host(oqm_module_v1(), {{"config_path", missing}});
  try {
    host.genConfig("filesystem");
    FAIL() << "gen_config succeeded without a config file";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "config file does not exist: " + missing);
  }
}

TEST(FilesystemConfig, DirectoryAsConfigPathIsNotAConfigFile) {
  TempDir dir;
  FakeHost host(oqm_module_v1(), {{"config_path", dir.path()}});
  EXPECT_THROW(host.genConfig("filesystem"), std::runtime_error);
}

TEST(FilesystemConfig, UnreadableDropInIsSkipped) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads any file";
  TempDir dir;
  std::string main = dir.write("osquery.conf", "{}");
  std::string locked = dir.write("osquery.conf.d/a.conf", "{}");
  ::chmod(locked.c_str(), 0);
  FakeHost host(oqm_module_v1(), {{"config_path", main}});
  EXPECT_EQ(host.genConfig("filesystem"), (ConfigPairs{{main, "{}"}}));
}

TEST(FilesystemConfig, PackByPathIsNamedAsInTheConfig) {
  TempDir dir;
  std::string pack = dir.write("packs/hw.conf", R"({"queries": {}})");
  FakeHost host(oqm_module_v1());
  EXPECT_EQ(host.genPack("filesystem", "hardware", pack),
            (ConfigPairs{{"hardware", R"({"queries": {}})"}}));
}

TEST(FilesystemConfig, MissingPackFileIsAnError) {
  TempDir dir;
  FakeHost host(oqm_module_v1());
  try {
    host.genPack("filesystem", "hardware", dir / "nope.conf");
    FAIL() << "gen_pack succeeded without a pack file";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "Cannot read pack file: " + (dir / "nope.conf"));
  }
}

TEST(FilesystemConfig, StarPackGlobsOnePackPerFileNamedByStem) {
  TempDir dir;
  dir.write("packs/osx.conf", R"({"o": 1})");
  dir.write("packs/linux.conf", R"({"l": 1})");
  dir.write("packs/readme.md", "not matched");
  std::filesystem::create_directories(dir / "packs/sub.conf");
  FakeHost host(oqm_module_v1());
  EXPECT_EQ(host.genPack("filesystem", "*", dir / "packs/*.conf"),
            (ConfigPairs{{"linux", R"({"l": 1})"}, {"osx", R"({"o": 1})"}}));
  // osquery's own wildcard, %, means the same.
  EXPECT_EQ(host.genPack("filesystem", "*", dir / "packs/%.conf").size(), 2u);
  EXPECT_TRUE(host.genPack("filesystem", "*", dir / "none/*.conf").empty());
}

TEST(FilesystemConfig, UnreadableMultiPackFileIsSkippedWithAWarning) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads any file";
  TempDir dir;
  dir.write("packs/a.conf", "{}");
  std::string locked = dir.write("packs/b.conf", "{}");
  ::chmod(locked.c_str(), 0);
  FakeHost host(oqm_module_v1());
  EXPECT_EQ(host.genPack("filesystem", "*", dir / "packs/*.conf"), (ConfigPairs{{"a", "{}"}}));
  ASSERT_EQ(host.logs.size(), 1u);
  EXPECT_EQ(host.logs[0].severity, OQM_SEVERITY_WARNING);
  EXPECT_EQ(host.logs[0].message, "Cannot read multi-pack file: " + locked);
}

TEST(ConfigFiles, MatchFilePatternReturnsSortedRegularFiles) {
  TempDir dir;
  std::string b = dir.write("x/b.json", "");
  std::string a = dir.write("x/a.json", "");
  std::filesystem::create_directories(dir / "x/c.json");
  EXPECT_EQ(oqm_config::matchFilePattern(dir / "x/*.json"), (std::vector<std::string>{a, b}));
}

}  // namespace
