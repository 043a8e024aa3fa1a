// The SDK's C++ layer for loggers, config plugins, module options and host services, on a toy
// module defined here: what crosses the C boundary, and that no exception does.
#include <gtest/gtest.h>

#include <osquery_module_testing.hpp>

namespace {

using oqm::Verdict;
using oqm::testing::ConfigPairs;
using oqm::testing::FakeHost;

int g_inits = 0;
int g_shutdowns = 0;
int g_flushes = 0;
std::string g_seen_option;

// Acknowledges records whose data is not "skip"; "throw" and "throw-int" throw.
struct EchoLogger {
  static constexpr const char* kName = "echo";
  static constexpr uint32_t kKinds = oqm::kLogResult | oqm::kLogStatus;
  static constexpr uint32_t kMaxBatchRecords = 500;
  static constexpr uint64_t kMaxBatchBytes = 5 * 1024 * 1024;
  static constexpr oqm::Option kOptions[] = {
      {"echo_prefix", oqm::OptionType::String, ">", "Prefix of echoed lines"},
  };

  void init() {
    ++g_inits;
    g_seen_option = oqm::host().optionOr("echo_prefix", "?");
    if (g_seen_option == "refuse") throw oqm::Error("echo refuses prefix 'refuse'");
  }
  void logBatch(std::span<const oqm::LogRecord> records, std::span<Verdict> verdicts) {
    for (size_t i = 0; i < records.size(); ++i) {
      if (records[i].data == "throw") throw oqm::Error("echo cannot log 'throw'");
      if (records[i].data == "throw-int") throw 42;
      if (records[i].data == "drop") verdicts[i] = Verdict::Drop;
      if (records[i].data == "skip" || records[i].data == "drop") continue;
      lines.push_back(g_seen_option + std::string(records[i].data));
      verdicts[i] = Verdict::Ok;
    }
  }
  void flush() { ++g_flushes; }
  void shutdown() { ++g_shutdowns; }

  static inline std::vector<std::string> lines;
};

// Only the required member; init, flush and shutdown are optional.
struct MinimalLogger {
  static constexpr const char* kName = "minimal";
  static constexpr uint32_t kKinds = oqm::kLogSnapshot;
  void logBatch(std::span<const oqm::LogRecord>, std::span<Verdict> verdicts) {
    for (auto& v : verdicts) v = Verdict::Ok;
  }
};

struct StaticConfig {
  static constexpr const char* kName = "static";
  void genConfig(oqm::ConfigSink& sink) {
    sink.add("first", R"({"options":{}})");
    sink.add("second", oqm::host().optionOr("static_json", "{}"));
  }
  void genPack(std::string_view name, std::string_view locator, oqm::ConfigSink& sink) {
    if (locator == "bad") throw std::runtime_error("no pack at 'bad'");
    sink.add(name, "{\"locator\":\"" + std::string(locator) + "\"}");
  }
};

struct NoPackConfig {
  static constexpr const char* kName = "nopack";
  void genConfig(oqm::ConfigSink&) { throw 7; }
};

struct ModuleOptions {
  static constexpr oqm::Option kOptions[] = {
      {"static_json", oqm::OptionType::String, "{}", "Second source"},
      {"static_enabled", oqm::OptionType::Bool, "true", "Whether it is on"},
  };
};

struct PingTable {
  static constexpr const char* kName = "ping";
  static constexpr oqm::Column kColumns[] = {{"pong", oqm::Type::Integer}};
  void generate(const oqm::Query&, oqm::Rows& rows) {
    rows.add().set("pong", oqm::host().intOption("ping_value", -1));
  }
};

}  // namespace

OQM_MODULE("sdk_plugins", "1.2.3", EchoLogger, MinimalLogger, StaticConfig, NoPackConfig,
           ModuleOptions, PingTable)

