// Tests of Flags: osquery's (gflags') command-line syntax, flagfiles, types, aliases and the
// options modules add.
#include "kernel/flags.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace oqk {
namespace {

class FlagsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/oqm_flags_test_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  Result<std::vector<std::string>> parse(std::initializer_list<std::string> args,
                                         bool tolerate_unknown = false) {
    std::vector<std::string> storage = {"osqueryi"};
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<const char*> argv;
    for (const auto& s : storage) argv.push_back(s.c_str());
    return flags_.parseCommandLine(static_cast<int>(argv.size()), argv.data(), tolerate_unknown);
  }

  std::string writeFile(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }

  fs::path dir_;
  Flags flags_;
};

using Strings = std::vector<std::string>;

TEST_F(FlagsTest, DefaultsAreOsquerys) {
  EXPECT_EQ(flags_.getString("config_plugin"), "filesystem");
  EXPECT_EQ(flags_.getString("logger_path"), "/var/log/osquery/");
  EXPECT_EQ(flags_.getInt("worker_threads"), 4);
  EXPECT_FALSE(flags_.getBool("verbose"));
  EXPECT_TRUE(flags_.getBool("utc"));
  EXPECT_TRUE(flags_.isDefault("verbose"));
  EXPECT_FALSE(flags_.get("no_such_flag").has_value());
  EXPECT_FALSE(flags_.exists("no_such_flag"));
}

TEST_F(FlagsTest, ListsAreSplitOnCommasAndTrimmed) {
  auto r =
      parse({"--logger_plugin=filesystem, stdout,,", "--module", "/a.so", "--module", "/b.so"});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(flags_.getList("logger_plugin"), (Strings{"filesystem", "stdout"}));
  EXPECT_EQ(flags_.getList("module"), (Strings{"/a.so", "/b.so"}));
  EXPECT_TRUE(flags_.getList("modules").empty());
}

TEST_F(FlagsTest, NameEqualsValue) {
  auto r = parse({"--logger_path=/tmp/logs", "--worker_threads=8"});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(flags_.getString("logger_path"), "/tmp/logs");
  EXPECT_EQ(flags_.getInt("worker_threads"), 8);
  EXPECT_FALSE(flags_.isDefault("logger_path"));
}

TEST_F(FlagsTest, NameSpaceValue) {
  auto r = parse({"--logger_path", "/tmp/other", "--config_refresh", "60"});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(flags_.getString("logger_path"), "/tmp/other");
  EXPECT_EQ(flags_.getInt("config_refresh"), 60);
  EXPECT_TRUE(r->empty());
}

TEST_F(FlagsTest, ValuesMayContainEqualsSignsAndSpaces) {
  auto r = parse({"--specified_identifier=a=b c"});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(flags_.getString("specified_identifier"), "a=b c");
}

TEST_F(FlagsTest, EmptyValueForAString) {
  auto r = parse({"--nullvalue="});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(flags_.getString("nullvalue"), "");
  EXPECT_FALSE(flags_.isDefault("nullvalue"));
}

TEST_F(FlagsTest, EmptyValueForABooleanOrNumberIsAnError) {
  auto r = parse({"--verbose="});
  ASSERT_FALSE(r.isOk());
  EXPECT_NE(r.status().message().find("verbose"), std::string::npos) << r.status().message();
  EXPECT_FALSE(parse({"--worker_threads="}).isOk());
  // Unknown ones stay unknown, and tolerated ones leave no empty positional behind.
  auto unknown = parse({"--made_up="});
  ASSERT_FALSE(unknown.isOk());
  EXPECT_NE(unknown.status().message().find("unknown flag '--made_up'"), std::string::npos)
      << unknown.status().message();
  auto tolerated = parse({"--made_up=", "select 1"}, true);
  ASSERT_TRUE(tolerated.isOk()) << tolerated.status().message();
  EXPECT_EQ(*tolerated, Strings{"select 1"});
}

TEST_F(FlagsTest, ShellLetterFlags) {
  auto r = parse({"-L", "-A", "processes"});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_TRUE(flags_.getBool("L"));
  EXPECT_EQ(flags_.getString("A"), "processes");
  EXPECT_TRUE(r->empty());
}

TEST_F(FlagsTest, SingleDashIsAccepted) {
  auto r = parse({"-verbose", "-logger_path=/tmp/single"});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_TRUE(flags_.getBool("verbose"));
  EXPECT_EQ(flags_.getString("logger_path"), "/tmp/single");
}

