// Tests of ModuleLoader against the fixture modules in fixtures/: every refusal, init rollback,
// vetoes, unloading while a call is running, reloading a rebuilt file, and --modules selection.
#include "kernel/module_loader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "kernel/flags.h"
#include "kernel/registry.h"

namespace fs = std::filesystem;

namespace oqk {
namespace {

const fs::path kFixtures = OQM_KERNEL_FIXTURES_DIR;

using Table = std::vector<std::vector<std::string>>;

// A row sink that renders every value as text; NULL is "NULL".
struct Collector {
  Table rows;
  std::vector<std::string> row;
  size_t columns = 0;

  static Collector& of(void* ctx) { return *static_cast<Collector*>(ctx); }
  static void begin(void* ctx) { of(ctx).row.assign(of(ctx).columns, "NULL"); }
  static void setInteger(void* ctx, uint32_t c, int64_t v) {
    of(ctx).row.at(c) = std::to_string(v);
  }
  static void setDouble(void* ctx, uint32_t c, double v) { of(ctx).row.at(c) = std::to_string(v); }
  static void setText(void* ctx, uint32_t c, const char* t, size_t n) {
    of(ctx).row.at(c) = std::string(t, n);
  }
  static void setBlob(void* ctx, uint32_t c, const void* d, size_t n) {
    of(ctx).row.at(c) = std::string(static_cast<const char*>(d), n);
  }
  static int32_t end(void* ctx) {
    of(ctx).rows.push_back(of(ctx).row);
    return OQM_OK;
  }
};

// Calls the table's generate the way the SQL bridge does: under a lease on its owner.
Table scan(const TableDefinition& table, std::string* error = nullptr) {
  auto lease = table.owner.gate->acquire();
  if (!lease) {
    if (error != nullptr) *error = "table was unloaded";
    return {};
  }
  Collector collector;
  collector.columns = table.columns.size();
  oqm_row_sink sink{
      sizeof(oqm_row_sink),  &collector,          &Collector::begin,   &Collector::setInteger,
      &Collector::setDouble, &Collector::setText, &Collector::setBlob, &Collector::end};
  oqm_query query{sizeof(oqm_query), 0, nullptr, static_cast<uint32_t>(table.columns.size()),
                  nullptr,           -1};
  char message[256] = {0};
  oqm_error err{sizeof(oqm_error), sizeof(message), message};
  if (table.generate(table.user_data, &query, &sink, &err) != OQM_OK) {
    if (error != nullptr) *error = message;
    return {};
  }
  return collector.rows;
}

bool startsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

class ModuleLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/oqm_loader_test_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    log_ = dir_ / "fixture.log";
    ::setenv("OQM_FIXTURE_LOG", log_.c_str(), 1);
  }
  void TearDown() override {
    ::unsetenv("OQM_FIXTURE_LOG");
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Copies a fixture into this test's directory (a fresh file: a new inode) with `mode`.
  std::string install(const std::string& fixture, std::string as = "", mode_t mode = 0755,
                      const fs::path& into = {}) {
    if (as.empty()) as = fixture + ".so";
    fs::path target = (into.empty() ? dir_ : into) / as;
    fs::remove(target);
    fs::copy_file(kFixtures / (fixture + ".so"), target);
    ::chmod(target.c_str(), mode);
    return target.string();
  }

  std::vector<std::string> logLines() const {
    std::vector<std::string> lines;
    std::ifstream in(log_);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
  bool logged(const std::string& line) const {
    auto lines = logLines();
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  }
  // Index of a line in the fixture log, or -1.
  int logIndex(const std::string& line) const {
    auto lines = logLines();
    auto it = std::find(lines.begin(), lines.end(), line);
    return it == lines.end() ? -1 : static_cast<int>(it - lines.begin());
  }

  // A refusal is one sentence: it names the file, and ends with its only period.
  void expectRefusal(const Status& st, const std::string& path, const std::string& reason) {
    ASSERT_FALSE(st.isOk());
    const std::string& m = st.message();
    EXPECT_TRUE(startsWith(m, "Refusing module " + path + ": ")) << m;
    EXPECT_NE(m.find(reason), std::string::npos) << m;
    EXPECT_EQ(m.back(), '.') << m;
    EXPECT_EQ(m.find(". "), std::string::npos) << m;
  }

  fs::path dir_;
  fs::path log_;
  Registry registry_;
  Flags flags_;
};

TEST_F(ModuleLoaderTest, LoadsAGoodModule) {
  ModuleLoader loader(registry_, flags_);
  std::string path = install("fixture_good");
  auto r = loader.load(path);
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(r->name, "fixture_good");
  EXPECT_EQ(r->version, "1.0.0");
  EXPECT_EQ(r->path, path);
  EXPECT_EQ(r->abi_major, 1u);
  EXPECT_EQ(r->abi_minor, static_cast<uint32_t>(OQM_ABI_MINOR));
  EXPECT_NE(r->id, 0u);
  EXPECT_EQ(r->tables, std::vector<std::string>{"fixture_numbers"});
  EXPECT_EQ(r->plugins, (std::vector<std::string>{"logger fixture_logger", "config fixture_config",
                                                  "event_publisher fixture_publisher"}));

  auto table = registry_.table("fixture_numbers");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->owner.name, "fixture_good");
  EXPECT_EQ(table->owner.id, r->id);
  ASSERT_NE(table->owner.gate, nullptr);
  ASSERT_EQ(table->columns.size(), 3u);
  EXPECT_EQ(table->columns[0].name, "n");
  EXPECT_EQ(table->columns[0].type, static_cast<uint32_t>(OQM_TYPE_INTEGER));
  EXPECT_EQ(table->columns[1].name, "word");
  EXPECT_EQ(registry_.plugins().size(), 3u);

  auto modules = loader.modules();
  ASSERT_EQ(modules.size(), 1u);
  EXPECT_EQ(modules[0].name, "fixture_good");
  EXPECT_EQ(modules[0].tables, r->tables);
  EXPECT_TRUE(logged("init fixture_good 1.0.0"));
}

TEST_F(ModuleLoaderTest, RelativePathIsMadeAbsolute) {
  ModuleLoader loader(registry_, flags_);
  std::string path = install("fixture_good");
  auto cwd = fs::current_path();
  fs::current_path(dir_);
  auto r = loader.load("./fixture_good.so");
  fs::current_path(cwd);
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(r->path, path);
}

TEST_F(ModuleLoaderTest, GeneratesRowsUnderALease) {
  ModuleLoader loader(registry_, flags_);
  ASSERT_TRUE(loader.load(install("fixture_good")).isOk());
  auto table = registry_.table("fixture_numbers");
  ASSERT_NE(table, nullptr);
  std::string error;
  Table rows = scan(*table, &error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(rows, (Table{{"1", "one", "hello"}, {"2", "two", "hello"}, {"3", "three", "hello"}}));
}

TEST_F(ModuleLoaderTest, ModuleOptionsBecomeFlags) {
  ModuleLoader loader(registry_, flags_);
  ASSERT_TRUE(loader.load(install("fixture_good")).isOk());
  // Defaults, as declared.
  EXPECT_EQ(flags_.get("fixture_greeting"), "hello");
  EXPECT_EQ(flags_.get("fixture_limit"), "10");
  EXPECT_EQ(flags_.get("fixture_verbose"), "false");
  EXPECT_TRUE(flags_.isDefault("fixture_greeting"));
  auto entries = flags_.all();
  auto it = std::find_if(entries.begin(), entries.end(),
                         [](const Flags::Entry& e) { return e.def.name == "fixture_greeting"; });
  ASSERT_NE(it, entries.end());
  EXPECT_EQ(it->def.owner, "fixture_good");
  EXPECT_EQ(it->def.type, FlagType::String);
  EXPECT_EQ(it->def.kind, FlagKind::Option);
  EXPECT_EQ(it->def.description, "Greeting of the fixture");

  // Typed like the kernel's flags.
  EXPECT_FALSE(flags_.set("fixture_limit", "abc").isOk());
  EXPECT_TRUE(flags_.set("fixture_limit", "20").isOk());
  EXPECT_FALSE(flags_.set("fixture_verbose", "maybe").isOk());
  EXPECT_TRUE(flags_.set("fixture_verbose", "true").isOk());

  // The module reads its option through get_option at scan time.
  ASSERT_TRUE(flags_.set("fixture_greeting", "bonjour").isOk());
  auto table = registry_.table("fixture_numbers");
  ASSERT_NE(table, nullptr);
  Table rows = scan(*table);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][2], "bonjour");

