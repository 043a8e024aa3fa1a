// osquery's config format: comments, limits, options, schedule, packs, decorators, file paths.
#include "kernel/config.h"

#include <gtest/gtest.h>

namespace oqk {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  Result<ConfigData> parse(const std::string& json, const PackResolver& resolver = nullptr) {
    return ConfigParser::parse({{"/etc/osquery/osquery.conf", json}}, flags, env, resolver);
  }
  const ScheduledQuery* find(const ConfigData& data, const std::string& name) {
    for (const auto* q : data.allQueries()) {
      if (q->name == name) return q;
    }
    return nullptr;
  }
  bool warned(const ConfigData& data, const std::string& needle) {
    for (const auto& w : data.warnings) {
      if (w.find(needle) != std::string::npos) return true;
    }
    return false;
  }

  Flags flags;
  ConfigEnvironment env{"linux", "5.23.0", 50, "_", 3600};
};

TEST_F(ConfigTest, CommentLinesAreStripped) {
  auto data = parse(R"(
    # a comment
    // another
    {"schedule": {"q": {"query": "SELECT 1", "interval": 10}}}
  )");
  ASSERT_TRUE(data.isOk()) << data.status().message();
  ASSERT_NE(find(*data, "q"), nullptr);
  EXPECT_EQ(find(*data, "q")->interval, 10u);
}

TEST_F(ConfigTest, MalformedJsonIsAnErrorNamingTheProblem) {
  auto data = parse(R"({"schedule": {)");
  ASSERT_FALSE(data.isOk());
  EXPECT_NE(data.status().message().find("Error parsing the config JSON"), std::string::npos);
  auto array = parse("[1, 2]");
  ASSERT_FALSE(array.isOk());
}

TEST_F(ConfigTest, SizeAndDepthLimits) {
  std::string big = "{\"x\": \"" + std::string(ConfigParser::kMaxSize, 'a') + "\"}";
  auto data = parse(big);
  ASSERT_FALSE(data.isOk());
  EXPECT_EQ(data.status().message(),
            "Error parsing the config JSON: the config size exceeds the limit of 4194304 bytes");
  std::string deep = std::string(40, '[') + std::string(40, ']');
  auto nested = parse("{\"x\": " + deep + "}");
  ASSERT_FALSE(nested.isOk());
  EXPECT_EQ(nested.status().message(), "Configuration has too many nesting levels!");
}

TEST_F(ConfigTest, QueryFieldsAndDefaults) {
  auto data = parse(R"({"schedule": {
    "a": {"query": "SELECT 1"},
    "b": {"query": "SELECT 2", "interval": "60", "removed": "false", "snapshot": "T"},
    "c": {"query": "SELECT 3", "interval": 0},
    "d": {"query": "SELECT 4", "interval": 604801},
    "e": {"interval": 10},
    "f_counter": {"query": "SELECT 5", "interval": 10}
  }})");
  ASSERT_TRUE(data.isOk());
  const auto* a = find(*data, "a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->interval, 3600u);
  EXPECT_TRUE(a->removed);
  EXPECT_FALSE(a->snapshot);
  const auto* b = find(*data, "b");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->interval, 60u);
  EXPECT_FALSE(b->removed);
  EXPECT_TRUE(b->snapshot);
  EXPECT_EQ(find(*data, "c"), nullptr);
  EXPECT_EQ(find(*data, "d"), nullptr);
  EXPECT_EQ(find(*data, "e"), nullptr);
  EXPECT_EQ(find(*data, "f_counter"), nullptr);
  EXPECT_TRUE(warned(*data, "Query has invalid interval: c: 0"));
}

TEST_F(ConfigTest, OptionsOverrideFlagsButNotCliOnlyOnes) {
  auto data = parse(R"({"options": {"schedule_splay_percent": 20, "verbose": true,
                                    "config_path": "/x", "no_such_flag": 1, "custom_tag": "a"}})");
  ASSERT_TRUE(data.isOk());
  EXPECT_EQ(flags.getInt("schedule_splay_percent"), 20);
  EXPECT_TRUE(flags.getBool("verbose"));
  EXPECT_NE(flags.getString("config_path"), "/x");
  EXPECT_TRUE(warned(*data, "The CLI only flag --config_path set via config file will be ignored"));
  EXPECT_TRUE(warned(*data, "Cannot set unknown or invalid flag: no_such_flag"));
  EXPECT_EQ(flags.getString("custom_tag"), "a");
}