TEST_F(FlagsTest, BareBooleanIsTrue) {
  auto r = parse({"--verbose"});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_TRUE(flags_.getBool("verbose"));
  EXPECT_EQ(flags_.getString("verbose"), "true");
  EXPECT_FALSE(flags_.isDefault("verbose"));
}

TEST_F(FlagsTest, BooleanWithExplicitValue) {
  auto r = parse({"--utc=false", "--verbose=true", "--json=1", "--header=no"});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_FALSE(flags_.getBool("utc"));
  EXPECT_TRUE(flags_.getBool("verbose"));
  EXPECT_TRUE(flags_.getBool("json"));
  EXPECT_FALSE(flags_.getBool("header"));
  EXPECT_EQ(flags_.getString("utc"), "false");  // normalized
  EXPECT_EQ(flags_.getString("json"), "true");
}

TEST_F(FlagsTest, NoPrefixNegatesABoolean) {
  auto r = parse({"--noutc", "--noheader"});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_FALSE(flags_.getBool("utc"));
  EXPECT_FALSE(flags_.getBool("header"));
  EXPECT_FALSE(flags_.isDefault("utc"));
}

TEST_F(FlagsTest, NoPrefixOnANonBooleanIsUnknown) {
  auto r = parse({"--nologger_path"});
  ASSERT_FALSE(r.isOk());
  EXPECT_NE(r.status().message().find("nologger_path"), std::string::npos) << r.status().message();
}

TEST_F(FlagsTest, BooleanDoesNotSwallowTheNextArgument) {
  auto r = parse({"--json", "select 1"});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_TRUE(flags_.getBool("json"));
  EXPECT_EQ(*r, Strings{"select 1"});
}

TEST_F(FlagsTest, PositionalArgumentsKeepTheirOrder) {
  auto r = parse({"first", "--verbose", "second", "--logger_path", "/tmp/x", "third"});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(*r, (Strings{"first", "second", "third"}));
  EXPECT_EQ(flags_.getString("logger_path"), "/tmp/x");
}

