// Tests of ModuleHost: the host API one contributor gets, with test code playing the module.
#include "kernel/module_host.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <future>
#include <string>
#include <thread>

#include "kernel/flags.h"
#include "kernel/lease_gate.h"
#include "kernel/registry.h"

namespace oqk {
namespace {

std::atomic<int> g_destroyed{0};
std::atomic<int> g_config_destroyed{0};
std::atomic<int> g_subscriber_destroyed{0};

int32_t generateNothing(void*, const oqm_query*, const oqm_row_sink*, oqm_error*) {
  return OQM_OK;
}
void countDestroy(void*) {
  ++g_destroyed;
}
void countConfigDestroy(void*) {
  ++g_config_destroyed;
}
void countSubscriberDestroy(void*) {
  ++g_subscriber_destroyed;
}
int32_t logBatch(void*, const oqm_log_record*, uint32_t, uint8_t*, oqm_error*) {
  return OQM_OK;
}
int32_t genConfig(void*, const oqm_config_sink*, oqm_error*) {
  return OQM_OK;
}
int32_t run(void*, const oqm_row_sink*, oqm_error*) {
  return OQM_OK;
}
void stop(void*) {}
int32_t onEvent(void*, const oqm_event*, const oqm_row_sink*, oqm_error*) {
  return OQM_OK;
}

const oqm_column kColumns[] = {
    {sizeof(oqm_column), "pid", OQM_TYPE_BIGINT, OQM_COLUMN_INDEX, nullptr},
    {sizeof(oqm_column), "name", OQM_TYPE_TEXT, 0, "nocase"},
};

oqm_table makeTable(const char* name) {
  oqm_table t{};
  t.size = sizeof(oqm_table);
  t.name = name;
  t.n_columns = 2;
  t.columns = kColumns;
  t.generate = &generateNothing;
  t.destroy = &countDestroy;
  return t;
}

class ModuleHostTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_destroyed = 0;
    g_config_destroyed = 0;
    g_subscriber_destroyed = 0;
  }
  Owner owner(uint64_t id, const std::string& name) {
    return Owner{id, name, std::make_shared<LeaseGate>()};
  }
  // Calls a register function with an error buffer; returns the error sentence or "".
  template <typename Fn, typename Desc>
  std::string call(const ModuleHost& host, Fn fn, const Desc* desc) {
    char message[256] = {0};
    oqm_error err{sizeof(oqm_error), sizeof(message), message};
    const oqm_host_api* api = host.api();
    int32_t rc = (api->*fn)(api->host, desc, &err);
    if (rc == OQM_OK) return "";
    return message[0] != '\0' ? std::string(message) : std::string("(error without message)");
  }
  std::string registerTable(const ModuleHost& host, const oqm_table& t) {
    return call(host, &oqm_host_api::register_table, &t);
  }

  Registry registry_;
  Flags flags_;
};

TEST_F(ModuleHostTest, ApiDescribesItself) {
  ModuleHost host(registry_, flags_, owner(3, "tester"));
  const oqm_host_api* api = host.api();
  EXPECT_EQ(api->size, sizeof(oqm_host_api));
  EXPECT_EQ(api->abi_major, static_cast<uint32_t>(OQM_ABI_MAJOR));
  EXPECT_EQ(api->abi_minor, static_cast<uint32_t>(OQM_ABI_MINOR));
  EXPECT_EQ(static_cast<void*>(api->host), static_cast<void*>(&host));
  EXPECT_NE(api->register_table, nullptr);
  EXPECT_NE(api->register_publisher, nullptr);
  EXPECT_NE(api->register_subscriber, nullptr);
  EXPECT_NE(api->register_logger, nullptr);
  EXPECT_NE(api->register_config, nullptr);
  EXPECT_NE(api->log, nullptr);
  EXPECT_NE(api->get_option, nullptr);
}