namespace {

class SdkPlugins : public ::testing::Test {
 protected:
  void SetUp() override {
    g_inits = g_shutdowns = g_flushes = 0;
    g_seen_option.clear();
    EchoLogger::lines.clear();
  }
};

TEST_F(SdkPlugins, ManifestDeclaresEveryClassesOptionsInOrder) {
  const oqm_manifest* m = oqm_module_v1();
  ASSERT_EQ(m->n_options, 3u);
  EXPECT_STREQ(m->options[0].name, "echo_prefix");
  EXPECT_EQ(m->options[0].type, static_cast<uint32_t>(OQM_OPTION_STRING));
  EXPECT_STREQ(m->options[0].default_value, ">");
  EXPECT_STREQ(m->options[1].name, "static_json");
  EXPECT_STREQ(m->options[2].name, "static_enabled");
  EXPECT_EQ(m->options[2].type, static_cast<uint32_t>(OQM_OPTION_BOOL));
  EXPECT_STREQ(m->options[2].description, "Whether it is on");
  EXPECT_EQ(m->options[2].size, sizeof(oqm_option));
  EXPECT_NE(m->shutdown, nullptr);
}

TEST_F(SdkPlugins, LoggerDescriptorCarriesKindsAndLimits) {
  FakeHost host(oqm_module_v1());
  ASSERT_EQ(host.loggers().size(), 2u);
  const oqm_logger& echo = host.logger("echo").descriptor;
  EXPECT_EQ(echo.size, sizeof(oqm_logger));
  EXPECT_EQ(echo.kinds, OQM_LOG_RESULT | OQM_LOG_STATUS);
  EXPECT_EQ(echo.max_batch_records, 500u);
  EXPECT_EQ(echo.max_batch_bytes, 5u * 1024 * 1024);
  const oqm_logger& minimal = host.logger("minimal").descriptor;
  EXPECT_EQ(minimal.max_batch_records, 0u);  // no limit of its own
  EXPECT_EQ(minimal.max_batch_bytes, 0u);
  EXPECT_EQ(host.tables().size(), 1u);
  EXPECT_EQ(host.configPlugins().size(), 2u);
}

TEST_F(SdkPlugins, LoggerLifecycleAndVerdicts) {
  {
    FakeHost host(oqm_module_v1(), {{"echo_prefix", "+"}});
    host.initLogger("echo");
    EXPECT_EQ(g_inits, 1);
    EXPECT_EQ(g_seen_option, "+");
    auto verdicts = host.logBatch("echo", {{OQM_LOG_RESULT, "a"},
                                           {OQM_LOG_RESULT, "skip"},
                                           {OQM_LOG_STATUS, "drop"},
                                           {OQM_LOG_RESULT, "b"}});
    // A verdict the logger did not set stays Retry: nothing is lost by omission.
    EXPECT_EQ(verdicts,
              (std::vector<Verdict>{Verdict::Ok, Verdict::Retry, Verdict::Drop, Verdict::Ok}));
    EXPECT_EQ(EchoLogger::lines, (std::vector<std::string>{"+a", "+b"}));
    host.flushLogger("echo");
    EXPECT_EQ(g_flushes, 1);
    host.shutdownLogger("echo");
    EXPECT_EQ(g_shutdowns, 1);
    // Shutdown runs once even if the kernel asks twice.
    host.shutdownLogger("echo");
    EXPECT_EQ(g_shutdowns, 1);
    host.initLogger("echo");  // re-activation (config reload)
  }
  // The module shuts down what is still active when it is unloaded.
  EXPECT_EQ(g_shutdowns, 2);
}

TEST_F(SdkPlugins, ExceptionsBecomeErrorsAndEveryRecordIsRetried) {
  FakeHost host(oqm_module_v1());
  const oqm_logger& echo = host.logger("echo").descriptor;
  oqm_log_record records[2] = {
      {sizeof(oqm_log_record), OQM_LOG_RESULT, 1, 0, "ok", 2},
      {sizeof(oqm_log_record), OQM_LOG_RESULT, 2, 0, "throw", 5},
  };
  uint8_t verdicts[2] = {0xff, 0xff};
  char buffer[128];
  oqm_error err{sizeof(oqm_error), sizeof(buffer), buffer};
  EXPECT_EQ(echo.log_batch(echo.user_data, records, 2, verdicts, &err), OQM_ERROR);
  EXPECT_STREQ(buffer, "echo cannot log 'throw'");
  EXPECT_EQ(verdicts[0], OQM_VERDICT_RETRY);
  EXPECT_EQ(verdicts[1], OQM_VERDICT_RETRY);

  try {
    host.logBatch("echo", {{OQM_LOG_RESULT, "throw-int"}});
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "unknown exception in logger log_batch");
  }
}

TEST_F(SdkPlugins, InitFailureIsTheLoggersSentence) {
  FakeHost host(oqm_module_v1(), {{"echo_prefix", "refuse"}});
  try {
    host.initLogger("echo");
    FAIL() << "init succeeded";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "echo refuses prefix 'refuse'");
  }
  // Never activated, so never shut down.
  EXPECT_EQ(g_shutdowns, 0);
}