  // And the strict second parse of a host accepts them on the command line.
  const char* argv[] = {"osqueryi", "--fixture_greeting=salut", "--fixture_verbose"};
  auto parsed = flags_.parseCommandLine(3, argv);
  ASSERT_TRUE(parsed.isOk()) << parsed.status().message();
  EXPECT_EQ(flags_.get("fixture_greeting"), "salut");
  EXPECT_TRUE(flags_.getBool("fixture_verbose"));
}

TEST_F(ModuleLoaderTest, UnloadRemovesEverythingInOrder) {
  ModuleLoader loader(registry_, flags_);
  ASSERT_TRUE(loader.load(install("fixture_good")).isOk());
  uint64_t before = registry_.generation();

  std::vector<std::string> seen_by_hook;
  loader.setUnregisteredHook([&](const ModuleInfo& info) {
    // Runs after the entries left the Registry, before anything was destroyed.
    seen_by_hook.push_back(info.name);
    EXPECT_EQ(registry_.table("fixture_numbers"), nullptr);
    EXPECT_FALSE(logged("destroy fixture_numbers"));
  });
  auto st = loader.unload("fixture_good");
  ASSERT_TRUE(st.isOk()) << st.message();
  EXPECT_EQ(seen_by_hook, std::vector<std::string>{"fixture_good"});
  EXPECT_EQ(registry_.table("fixture_numbers"), nullptr);
  EXPECT_TRUE(registry_.plugins().empty());
  EXPECT_GT(registry_.generation(), before);
  EXPECT_TRUE(loader.modules().empty());
  EXPECT_FALSE(flags_.exists("fixture_greeting"));
  EXPECT_FALSE(flags_.exists("fixture_limit"));

  int destroyed = logIndex("destroy fixture_numbers");
  int config_destroyed = logIndex("destroy fixture_config");
  int shutdown = logIndex("shutdown fixture_good");
  ASSERT_GE(destroyed, 0);
  ASSERT_GE(config_destroyed, 0);
  ASSERT_GE(shutdown, 0);
  EXPECT_LT(destroyed, shutdown);
  EXPECT_LT(config_destroyed, shutdown);
}