TEST_F(FlagsTest, UnknownFlagIsAnErrorNamingIt) {
  auto r = parse({"--verbose", "--not_a_real_flag=1"});
  ASSERT_FALSE(r.isOk());
  EXPECT_NE(r.status().message().find("not_a_real_flag"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("unknown flag"), std::string::npos);
}

TEST_F(FlagsTest, UnknownFlagsAreSkippedWhenTolerated) {
  auto r = parse({"--not_yet_defined=1", "--verbose", "select 1", "--nope"}, true);
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_TRUE(flags_.getBool("verbose"));
  EXPECT_EQ(*r, Strings{"select 1"});
  EXPECT_FALSE(flags_.exists("not_yet_defined"));
}

TEST_F(FlagsTest, TypesAreValidated) {
  auto r = parse({"--worker_threads=abc"});
  ASSERT_FALSE(r.isOk());
  EXPECT_NE(r.status().message().find("worker_threads"), std::string::npos);
  EXPECT_NE(r.status().message().find("abc"), std::string::npos);
  EXPECT_NE(r.status().message().find("int32"), std::string::npos);
  EXPECT_EQ(flags_.getInt("worker_threads"), 4);

  EXPECT_FALSE(parse({"--worker_threads=99999999999"}).isOk());  // beyond int32
  EXPECT_FALSE(parse({"--config_refresh=-5"}).isOk());           // uint64
  EXPECT_FALSE(parse({"--config_refresh=12abc"}).isOk());
  EXPECT_FALSE(parse({"--verbose=maybe"}).isOk());
  EXPECT_FALSE(parse({"--worker_threads="}).isOk());
  EXPECT_TRUE(parse({"--watchdog_level=-1"}).isOk());
  EXPECT_EQ(flags_.getInt("watchdog_level"), -1);
  EXPECT_TRUE(parse({"--config_refresh=0x10"}).isOk());
  EXPECT_EQ(flags_.getInt("config_refresh"), 16);
}

TEST_F(FlagsTest, IntegersAreDecimalLikeGflags) {
  // gflags reads "010" as ten (base 10 unless 0x): a leading zero is not octal.
  ASSERT_TRUE(parse({"--config_refresh=010", "--worker_threads=08"}).isOk());
  EXPECT_EQ(flags_.getInt("config_refresh"), 10);
  EXPECT_EQ(flags_.getInt("worker_threads"), 8);
}

TEST_F(FlagsTest, SetValidatesAndMarksTheFlag) {
  EXPECT_TRUE(flags_.set("verbose", "true").isOk());
  EXPECT_FALSE(flags_.isDefault("verbose"));
  auto st = flags_.set("worker_threads", "many");
  ASSERT_FALSE(st.isOk());
  EXPECT_NE(st.message().find("worker_threads"), std::string::npos);
  st = flags_.set("no_such_flag", "1");
  ASSERT_FALSE(st.isOk());
  EXPECT_NE(st.message().find("no_such_flag"), std::string::npos);
}

TEST_F(FlagsTest, SetDefaultDoesNotMarkTheFlagAsGiven) {
  flags_.setDefault("logger_path", "/tmp/host-default");
  EXPECT_EQ(flags_.getString("logger_path"), "/tmp/host-default");
  EXPECT_TRUE(flags_.isDefault("logger_path"));
  flags_.setDefault("worker_threads", "not a number");  // ignored
  EXPECT_EQ(flags_.getInt("worker_threads"), 4);
}

TEST_F(FlagsTest, RepeatableFlagsAreJoinedWithCommas) {
  auto r = parse({"--module", "a.so", "--module=b.so,c.so", "--module", "d.so"});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(flags_.getString("module"), "a.so,b.so,c.so,d.so");
  EXPECT_TRUE(r->empty());
}

TEST_F(FlagsTest, ANonRepeatableFlagGivenTwiceKeepsTheLast) {
  auto r = parse({"--logger_path=/first", "--logger_path=/second"});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(flags_.getString("logger_path"), "/second");
}

TEST_F(FlagsTest, AliasesSetTheirTarget) {
  auto r = parse({"--db_path=/tmp/db", "--osquery_log_dir", "/tmp/logdir"});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(flags_.getString("database_path"), "/tmp/db");
  EXPECT_EQ(flags_.getString("db_path"), "/tmp/db");
  EXPECT_EQ(flags_.getString("logger_path"), "/tmp/logdir");
  EXPECT_FALSE(flags_.isDefault("database_path"));
  EXPECT_TRUE(flags_.exists("db_path"));
  EXPECT_TRUE(flags_.set("config_tls_refresh", "30").isOk());
  EXPECT_EQ(flags_.getInt("config_refresh"), 30);
  ASSERT_TRUE(parse({"-h"}).isOk());
  EXPECT_TRUE(flags_.getBool("help"));
}

TEST_F(FlagsTest, FlagfileWithSpaceOrEquals) {
  std::string file = writeFile("osquery.flags",
                               "# a comment\n"
                               "\n"
                               "--logger_path=/var/log/from-file\n"
                               "   \n"
                               "  # an indented comment\n"
                               "--verbose\n"
                               "--host_identifier uuid\n"
                               "--noutc\n"
                               "--module=x.so\n");
  auto r = parse({"--flagfile", file, "select 1"});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(flags_.getString("logger_path"), "/var/log/from-file");
  EXPECT_TRUE(flags_.getBool("verbose"));
  EXPECT_EQ(flags_.getString("host_identifier"), "uuid");
  EXPECT_FALSE(flags_.getBool("utc"));
  EXPECT_EQ(*r, Strings{"select 1"});

  Flags other;
  std::vector<const char*> argv = {"osqueryd", "--module=y.so"};
  std::string equals = "--flagfile=" + file;
  argv.push_back(equals.c_str());
  auto r2 = other.parseCommandLine(static_cast<int>(argv.size()), argv.data());
  ASSERT_TRUE(r2.isOk()) << r2.status().message();
  EXPECT_EQ(other.getString("logger_path"), "/var/log/from-file");
  EXPECT_EQ(other.getString("module"), "y.so,x.so");
}

TEST_F(FlagsTest, LaterFlagsOverrideTheFlagfile) {
  std::string file = writeFile("f.flags", "--logger_path=/from/file\n");
  ASSERT_TRUE(parse({"--flagfile=" + file, "--logger_path=/from/cli"}).isOk());
  EXPECT_EQ(flags_.getString("logger_path"), "/from/cli");
  ASSERT_TRUE(parse({"--logger_path=/from/cli", "--flagfile=" + file}).isOk());
  EXPECT_EQ(flags_.getString("logger_path"), "/from/file");
}

TEST_F(FlagsTest, NestedFlagfiles) {
  std::string inner = writeFile("inner.flags", "--worker_threads=2\n");
  std::string middle = writeFile("middle.flags", "--flagfile " + inner + "\n--verbose\n");
  std::string outer = writeFile("outer.flags", "--flagfile=" + middle + "\n");
  auto r = parse({"--flagfile", outer});
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(flags_.getInt("worker_threads"), 2);
  EXPECT_TRUE(flags_.getBool("verbose"));
}

TEST_F(FlagsTest, FlagfileErrors) {
  auto r = parse({"--flagfile", (dir_ / "missing.flags").string()});
  ASSERT_FALSE(r.isOk());
  EXPECT_NE(r.status().message().find("missing.flags"), std::string::npos);

  r = parse({"--flagfile"});
  ASSERT_FALSE(r.isOk());
  EXPECT_NE(r.status().message().find("flagfile"), std::string::npos);

  std::string bad = writeFile("bad.flags", "--worker_threads=lots\n");
  r = parse({"--flagfile=" + bad});
  ASSERT_FALSE(r.isOk());
  EXPECT_NE(r.status().message().find("worker_threads"), std::string::npos);

  std::string unknown = writeFile("unknown.flags", "--made_up_flag=1\n");
  r = parse({"--flagfile=" + unknown});
  ASSERT_FALSE(r.isOk());
  EXPECT_NE(r.status().message().find("made_up_flag"), std::string::npos);

  std::string loop = (dir_ / "loop.flags").string();
  writeFile("loop.flags", "--flagfile=" + loop + "\n");
  r = parse({"--flagfile=" + loop});
  ASSERT_FALSE(r.isOk());
  EXPECT_NE(r.status().message().find("nesting"), std::string::npos);
}

TEST_F(FlagsTest, ModuleOptionsAreFlagsUntilRemoved) {
  FlagDefinition def{"mod_period", FlagType::UInt64, "10", "Seconds", FlagKind::Option, "mod"};
  ASSERT_TRUE(flags_.defineModuleOption(def).isOk());
  EXPECT_EQ(flags_.getInt("mod_period"), 10);
  auto clash = flags_.defineModuleOption(def);
  ASSERT_FALSE(clash.isOk());
  EXPECT_NE(clash.message().find("mod_period"), std::string::npos);
  EXPECT_NE(clash.message().find("mod"), std::string::npos);
  FlagDefinition kernel{"verbose", FlagType::Bool, "false", "", FlagKind::Option, "mod"};
  auto kernel_clash = flags_.defineModuleOption(kernel);
  ASSERT_FALSE(kernel_clash.isOk());
  EXPECT_NE(kernel_clash.message().find("core"), std::string::npos);

  ASSERT_TRUE(parse({"--mod_period=20"}).isOk());
  EXPECT_EQ(flags_.getInt("mod_period"), 20);
  EXPECT_FALSE(parse({"--mod_period=soon"}).isOk());

  flags_.removeModuleOptions("mod");
  EXPECT_FALSE(flags_.exists("mod_period"));
  EXPECT_TRUE(flags_.exists("verbose"));  // only the module's own
  EXPECT_FALSE(parse({"--mod_period=20"}).isOk());
}

TEST_F(FlagsTest, AllListsEveryFlagWithItsOwner) {
  auto all = flags_.all();
  EXPECT_GT(all.size(), 100u);
  bool found = false;
  for (const auto& e : all) {
    if (e.def.name == "module") {
      found = true;
      EXPECT_TRUE(e.def.repeatable);
      EXPECT_EQ(e.def.owner, "core");
      EXPECT_EQ(e.def.kind, FlagKind::Cli);
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(FlagsTest, HelpTextListsFlagsBySection) {
  std::string daemon = flags_.helpText(false);
  EXPECT_NE(daemon.find("osquery command line flags:"), std::string::npos);
  EXPECT_NE(daemon.find("osquery configuration options"), std::string::npos);
  EXPECT_NE(daemon.find("--config_path VALUE"), std::string::npos);
  EXPECT_NE(daemon.find("--logger_path VALUE"), std::string::npos);
  EXPECT_NE(daemon.find("--verbose "), std::string::npos);
  EXPECT_NE(daemon.find("Enable verbose informational messages"), std::string::npos);
  EXPECT_EQ(daemon.find("--json "), std::string::npos);           // shell only
  EXPECT_EQ(daemon.find("--worker_threads"), std::string::npos);  // hidden
  std::string shell = flags_.helpText(true);
  EXPECT_NE(shell.find("osquery shell-only CLI flags:"), std::string::npos);
  EXPECT_NE(shell.find("--json "), std::string::npos);
}

TEST_F(FlagsTest, TypeNames) {
  EXPECT_EQ(Flags::typeName(FlagType::Bool), "bool");
  EXPECT_EQ(Flags::typeName(FlagType::Int32), "int32");
  EXPECT_EQ(Flags::typeName(FlagType::UInt64), "uint64");
  EXPECT_EQ(Flags::typeName(FlagType::String), "string");
  EXPECT_EQ(Flags::typeName(FlagType::Double), "double");
}

}  // namespace
}  // namespace oqk