TEST_F(SdkPlugins, LongerRecordsOfANewerKernelAreSteppedBySize) {
  FakeHost host(oqm_module_v1());
  struct NewerRecord {
    oqm_log_record base;
    uint64_t appended_field;
  };
  NewerRecord records[2] = {{{sizeof(NewerRecord), OQM_LOG_RESULT, 1, 0, "x", 1}, 99},
                            {{sizeof(NewerRecord), OQM_LOG_RESULT, 2, 0, "y", 1}, 99}};
  const oqm_logger& echo = host.logger("echo").descriptor;
  uint8_t verdicts[2] = {0xff, 0xff};
  EXPECT_EQ(echo.init(echo.user_data, nullptr), OQM_OK);
  EXPECT_EQ(echo.log_batch(echo.user_data, &records[0].base, 2, verdicts, nullptr), OQM_OK);
  EXPECT_EQ(EchoLogger::lines, (std::vector<std::string>{"?x", "?y"}));
  EXPECT_EQ(verdicts[1], OQM_VERDICT_OK);
}

TEST_F(SdkPlugins, MinimalLoggerNeedsNoInitFlushOrShutdown) {
  FakeHost host(oqm_module_v1());
  host.initLogger("minimal");
  EXPECT_EQ(host.logBatch("minimal", {{OQM_LOG_SNAPSHOT, "{}"}}),
            (std::vector<Verdict>{Verdict::Ok}));
  host.flushLogger("minimal");
  host.shutdownLogger("minimal");
}

TEST_F(SdkPlugins, ConfigPluginWritesSourcesAndPacks) {
  FakeHost host(oqm_module_v1(), {{"static_json", R"({"schedule":{}})"}});
  EXPECT_EQ(host.genConfig("static"),
            (ConfigPairs{{"first", R"({"options":{}})"}, {"second", R"({"schedule":{}})"}}));
  EXPECT_EQ(host.genPack("static", "p", "/x"), (ConfigPairs{{"p", R"({"locator":"/x"})"}}));
  EXPECT_THROW(host.genPack("static", "p", "bad"), std::runtime_error);
}

TEST_F(SdkPlugins, ConfigWithoutGenPackHasNone) {
  FakeHost host(oqm_module_v1());
  EXPECT_EQ(host.configPlugins().at("nopack").descriptor.gen_pack, nullptr);
  try {
    host.genConfig("nopack");
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "unknown exception in gen_config");
  }
}

TEST_F(SdkPlugins, HostReadsOptionsOfAnyLengthAndType) {
  std::string long_value(1000, 'v');
  FakeHost host(oqm_module_v1(), {{"long", long_value},
                                  {"n", "42"},
                                  {"bad_n", "42x"},
                                  {"yes", "TRUE"},
                                  {"no", "0"},
                                  {"empty", ""}});
  oqm::Host h = oqm::host();
  ASSERT_TRUE(h.attached());
  EXPECT_EQ(h.option("long"), long_value);
  EXPECT_EQ(h.option("empty"), std::string());
  EXPECT_EQ(h.option("absent"), std::nullopt);
  EXPECT_EQ(h.intOption("n", 0), 42);
  EXPECT_EQ(h.intOption("bad_n", -1), -1);
  EXPECT_EQ(h.intOption("absent", 7), 7);
  EXPECT_TRUE(h.boolOption("yes", false));
  EXPECT_FALSE(h.boolOption("no", true));
  EXPECT_TRUE(h.boolOption("absent", true));
  h.error("bad thing");
  ASSERT_EQ(host.logs.size(), 1u);
  EXPECT_EQ(host.logs[0].severity, OQM_SEVERITY_ERROR);
  EXPECT_EQ(host.logs[0].message, "bad thing");
  // Tables see the same host.
  host.setOption("ping_value", "5");
  EXPECT_EQ(host.query("ping").at(0).at("pong").integer(), 5);
}

TEST_F(SdkPlugins, HostIsDetachedOutsideTheModulesLifetime) {
  { FakeHost host(oqm_module_v1()); }
  EXPECT_FALSE(oqm::host().attached());
  EXPECT_EQ(oqm::host().option("anything"), std::nullopt);
  oqm::host().warning("dropped");  // no host: nothing happens
  // Nested hosts restore the outer one when the inner goes away.
  FakeHost outer(oqm_module_v1(), {{"who", "outer"}});
  {
    FakeHost inner(oqm_module_v1(), {{"who", "inner"}});
    EXPECT_EQ(oqm::host().option("who"), "inner");
  }
  EXPECT_EQ(oqm::host().option("who"), "outer");
}

}  // namespace