TEST_F(ModuleLoaderTest, UnloadOfAnUnknownModuleIsAnError) {
  ModuleLoader loader(registry_, flags_);
  auto st = loader.unload("nope");
  ASSERT_FALSE(st.isOk());
  EXPECT_NE(st.message().find("No module named nope is loaded"), std::string::npos) << st.message();
}

TEST_F(ModuleLoaderTest, UnloadWaitsForARunningCallBeforeDestroy) {
  ModuleLoader loader(registry_, flags_);
  ASSERT_TRUE(loader.load(install("fixture_good")).isOk());
  auto table = registry_.table("fixture_numbers");
  ASSERT_NE(table, nullptr);

  // Another thread is "inside a statement": it holds a lease until told to finish.
  std::promise<void> leased;
  std::promise<void> finish;
  std::shared_future<void> finish_future = finish.get_future().share();
  Table rows_during_unload;
  std::thread statement([&] {
    auto lease = table->owner.gate->acquire();
    leased.set_value();
    finish_future.wait();
    // The table is unregistered by now, but its code and user data are still alive.
    Collector collector;
    collector.columns = table->columns.size();
    oqm_row_sink sink{
        sizeof(oqm_row_sink),  &collector,          &Collector::begin,   &Collector::setInteger,
        &Collector::setDouble, &Collector::setText, &Collector::setBlob, &Collector::end};
    oqm_query query{sizeof(oqm_query), 0, nullptr, 3, nullptr, -1};
    char message[128] = {0};
    oqm_error err{sizeof(oqm_error), sizeof(message), message};
    if (table->generate(table->user_data, &query, &sink, &err) == OQM_OK) {
      rows_during_unload = collector.rows;
    }
  });
  leased.get_future().wait();

  std::atomic<bool> unloaded{false};
  auto unload = std::async(std::launch::async, [&] {
    auto st = loader.unload("fixture_good");
    unloaded = true;
    return st;
  });
  // Unload unregisters at once, then waits for the lease.
  for (int i = 0; i < 200 && registry_.table("fixture_numbers") != nullptr; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(registry_.table("fixture_numbers"), nullptr);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(unloaded);
  EXPECT_FALSE(logged("destroy fixture_numbers"));
  EXPECT_FALSE(table->owner.gate->acquire().has_value());  // no new calls start

  finish.set_value();
  statement.join();
  auto st = unload.get();
  EXPECT_TRUE(st.isOk()) << st.message();
  EXPECT_TRUE(logged("destroy fixture_numbers"));
  EXPECT_EQ(rows_during_unload.size(), 3u);
  // A statement that looks the table up afterwards finds the gate closed.
  std::string error;
  EXPECT_TRUE(scan(*table, &error).empty());
  EXPECT_EQ(error, "table was unloaded");
}

TEST_F(ModuleLoaderTest, ReloadPicksUpTheNewFile) {
  ModuleLoader loader(registry_, flags_);
  std::string path = install("fixture_good", "module_under_test.so");
  auto first = loader.load(path);
  ASSERT_TRUE(first.isOk()) << first.status().message();
  EXPECT_EQ(first->version, "1.0.0");
  EXPECT_EQ(scan(*registry_.table("fixture_numbers")).at(1).at(1), "two");
  ASSERT_TRUE(loader.unload("fixture_good").isOk());

  // The file is rebuilt (replaced) at the same path between the loads.
  install("fixture_good_v2", "module_under_test.so");
  auto second = loader.load(path);
  ASSERT_TRUE(second.isOk()) << second.status().message();
  EXPECT_EQ(second->version, "2.0.0");
  EXPECT_NE(second->id, first->id);
  EXPECT_EQ(scan(*registry_.table("fixture_numbers")).at(1).at(1), "zwei");
  EXPECT_TRUE(logged("init fixture_good 2.0.0"));

  // And back again.
  ASSERT_TRUE(loader.unload("fixture_good").isOk());
  install("fixture_good", "module_under_test.so");
  auto third = loader.load(path);
  ASSERT_TRUE(third.isOk()) << third.status().message();
  EXPECT_EQ(third->version, "1.0.0");
  EXPECT_EQ(scan(*registry_.table("fixture_numbers")).at(1).at(1), "two");
}

TEST_F(ModuleLoaderTest, RefusesToReloadAnImageThatCouldNotBeUnmapped) {
  ModuleLoader loader(registry_, flags_);
  std::string path = install("fixture_nodelete");
  ASSERT_TRUE(loader.load(path).isOk());
  ASSERT_TRUE(loader.unload("fixture_nodelete").isOk());
  EXPECT_EQ(registry_.table("fixture_sticky"), nullptr);
  EXPECT_TRUE(logged("destroy fixture_sticky"));
  expectRefusal(loader.load(path).status(), path,
                "an earlier image of this file is still mapped in this process");
  EXPECT_EQ(registry_.table("fixture_sticky"), nullptr);
  // A copy at a new path is a new image.
  auto fresh = loader.load(install("fixture_nodelete", "fixture_nodelete_copy.so"));
  EXPECT_TRUE(fresh.isOk()) << fresh.status().message();
}

TEST_F(ModuleLoaderTest, RefusesAMissingFile) {
  ModuleLoader loader(registry_, flags_);
  std::string path = (dir_ / "absent.so").string();
  expectRefusal(loader.load(path).status(), path, "the file does not exist");
}

TEST_F(ModuleLoaderTest, RefusesADirectory) {
  ModuleLoader loader(registry_, flags_);
  fs::create_directory(dir_ / "folder.so");
  std::string path = (dir_ / "folder.so").string();
  expectRefusal(loader.load(path).status(), path, "it is not a regular file");
}

TEST_F(ModuleLoaderTest, RefusesAGroupWritableFile) {
  ModuleLoader loader(registry_, flags_);
  std::string path = install("fixture_good", "", 0664);
  auto st = loader.load(path).status();
  expectRefusal(st, path, "it is writable by group or others (mode 0664)");
  EXPECT_NE(st.message().find("run chmod go-w " + path), std::string::npos) << st.message();
  EXPECT_FALSE(logged("init fixture_good 1.0.0"));
  EXPECT_EQ(registry_.table("fixture_numbers"), nullptr);
}

TEST_F(ModuleLoaderTest, RefusesAWorldWritableFile) {
  ModuleLoader loader(registry_, flags_);
  std::string path = install("fixture_good", "", 0757);
  expectRefusal(loader.load(path).status(), path, "(mode 0757)");
}

TEST_F(ModuleLoaderTest, FollowsASymlinkToASafeFile) {
  ModuleLoader loader(registry_, flags_);
  std::string target = install("fixture_good");
  fs::create_symlink(target, dir_ / "link.so");
  auto r = loader.load((dir_ / "link.so").string());
  EXPECT_TRUE(r.isOk()) << r.status().message();
}

TEST_F(ModuleLoaderTest, RefusesAFileOfAnotherUser) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a file to another user";
  ModuleLoader loader(registry_, flags_);
  std::string path = install("fixture_good");
  ASSERT_EQ(::chown(path.c_str(), 65534, static_cast<gid_t>(-1)), 0);
  auto st = loader.load(path).status();
  expectRefusal(st, path, "it is owned by uid 65534, neither root nor the user running osquery");
  EXPECT_NE(st.message().find("run chown"), std::string::npos);
}