TEST_F(ModuleHostTest, RegisterTableCopiesTheDescriptor) {
  ModuleHost host(registry_, flags_, owner(3, "tester"));
  std::string name = "copied_table";
  oqm_table t = makeTable(name.c_str());
  int user_data = 0;
  t.user_data = &user_data;
  ASSERT_EQ(registerTable(host, t), "");
  name = "overwritten!!";  // the module's memory may change after the call

  auto def = registry_.table("copied_table");
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(def->name, "copied_table");
  ASSERT_EQ(def->columns.size(), 2u);
  EXPECT_EQ(def->columns[0].name, "pid");
  EXPECT_EQ(def->columns[0].type, static_cast<uint32_t>(OQM_TYPE_BIGINT));
  EXPECT_EQ(def->columns[0].flags, OQM_COLUMN_INDEX);
  EXPECT_EQ(def->columns[1].collate, "nocase");
  EXPECT_EQ(def->user_data, &user_data);
  EXPECT_EQ(def->owner.id, 3u);
  EXPECT_EQ(def->owner.name, "tester");
  EXPECT_EQ(def->owner.gate, host.owner().gate);
  EXPECT_EQ(host.tableNames(), std::vector<std::string>{"copied_table"});
}

TEST_F(ModuleHostTest, RefusesRegistrationAfterInit) {
  ModuleHost host(registry_, flags_, owner(3, "tester"));
  ASSERT_TRUE(host.registrationOpen());
  host.closeRegistration();
  EXPECT_FALSE(host.registrationOpen());
  oqm_table t = makeTable("late_table");
  std::string error = registerTable(host, t);
  EXPECT_NE(error.find("module tester tried to register table late_table after its init "
                       "returned"),
            std::string::npos)
      << error;
  EXPECT_EQ(registry_.table("late_table"), nullptr);

  oqm_logger l{};
  l.size = sizeof(oqm_logger);
  l.name = "late_logger";
  l.log_batch = &logBatch;
  error = call(host, &oqm_host_api::register_logger, &l);
  EXPECT_NE(error.find("after its init returned"), std::string::npos) << error;
  EXPECT_TRUE(registry_.plugins().empty());
}

TEST_F(ModuleHostTest, RefusesADuplicateTableNamingTheModuleThatHasIt) {
  ModuleHost alpha(registry_, flags_, owner(1, "alpha"));
  ModuleHost beta(registry_, flags_, owner(2, "beta"));
  oqm_table t = makeTable("shared_name");
  ASSERT_EQ(registerTable(alpha, t), "");
  EXPECT_EQ(registerTable(beta, t), "table shared_name is already provided by module alpha");
  EXPECT_EQ(registry_.table("shared_name")->owner.name, "alpha");
  EXPECT_TRUE(beta.tableNames().empty());
  // A refused table is the module's to free: the host never calls its destroy.
  beta.removeAll();
  EXPECT_EQ(g_destroyed, 0);
}

TEST_F(ModuleHostTest, RefusesInvalidTables) {
  ModuleHost host(registry_, flags_, owner(3, "tester"));
  oqm_table no_columns = makeTable("no_columns");
  no_columns.n_columns = 0;
  EXPECT_NE(registerTable(host, no_columns).find("has no columns"), std::string::npos);

  oqm_table bad_name = makeTable("bad name");
  EXPECT_NE(registerTable(host, bad_name).find("not a valid identifier"), std::string::npos);

  oqm_table no_generate = makeTable("no_generate");
  no_generate.generate = nullptr;
  EXPECT_NE(registerTable(host, no_generate).find("no generate"), std::string::npos);

  oqm_table short_table = makeTable("short_table");
  short_table.size = 8;
  EXPECT_NE(registerTable(host, short_table).find("shorter than the ABI 1.0 layout"),
            std::string::npos);

  oqm_column bad_type[] = {{sizeof(oqm_column), "x", 99, 0, nullptr}};
  oqm_table bad_column = makeTable("bad_column");
  bad_column.n_columns = 1;
  bad_column.columns = bad_type;
  EXPECT_NE(registerTable(host, bad_column).find("unknown type 99"), std::string::npos);

  EXPECT_NE(call(host, &oqm_host_api::register_table, static_cast<const oqm_table*>(nullptr)), "");
  EXPECT_TRUE(registry_.tables().empty());
  EXPECT_TRUE(host.tableNames().empty());
}