TEST_F(ConfigTest, PacksAreNamedAndFiltered) {
  auto data = parse(R"({"packs": {
    "mine": {"discovery": ["SELECT 1"], "queries": {"q": {"query": "SELECT 1", "interval": 5}}},
    "windows_only": {"platform": "windows", "queries": {"w": {"query": "SELECT 1"}}},
    "future": {"version": "9.0.0", "queries": {"f": {"query": "SELECT 1"}}},
    "sharded": {"shard": 10, "queries": {"s": {"query": "SELECT 1"}}}
  }})");
  ASSERT_TRUE(data.isOk());
  const auto* q = find(*data, "pack_mine_q");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->pack, "mine");
  EXPECT_EQ(q->short_name, "q");
  ASSERT_EQ(data->packs.size(), 1u);
  EXPECT_EQ(data->packs[0].discovery, std::vector<std::string>{"SELECT 1"});
  EXPECT_TRUE(warned(*data, "Pack windows_only does not apply"));
  EXPECT_TRUE(warned(*data, "Pack future does not apply"));
  EXPECT_TRUE(warned(*data, "Pack sharded does not apply"));
}

TEST_F(ConfigTest, PacksByLocatorGoThroughTheResolver) {
  PackResolver resolver =
      [](const std::string& name,
         const std::string& locator) -> Result<std::vector<std::pair<std::string, std::string>>> {
    EXPECT_EQ(locator, "/etc/osquery/packs/it.conf");
    return std::vector<std::pair<std::string, std::string>>{
        {name, R"({"queries": {"x": {"query": "SELECT 2", "interval": 30}}})"}};
  };
  auto data = parse(R"({"packs": {"it": "/etc/osquery/packs/it.conf"}})", resolver);
  ASSERT_TRUE(data.isOk());
  ASSERT_NE(find(*data, "pack_it_x"), nullptr);
}

TEST_F(ConfigTest, QueriesSortByStartupPriorityThenName) {
  auto data = parse(R"({"schedule": {
    "b": {"query": "SELECT 1", "interval": 5},
    "a": {"query": "SELECT 1", "interval": 5},
    "z": {"query": "SELECT 1", "interval": 5, "startup_priority": 1}
  }})");
  ASSERT_TRUE(data.isOk());
  auto all = data->allQueries();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]->name, "z");
  EXPECT_EQ(all[1]->name, "a");
  EXPECT_EQ(all[2]->name, "b");
}

TEST_F(ConfigTest, DecoratorsAndFilePaths) {
  auto data = parse(R"({
    "decorators": {"load": ["SELECT uuid FROM osquery_info"], "always": ["SELECT 1 AS one"],
                   "interval": {"3600": ["SELECT 2"], "61": ["SELECT 3"]}},
    "file_paths": {"etc": ["/etc/%%"]}, "exclude_paths": {"etc": ["/etc/skip"]},
    "file_accesses": ["etc"],
    "events": {"disable_subscribers": ["user_events"]}
  })");
  ASSERT_TRUE(data.isOk());
  EXPECT_EQ(data->decorators.load.size(), 1u);
  EXPECT_EQ(data->decorators.always.size(), 1u);
  EXPECT_EQ(data->decorators.interval.size(), 1u);
  EXPECT_TRUE(warned(*data, "Decorator interval 61"));
  EXPECT_EQ(data->file_paths.at("etc"), std::vector<std::string>{"/etc/**"});
  EXPECT_EQ(data->exclude_paths.at("etc").size(), 1u);
  EXPECT_EQ(data->file_accesses, std::vector<std::string>{"etc"});
  EXPECT_EQ(data->disable_subscribers, std::vector<std::string>{"user_events"});
}

TEST_F(ConfigTest, SourcesMergeAndDuplicatesAreSkipped) {
  auto data = ConfigParser::parse(
      {{"a.conf", R"({"schedule": {"q": {"query": "SELECT 1", "interval": 5}}})"},
       {"b.conf", R"({"schedule": {"q": {"query": "SELECT 2", "interval": 5},
                                   "r": {"query": "SELECT 3", "interval": 5}}})"}},
      flags, env);
  ASSERT_TRUE(data.isOk());
  EXPECT_EQ(data->allQueries().size(), 2u);
  EXPECT_EQ(find(*data, "q")->query, "SELECT 1");
  EXPECT_EQ(data->hash.size(), 40u);
}

TEST(ConfigPlatform, OsqueryPlatformRules) {
  EXPECT_TRUE(ConfigParser::platformMatches("", "linux"));
  EXPECT_TRUE(ConfigParser::platformMatches("all", "linux"));
  EXPECT_TRUE(ConfigParser::platformMatches("darwin,linux", "linux"));
  EXPECT_TRUE(ConfigParser::platformMatches("posix", "linux"));
  EXPECT_TRUE(ConfigParser::platformMatches("ubuntu", "linux"));
  EXPECT_FALSE(ConfigParser::platformMatches("windows", "linux"));
  EXPECT_FALSE(ConfigParser::platformMatches("darwin", "linux"));
}

TEST(ConfigShard, MachineShardIsInRange) {
  int shard = ConfigEnvironment::shardOf("host.example.com");
  EXPECT_GE(shard, 0);
  EXPECT_LE(shard, 100);
  EXPECT_EQ(shard, ConfigEnvironment::shardOf("host.example.com"));
}

}  // namespace
}  // namespace oqk