TEST_F(ModuleLoaderTest, RefusesAFileThatIsNotELF) {
  ModuleLoader loader(registry_, flags_);
  std::string path = (dir_ / "notes.so").string();
  std::ofstream(path) << "these are not the bytes you are looking for\n";
  ::chmod(path.c_str(), 0644);
  expectRefusal(loader.load(path).status(), path, "it is not an ELF shared library");
  std::string empty = (dir_ / "empty.so").string();
  std::ofstream(empty).flush();
  ::chmod(empty.c_str(), 0644);
  expectRefusal(loader.load(empty).status(), empty, "it is not an ELF shared library");
}

TEST_F(ModuleLoaderTest, RefusesALibraryWithoutTheEntryPoint) {
  ModuleLoader loader(registry_, flags_);
  std::string path = install("fixture_no_entry");
  auto st = loader.load(path).status();
  expectRefusal(st, path, "it does not export oqm_module_v1");
  EXPECT_NE(st.message().find("oqm_add_module()"), std::string::npos) << st.message();
}

TEST_F(ModuleLoaderTest, LoadsAStrippedModule) {
  // Installed modules are usually stripped (no .symtab): the check reads .dynsym.
  if (std::system("command -v strip >/dev/null 2>&1") != 0) GTEST_SKIP() << "no strip";
  ModuleLoader loader(registry_, flags_);
  std::string path = install("fixture_good");
  ASSERT_EQ(std::system(("strip --strip-all " + path).c_str()), 0);
  ::chmod(path.c_str(), 0755);
  auto r = loader.load(path);
  EXPECT_TRUE(r.isOk()) << r.status().message();
}