TEST_F(ModuleHostTest, AcceptsAnOlderTableWithoutDestroy) {
  ModuleHost host(registry_, flags_, owner(3, "tester"));
  oqm_table t = makeTable("old_table");
  t.size = offsetof(oqm_table, destroy);  // written before destroy existed
  ASSERT_EQ(registerTable(host, t), "");
  EXPECT_EQ(registry_.table("old_table")->destroy, nullptr);
  host.removeAll();
  EXPECT_EQ(g_destroyed, 0);
}

TEST_F(ModuleHostTest, PluginsAreCopiedWithTheirStrings) {
  ModuleHost host(registry_, flags_, owner(4, "plugins"));
  char name[32];

  std::strcpy(name, "my_logger");
  oqm_logger l{};
  l.size = sizeof(oqm_logger);
  l.name = name;
  l.kinds = OQM_LOG_RESULT | OQM_LOG_STATUS;
  l.max_batch_records = 500;
  l.log_batch = &logBatch;
  ASSERT_EQ(call(host, &oqm_host_api::register_logger, &l), "");

  std::strcpy(name, "my_config");
  oqm_config_plugin c{};
  c.size = sizeof(oqm_config_plugin);
  c.name = name;
  c.gen_config = &genConfig;
  c.destroy = &countConfigDestroy;
  ASSERT_EQ(call(host, &oqm_host_api::register_config, &c), "");

  std::strcpy(name, "my_publisher");
  oqm_publisher p{};
  p.size = sizeof(oqm_publisher);
  p.name = name;
  p.n_fields = 2;
  p.fields = kColumns;
  p.run = &run;
  p.stop = &stop;
  ASSERT_EQ(call(host, &oqm_host_api::register_publisher, &p), "");

  char table[32] = "my_events";
  char publisher[32] = "my_publisher";
  oqm_column columns[] = {{sizeof(oqm_column), "path", OQM_TYPE_TEXT, 0, nullptr},
                          {sizeof(oqm_column), "time", OQM_TYPE_BIGINT, 0, nullptr}};
  oqm_subscriber s{};
  s.size = sizeof(oqm_subscriber);
  s.table = table;
  s.publisher = publisher;
  s.n_columns = 2;
  s.columns = columns;
  s.on_event = &onEvent;
  s.destroy = &countSubscriberDestroy;
  ASSERT_EQ(call(host, &oqm_host_api::register_subscriber, &s), "");

  // Everything the descriptors pointed to may now change.
  std::memset(name, 'x', sizeof(name) - 1);
  std::memset(table, 'x', sizeof(table) - 1);
  std::memset(publisher, 'x', sizeof(publisher) - 1);
  columns[0].name = "changed";

  auto plugins = registry_.plugins();
  ASSERT_EQ(plugins.size(), 4u);
  std::map<std::string, std::shared_ptr<const PluginDefinition>> by_kind;
  for (const auto& plugin : plugins) by_kind[plugin->registry] = plugin;

  auto logger = by_kind.at("logger");
  EXPECT_EQ(logger->name, "my_logger");
  EXPECT_STREQ(logger->logger.name, "my_logger");
  EXPECT_EQ(logger->logger.kinds, OQM_LOG_RESULT | OQM_LOG_STATUS);
  EXPECT_EQ(logger->logger.max_batch_records, 500u);
  EXPECT_EQ(logger->logger.log_batch, &logBatch);
  EXPECT_EQ(logger->owner.name, "plugins");

  auto config = by_kind.at("config");
  EXPECT_STREQ(config->config.name, "my_config");
  EXPECT_EQ(config->config.gen_config, &genConfig);

  auto pub = by_kind.at("event_publisher");
  EXPECT_STREQ(pub->publisher.name, "my_publisher");
  ASSERT_EQ(pub->publisher.n_fields, 2u);
  EXPECT_STREQ(pub->publisher.fields[0].name, "pid");
  EXPECT_STREQ(pub->publisher.fields[1].collate, "nocase");

  auto sub = by_kind.at("event_subscriber");
  EXPECT_EQ(sub->name, "my_events");
  EXPECT_STREQ(sub->subscriber.table, "my_events");
  EXPECT_STREQ(sub->subscriber.publisher, "my_publisher");
  ASSERT_EQ(sub->subscriber.n_columns, 2u);
  EXPECT_STREQ(sub->subscriber.columns[0].name, "path");
  EXPECT_STREQ(sub->subscriber.columns[1].name, "time");
  EXPECT_EQ(sub->subscriber.columns[1].collate, nullptr);

  EXPECT_EQ(host.pluginNames(), (std::vector<std::string>{"logger my_logger", "config my_config",
                                                          "event_publisher my_publisher",
                                                          "event_subscriber my_events"}));

  // An event table may not take the name of a table, nor the other way round.
  oqm_table clash = makeTable("my_events");
  EXPECT_EQ(registerTable(host, clash), "table my_events is already provided by module plugins");

  host.removeAll();
  EXPECT_TRUE(registry_.plugins().empty());
  EXPECT_EQ(g_config_destroyed, 1);
  EXPECT_EQ(g_subscriber_destroyed, 1);
}

