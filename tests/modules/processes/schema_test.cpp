// The tables' schemas are exactly osquery 5.23's on Linux (names, types, flags), so existing
// queries and packs keep working.
#include <gtest/gtest.h>

#include "test_support.h"

namespace processes_test {
namespace {

struct ExpectedColumn {
  const char* name;
  uint32_t type;
  uint32_t flags;
};

constexpr uint32_t T = OQM_TYPE_TEXT, I = OQM_TYPE_INTEGER, B = OQM_TYPE_BIGINT;
constexpr uint32_t kPidIndex = OQM_COLUMN_INDEX | OQM_COLUMN_OPTIMIZED;

void expectSchema(const std::string& table_name, const std::vector<ExpectedColumn>& expected) {
  const auto& table = host().table(table_name);
  ASSERT_EQ(table.columns.size(), expected.size()) << table_name;
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_STREQ(table.columns[i].name, expected[i].name) << table_name;
    EXPECT_EQ(table.columns[i].type, expected[i].type) << table_name << "." << expected[i].name;
    EXPECT_EQ(table.columns[i].flags, expected[i].flags) << table_name << "." << expected[i].name;
  }
  EXPECT_EQ(table.attributes, 0u);
}

TEST(Schema, ModuleRegistersExactlyItsTables) {
  std::set<std::string> names;
  for (const auto& [name, table] : host().tables()) names.insert(name);
  EXPECT_EQ(names, (std::set<std::string>{"processes", "process_open_files", "process_envs",
                                          "process_memory_map", "process_namespaces"}));
  EXPECT_STREQ(oqm_module_v1()->name, "processes");
  EXPECT_EQ(oqm_module_v1()->abi_major, static_cast<uint32_t>(OQM_ABI_MAJOR));
}

TEST(Schema, Processes) {
  expectSchema("processes", {{"pid", B, kPidIndex},
                             {"name", T, 0},
                             {"path", T, 0},
                             {"cmdline", T, 0},
                             {"state", T, 0},
                             {"cwd", T, 0},
                             {"root", T, 0},
                             {"uid", B, 0},
                             {"gid", B, 0},
                             {"euid", B, 0},
                             {"egid", B, 0},
                             {"suid", B, 0},
                             {"sgid", B, 0},
                             {"on_disk", I, 0},
                             {"wired_size", B, 0},
                             {"resident_size", B, 0},
                             {"total_size", B, 0},
                             {"user_time", B, 0},
                             {"system_time", B, 0},
                             {"disk_bytes_read", B, 0},
                             {"disk_bytes_written", B, 0},
                             {"start_time", B, 0},
                             {"parent", B, 0},
                             {"pgroup", B, 0},
                             {"threads", I, 0},
                             {"nice", I, 0},
                             {"cgroup_path", T, 0}});
}

TEST(Schema, ProcessOpenFiles) {
  expectSchema("process_open_files", {{"pid", B, OQM_COLUMN_INDEX}, {"fd", B, 0}, {"path", T, 0}});
}

TEST(Schema, ProcessEnvs) {
  expectSchema("process_envs", {{"pid", I, kPidIndex}, {"key", T, 0}, {"value", T, 0}});
}

TEST(Schema, ProcessMemoryMap) {
  expectSchema("process_memory_map", {{"pid", I, kPidIndex},
                                      {"start", T, 0},
                                      {"end", T, 0},
                                      {"permissions", T, 0},
                                      {"offset", B, 0},
                                      {"device", T, 0},
                                      {"inode", I, 0},
                                      {"path", T, 0},
                                      {"pseudo", I, 0}});
}

TEST(Schema, ProcessNamespaces) {
  expectSchema("process_namespaces", {{"pid", I, kPidIndex},
                                      {"cgroup_namespace", T, 0},
                                      {"ipc_namespace", T, 0},
                                      {"mnt_namespace", T, 0},
                                      {"net_namespace", T, 0},
                                      {"pid_namespace", T, 0},
                                      {"user_namespace", T, 0},
                                      {"uts_namespace", T, 0}});
}

}  // namespace
}  // namespace processes_test