TEST_F(ModuleLoaderTest, RefusesAnotherABIMajor) {
  ModuleLoader loader(registry_, flags_);
  std::string path = install("fixture_abi2");
  expectRefusal(loader.load(path).status(), path,
                "it was built for module ABI 2 but this osquery speaks ABI 1; rebuild it "
                "against this SDK");
  EXPECT_FALSE(logged("init fixture_abi2"));
}

TEST_F(ModuleLoaderTest, RefusesAShortManifest) {
  ModuleLoader loader(registry_, flags_);
  std::string path = install("fixture_short_manifest");
  expectRefusal(loader.load(path).status(), path, "shorter than the ABI 1.0 layout");
  EXPECT_FALSE(logged("init fixture_short_manifest"));
}

TEST_F(ModuleLoaderTest, RefusesAnInvalidName) {
  ModuleLoader loader(registry_, flags_);
  std::string path = install("fixture_bad_name");
  expectRefusal(loader.load(path).status(), path, "its name 'Bad-Name' is not a valid module name");
}

TEST_F(ModuleLoaderTest, RefusesANameAlreadyLoaded) {
  ModuleLoader loader(registry_, flags_);
  std::string first = install("fixture_good");
  ASSERT_TRUE(loader.load(first).isOk());
  std::string second = install("fixture_good_v2");
  auto st = loader.load(second).status();
  expectRefusal(st, second, "a module named fixture_good is already loaded (from " + first + ")");
  EXPECT_NE(st.message().find(".unload fixture_good"), std::string::npos);
  EXPECT_EQ(loader.modules().size(), 1u);
  EXPECT_EQ(loader.modules()[0].version, "1.0.0");
}