TEST_F(ModuleHostTest, RefusesInvalidPlugins) {
  ModuleHost host(registry_, flags_, owner(4, "plugins"));
  oqm_logger l{};
  l.size = sizeof(oqm_logger);
  l.name = "no_batch";
  EXPECT_NE(call(host, &oqm_host_api::register_logger, &l).find("has no log_batch"),
            std::string::npos);
  oqm_config_plugin c{};
  c.size = sizeof(oqm_config_plugin);
  c.name = "bad name";
  c.gen_config = &genConfig;
  EXPECT_NE(call(host, &oqm_host_api::register_config, &c).find("not a valid identifier"),
            std::string::npos);
  oqm_publisher p{};
  p.size = sizeof(oqm_publisher);
  p.name = "no_stop";
  p.run = &run;
  EXPECT_NE(call(host, &oqm_host_api::register_publisher, &p).find("needs both run and stop"),
            std::string::npos);
  oqm_subscriber s{};
  s.size = sizeof(oqm_subscriber);
  s.table = "no_columns";
  s.publisher = "somewhere";
  s.on_event = &onEvent;
  EXPECT_NE(call(host, &oqm_host_api::register_subscriber, &s).find("has no columns"),
            std::string::npos);

  // Two plugins of one kind and name: refused naming the owner.
  oqm_logger good{};
  good.size = sizeof(oqm_logger);
  good.name = "twice";
  good.log_batch = &logBatch;
  ASSERT_EQ(call(host, &oqm_host_api::register_logger, &good), "");
  ModuleHost other(registry_, flags_, owner(5, "other"));
  EXPECT_EQ(call(other, &oqm_host_api::register_logger, &good),
            "logger plugin twice is already provided by plugins");
  EXPECT_EQ(registry_.plugins().size(), 1u);
}

TEST_F(ModuleHostTest, RemoveAllRollsBackEveryRegistration) {
  ModuleHost host(registry_, flags_, owner(6, "rollback"));
  ModuleHost bystander(registry_, flags_, owner(7, "bystander"));
  ASSERT_EQ(registerTable(host, makeTable("first")), "");
  ASSERT_EQ(registerTable(host, makeTable("second")), "");
  ASSERT_EQ(registerTable(bystander, makeTable("third")), "");
  uint64_t before = registry_.generation();

  host.removeAll();
  EXPECT_EQ(registry_.table("first"), nullptr);
  EXPECT_EQ(registry_.table("second"), nullptr);
  EXPECT_NE(registry_.table("third"), nullptr);
  EXPECT_EQ(g_destroyed, 2);
  EXPECT_GT(registry_.generation(), before);
  EXPECT_TRUE(host.owner().gate->closed());
  EXPECT_FALSE(host.registrationOpen());

  host.removeAll();  // idempotent: nothing is destroyed twice
  EXPECT_EQ(g_destroyed, 2);
}

TEST_F(ModuleHostTest, UnregisterThenDestroyAreSeparateSteps) {
  ModuleHost host(registry_, flags_, owner(6, "steps"));
  ASSERT_EQ(registerTable(host, makeTable("stepped")), "");
  host.unregister();
  EXPECT_EQ(registry_.table("stepped"), nullptr);
  EXPECT_EQ(g_destroyed, 0);
  host.owner().gate->closeAndWait();
  host.destroyAll();
  EXPECT_EQ(g_destroyed, 1);
  host.destroyAll();
  EXPECT_EQ(g_destroyed, 1);
}

