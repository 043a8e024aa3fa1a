// Tests of process_envs on children started with environments we choose.
#include <gtest/gtest.h>

#include "test_support.h"

namespace processes_test {
namespace {

std::multimap<std::string, std::string> envOf(pid_t pid) {
  std::multimap<std::string, std::string> env;
  for (const auto& row : queryPid("process_envs", pid)) {
    EXPECT_EQ(row.at("pid").integer(), pid);
    env.emplace(row.at("key").text(), row.at("value").text());
  }
  return env;
}

TEST(ProcessEnvsTable, VariableSetBeforeExecShowsInTheChild) {
  ASSERT_EQ(::setenv("OQM_PROCESSES_TEST", "a=b c", 1), 0);
  Child child = Child::exec(sleepBinary(), {"sleep", "600"});
  ::unsetenv("OQM_PROCESSES_TEST");
  auto env = envOf(child.pid());
  ASSERT_EQ(env.count("OQM_PROCESSES_TEST"), 1u);
  // Split at the first '=' only.
  EXPECT_EQ(env.find("OQM_PROCESSES_TEST")->second, "a=b c");
  // Everything else we passed on is there too.
  if (const char* path = ::getenv("PATH")) {
    ASSERT_EQ(env.count("PATH"), 1u);
    EXPECT_EQ(env.find("PATH")->second, path);
  }
}

TEST(ProcessEnvsTable, ExactEnvironmentOfAChild) {
  std::vector<std::string> envp = {"ONE=1", "EMPTY=", "NOEQUALS", "TWO=2=2"};
  Child child = Child::exec(sleepBinary(), {"sleep", "600"}, {}, &envp);
  auto rows = queryPid("process_envs", child.pid());
  ASSERT_EQ(rows.size(), 4u);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& row : rows) got.emplace_back(row.at("key").text(), row.at("value").text());
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                     {"ONE", "1"}, {"EMPTY", ""}, {"NOEQUALS", ""}, {"TWO", "2=2"}}));
}

TEST(ProcessEnvsTable, EmptyEnvironmentGivesNoRows) {
  std::vector<std::string> envp;
  Child child = Child::exec(sleepBinary(), {"sleep", "600"}, {}, &envp);
  EXPECT_TRUE(queryPid("process_envs", child.pid()).empty());
}

TEST(ProcessEnvsTable, InListAndMissingPid) {
  std::vector<std::string> a = {"WHO=a"};
  std::vector<std::string> b = {"WHO=b"};
  Child first = Child::exec(sleepBinary(), {"sleep", "600"}, {}, &a);
  Child second = Child::exec(sleepBinary(), {"sleep", "600"}, {}, &b);
  auto rows = host().query("process_envs", {{"pid", oqm::Op::Eq, int64_t{first.pid()}},
                                            {"pid", oqm::Op::Eq, int64_t{second.pid()}},
                                            {"pid", oqm::Op::Eq, int64_t{0}}});
  std::map<int64_t, std::string> who;
  for (const auto& row : rows) who[row.at("pid").integer()] = row.at("value").text();
  EXPECT_EQ(rows.size(), 2u);
  EXPECT_EQ(who, (std::map<int64_t, std::string>{{first.pid(), "a"}, {second.pid(), "b"}}));
}

}  // namespace
}  // namespace processes_test