TEST_F(ModuleLoaderTest, RefusesAnOptionThatClashesWithAFlag) {
  ModuleLoader loader(registry_, flags_);
  std::string path = install("fixture_option_clash");
  auto st = loader.load(path).status();
  expectRefusal(st, path, "its option verbose clashes with an existing flag");
  EXPECT_FALSE(flags_.exists("fixture_clash_first"));  // defined, then rolled back
  EXPECT_TRUE(flags_.exists("verbose"));
  EXPECT_FALSE(logged("init fixture_option_clash"));
}

TEST_F(ModuleLoaderTest, InitFailureRollsBackRegistrations) {
  ModuleLoader loader(registry_, flags_);
  std::string path = install("fixture_init_fails");
  uint64_t before = registry_.generation();
  auto st = loader.load(path).status();
  expectRefusal(st, path, "init failed: the fixture refuses to start");
  EXPECT_EQ(registry_.table("fixture_doomed"), nullptr);
  EXPECT_GT(registry_.generation(), before);  // it was there, and left
  EXPECT_FALSE(flags_.exists("fixture_doomed_option"));
  EXPECT_TRUE(loader.modules().empty());
  int destroyed = logIndex("destroy fixture_doomed");
  int shutdown = logIndex("shutdown fixture_init_fails");
  ASSERT_GE(destroyed, 0);
  ASSERT_GE(shutdown, 0);
  EXPECT_LT(destroyed, shutdown);

  // Nothing is left behind: the same refusal again, not "already loaded".
  expectRefusal(loader.load(path).status(), path, "init failed: the fixture refuses to start");
}

TEST_F(ModuleLoaderTest, RefusesADuplicateTable) {
  ModuleLoader loader(registry_, flags_);
  ASSERT_TRUE(loader.load(install("fixture_good")).isOk());
  std::string path = install("fixture_duplicate_table");
  expectRefusal(loader.load(path).status(), path,
                "init failed: table fixture_numbers is already provided by module fixture_good");
  auto table = registry_.table("fixture_numbers");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->owner.name, "fixture_good");
  EXPECT_EQ(scan(*table).size(), 3u);
  EXPECT_EQ(loader.modules().size(), 1u);
}

TEST_F(ModuleLoaderTest, KeepsWorkingAfterRefusals) {
  ModuleLoader loader(registry_, flags_);
  for (const char* broken :
       {"fixture_abi2", "fixture_no_entry", "fixture_init_fails", "fixture_short_manifest",
        "fixture_bad_name", "fixture_option_clash"}) {
    EXPECT_FALSE(loader.load(install(broken)).isOk()) << broken;
  }
  EXPECT_FALSE(loader.load(install("fixture_good", "", 0666)).isOk());
  auto r = loader.load(install("fixture_good", "good_after_all.so"));
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(scan(*registry_.table("fixture_numbers")).size(), 3u);
  EXPECT_EQ(loader.modules().size(), 1u);
}

TEST_F(ModuleLoaderTest, CanUnloadVetoIsRespectedAndTheDestructorOverridesIt) {
  {
    ModuleLoader loader(registry_, flags_);
    ASSERT_TRUE(loader.load(install("fixture_veto")).isOk());
    auto st = loader.unload("fixture_veto");
    ASSERT_FALSE(st.isOk());
    EXPECT_EQ(st.message(), "Module fixture_veto refuses to be unloaded: busy.");
    EXPECT_NE(registry_.table("fixture_veto_table"), nullptr);
    EXPECT_EQ(loader.modules().size(), 1u);
    EXPECT_FALSE(logged("shutdown fixture_veto"));
  }
  EXPECT_EQ(registry_.table("fixture_veto_table"), nullptr);
  EXPECT_TRUE(logged("destroy fixture_veto_table"));
  EXPECT_TRUE(logged("shutdown fixture_veto"));
}