TEST_F(ModuleHostTest, RemoveAllWaitsForRunningCallsBeforeDestroy) {
  ModuleHost host(registry_, flags_, owner(8, "busy"));
  ASSERT_EQ(registerTable(host, makeTable("busy_table")), "");
  auto gate = host.owner().gate;
  std::promise<void> leased;
  std::promise<void> release;
  std::thread call([&] {
    auto lease = gate->acquire();
    leased.set_value();
    release.get_future().wait();
  });
  leased.get_future().wait();
  std::atomic<bool> done{false};
  auto removal = std::async(std::launch::async, [&] {
    host.removeAll();
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  EXPECT_FALSE(done);
  EXPECT_EQ(g_destroyed, 0);
  EXPECT_EQ(registry_.table("busy_table"), nullptr);  // already invisible to new statements
  release.set_value();
  call.join();
  removal.get();
  EXPECT_TRUE(done);
  EXPECT_EQ(g_destroyed, 1);
}

TEST_F(ModuleHostTest, KernelOwnerWithoutAGateCanBeRemoved) {
  ModuleHost host(registry_, flags_, Owner{});
  ASSERT_EQ(registerTable(host, makeTable("core_table")), "");
  EXPECT_EQ(registry_.table("core_table")->owner.name, "core");
  host.removeAll();
  EXPECT_EQ(registry_.table("core_table"), nullptr);
  EXPECT_EQ(g_destroyed, 1);
}

TEST_F(ModuleHostTest, GetOptionCopiesTruncatesAndReportsTheFullLength) {
  ModuleHost host(registry_, flags_, owner(3, "tester"));
  const oqm_host_api* api = host.api();
  char buffer[64];
  EXPECT_EQ(api->get_option(api->host, "config_plugin", buffer, sizeof(buffer)), 10);
  EXPECT_STREQ(buffer, "filesystem");

  char small[4];
  EXPECT_EQ(api->get_option(api->host, "config_plugin", small, sizeof(small)), 10);
  EXPECT_STREQ(small, "fil");

  EXPECT_EQ(api->get_option(api->host, "config_plugin", nullptr, 0), 10);
  EXPECT_EQ(api->get_option(api->host, "no_such_option", buffer, sizeof(buffer)), -1);
  EXPECT_EQ(api->get_option(api->host, nullptr, buffer, sizeof(buffer)), -1);
  EXPECT_EQ(api->get_option(api->host, "db_path", buffer, sizeof(buffer)),
            static_cast<int64_t>(std::strlen("/var/osquery/osquery.db")));

  // A module's own option, and a value set later.
  FlagDefinition def{"tester_option", FlagType::String, "abc", "", FlagKind::Option, "tester"};
  ASSERT_TRUE(flags_.defineModuleOption(def).isOk());
  EXPECT_EQ(api->get_option(api->host, "tester_option", buffer, sizeof(buffer)), 3);
  EXPECT_STREQ(buffer, "abc");
  ASSERT_TRUE(flags_.set("tester_option", "longer value").isOk());
  EXPECT_EQ(api->get_option(api->host, "tester_option", buffer, sizeof(buffer)), 12);
  EXPECT_STREQ(buffer, "longer value");
}

TEST_F(ModuleHostTest, LogAcceptsAnySeverityAndText) {
  ModuleHost host(registry_, flags_, owner(3, "tester"));
  const oqm_host_api* api = host.api();
  const char* text = "a status line, not NUL terminated here";
  api->log(api->host, OQM_SEVERITY_INFO, text, 8);
  api->log(api->host, OQM_SEVERITY_WARNING, text, std::strlen(text));
  api->log(api->host, OQM_SEVERITY_ERROR, text, std::strlen(text));
  api->log(api->host, 42, text, std::strlen(text));
  api->log(api->host, OQM_SEVERITY_INFO, nullptr, 5);
  SUCCEED();
}

}  // namespace
}  // namespace oqk