TEST_F(ModuleLoaderTest, APublisherInUseCannotBeUnloaded) {
  ModuleLoader loader(registry_, flags_);
  ASSERT_TRUE(loader.load(install("fixture_good")).isOk());
  ASSERT_TRUE(loader.load(install("fixture_subscriber")).isOk());
  auto st = loader.unload("fixture_good");
  ASSERT_FALSE(st.isOk());
  EXPECT_NE(st.message().find("event table fixture_events of module fixture_subscriber uses its "
                              "publisher fixture_publisher; unload fixture_subscriber first"),
            std::string::npos)
      << st.message();
  EXPECT_NE(registry_.table("fixture_numbers"), nullptr);
  ASSERT_TRUE(loader.unload("fixture_subscriber").isOk());
  EXPECT_TRUE(logged("destroy fixture_events"));
  EXPECT_TRUE(loader.unload("fixture_good").isOk());
}

TEST_F(ModuleLoaderTest, DestructorUnloadsNewestFirst) {
  {
    ModuleLoader loader(registry_, flags_);
    ASSERT_TRUE(loader.load(install("fixture_good")).isOk());
    ASSERT_TRUE(loader.load(install("fixture_subscriber")).isOk());
    ASSERT_TRUE(loader.load(install("fixture_veto")).isOk());
  }
  int veto = logIndex("shutdown fixture_veto");
  int events = logIndex("destroy fixture_events");
  int numbers = logIndex("destroy fixture_numbers");
  ASSERT_GE(veto, 0);
  ASSERT_GE(events, 0);
  ASSERT_GE(numbers, 0);
  EXPECT_LT(veto, events);
  EXPECT_LT(events, numbers);
  EXPECT_TRUE(registry_.tables().empty());
  EXPECT_TRUE(registry_.plugins().empty());
  EXPECT_FALSE(flags_.exists("fixture_greeting"));
}

// --modules_dir, --modules, --module and --disable_modules.
class LoadSelectedTest : public ModuleLoaderTest {
 protected:
  void SetUp() override {
    ModuleLoaderTest::SetUp();
    modules_ = dir_ / "modules";
    fs::create_directory(modules_);
    install("fixture_veto", "", 0755, modules_);
    install("fixture_good", "", 0755, modules_);
    std::ofstream(modules_ / "README") << "not a module\n";
  }
  std::vector<std::string> names(const ModuleLoader& loader) {
    std::vector<std::string> out;
    for (const auto& m : loader.modules()) out.push_back(m.name);
    return out;
  }
  fs::path modules_;
};

TEST_F(LoadSelectedTest, LoadsEveryModuleOfTheDefaultDirectoryInNameOrder) {
  ModuleLoader loader(registry_, flags_);
  auto refusals = loader.loadSelected(modules_.string());
  EXPECT_TRUE(refusals.empty());
  EXPECT_EQ(names(loader), (std::vector<std::string>{"fixture_good", "fixture_veto"}));
}

TEST_F(LoadSelectedTest, ModulesDirFlagWinsOverTheDefault) {
  ModuleLoader loader(registry_, flags_);
  ASSERT_TRUE(flags_.set("modules_dir", modules_.string()).isOk());
  auto refusals = loader.loadSelected((dir_ / "elsewhere").string());
  EXPECT_TRUE(refusals.empty());
  EXPECT_EQ(names(loader).size(), 2u);
}

TEST_F(LoadSelectedTest, AMissingDefaultDirectoryIsNotARefusal) {
  ModuleLoader loader(registry_, flags_);
  EXPECT_TRUE(loader.loadSelected((dir_ / "elsewhere").string()).empty());
  EXPECT_TRUE(loader.modules().empty());
}

TEST_F(LoadSelectedTest, AMissingModulesDirFlagIsARefusal) {
  ModuleLoader loader(registry_, flags_);
  ASSERT_TRUE(flags_.set("modules_dir", (dir_ / "elsewhere").string()).isOk());
  auto refusals = loader.loadSelected(modules_.string());
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_NE(refusals[0].message().find("--modules_dir"), std::string::npos);
  EXPECT_TRUE(loader.modules().empty());
}

TEST_F(LoadSelectedTest, ModulesFlagSelectsByName) {
  ModuleLoader loader(registry_, flags_);
  ASSERT_TRUE(flags_.set("modules", "fixture_veto").isOk());
  EXPECT_TRUE(loader.loadSelected(modules_.string()).empty());
  EXPECT_EQ(names(loader), std::vector<std::string>{"fixture_veto"});
}

TEST_F(LoadSelectedTest, AMissingSelectedModuleIsARefusalTheOthersLoad) {
  ModuleLoader loader(registry_, flags_);
  ASSERT_TRUE(flags_.set("modules", "fixture_good, missing").isOk());
  auto refusals = loader.loadSelected(modules_.string());
  ASSERT_EQ(refusals.size(), 1u);
  std::string missing = (modules_ / "missing.so").string();
  EXPECT_NE(refusals[0].message().find("Refusing module " + missing + ": the file does not exist"),
            std::string::npos)
      << refusals[0].message();
  EXPECT_EQ(names(loader), std::vector<std::string>{"fixture_good"});
}

TEST_F(LoadSelectedTest, ABrokenModuleInTheDirectoryDoesNotStopTheOthers) {
  install("fixture_abi2", "", 0755, modules_);
  ModuleLoader loader(registry_, flags_);
  auto refusals = loader.loadSelected(modules_.string());
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_NE(refusals[0].message().find("fixture_abi2.so"), std::string::npos);
  EXPECT_EQ(names(loader), (std::vector<std::string>{"fixture_good", "fixture_veto"}));
}

TEST_F(LoadSelectedTest, DisableModulesLoadsNothingFromTheDirectory) {
  ModuleLoader loader(registry_, flags_);
  ASSERT_TRUE(flags_.set("disable_modules", "true").isOk());
  EXPECT_TRUE(loader.loadSelected(modules_.string()).empty());
  EXPECT_TRUE(loader.modules().empty());
}

TEST_F(LoadSelectedTest, ModuleFlagAddsPathsAndIsRepeatable) {
  std::string extra1 = install("fixture_subscriber");
  std::string extra2 = install("fixture_duplicate_table");
  const std::string arg1 = "--module=" + extra1;
  const char* argv[] = {"osqueryd", "--disable_modules", arg1.c_str(), "--module", extra2.c_str()};
  auto parsed = flags_.parseCommandLine(5, argv);
  ASSERT_TRUE(parsed.isOk()) << parsed.status().message();
  EXPECT_EQ(flags_.getString("module"), extra1 + "," + extra2);

  ModuleLoader loader(registry_, flags_);
  auto refusals = loader.loadSelected(modules_.string());
  EXPECT_TRUE(refusals.empty());
  EXPECT_EQ(names(loader),
            (std::vector<std::string>{"fixture_subscriber", "fixture_duplicate_table"}));
}

TEST_F(LoadSelectedTest, TheSameFileSelectedTwiceIsLoadedOnce) {
  ModuleLoader loader(registry_, flags_);
  ASSERT_TRUE(flags_.set("module", (modules_ / "fixture_good.so").string()).isOk());
  EXPECT_TRUE(loader.loadSelected(modules_.string()).empty());
  EXPECT_EQ(names(loader), (std::vector<std::string>{"fixture_good", "fixture_veto"}));
}

TEST(ModuleLoaderDefaults, DefaultModulesDirIsBesideTheExecutable) {
  std::string dir = ModuleLoader::defaultModulesDir();
  fs::path exe = fs::read_symlink("/proc/self/exe");
  fs::path prefix = exe.parent_path().parent_path();
  EXPECT_TRUE(startsWith(dir, prefix.string() + "/lib")) << dir;
  EXPECT_NE(dir.find("osquery/modules"), std::string::npos) << dir;
  EXPECT_EQ(dir.find(".."), std::string::npos) << dir;
  EXPECT_TRUE(fs::path(dir).is_absolute());
}

}  // namespace
}  // namespace oqk
