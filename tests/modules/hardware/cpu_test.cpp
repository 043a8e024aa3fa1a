// cpu_info without SMBIOS (from /proc/cpuinfo and cpufreq fixtures) and cpuid on a recorded
// processor.
#include <gtest/gtest.h>

#include <map>

#include "cpu_info_table.h"
#include "cpu_packages.h"
#include "cpuid_table.h"
#include "test_support.h"

using namespace hardware_test;
using namespace oqm_hardware;

namespace {

// Two sockets, two cores each, hyper-threaded: 8 logical CPUs.
std::string twoSocketCpuinfo() {
  std::string out;
  int processor = 0;
  for (int socket = 0; socket < 2; ++socket) {
    for (int thread = 0; thread < 4; ++thread) {
      out += "processor\t: " + std::to_string(processor++) + "\n";
      out += "vendor_id\t: GenuineIntel\n";
      out += "model name\t: Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz\n";
      out += "cpu MHz\t\t: " + std::string(socket == 0 ? "2394.512" : "1200.000") + "\n";
      out += "physical id\t: " + std::to_string(socket) + "\n";
      out += "siblings\t: 4\n";
      out += "core id\t\t: " + std::to_string(thread % 2) + "\n";
      out += "cpu cores\t: 2\n";
      out += "flags\t\t: fpu vme de pse tsc msr pae mce lm constant_tsc\n\n";
    }
  }
  return out;
}

}  // namespace

TEST(CpuPackages, GroupsByPhysicalId) {
  auto packages = parseCpuPackages(twoSocketCpuinfo());
  ASSERT_EQ(packages.size(), 2u);
  EXPECT_EQ(packages[0].physical_id, 0);
  EXPECT_EQ(packages[0].logical_processors, 4);
  EXPECT_EQ(packages[0].cores, 2);
  EXPECT_EQ(packages[0].current_mhz, 2395);
  EXPECT_TRUE(packages[0].long_mode);
  EXPECT_EQ(packages[0].processors, (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(packages[1].processors, (std::vector<int>{4, 5, 6, 7}));

  // ARM: no physical id, no model name, no flags; a trailing hardware block.
  packages = parseCpuPackages(
      "processor\t: 0\nBogoMIPS\t: 48.00\nCPU implementer\t: 0x41\n\n"
      "processor\t: 1\nBogoMIPS\t: 48.00\nCPU implementer\t: 0x41\n\n"
      "Hardware\t: BCM2835\nRevision\t: c03111\n");
  ASSERT_EQ(packages.size(), 1u);
  EXPECT_EQ(packages[0].logical_processors, 2);
  EXPECT_EQ(packages[0].vendor, "0x41");
  EXPECT_FALSE(packages[0].has_flags);
  EXPECT_FALSE(packages[0].cores.has_value());
  EXPECT_TRUE(parseCpuPackages("").empty());
}

TEST(CpuInfo, FallsBackToProcCpuinfo) {
  TempDir dir;
  dir.write("sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", "3700000\n");
  dir.write("sys/devices/system/cpu/cpu1/cpufreq/cpuinfo_max_freq", "3900000\n");
  auto& t = tableInstance<CpuInfoTable>();
  t.smbios_path = dir.path() + "/absent";
  t.cpuinfo_path = dir.write("cpuinfo", twoSocketCpuinfo());
  t.sysfs_root = dir.path() + "/sys";
  auto rows = host().query("cpu_info");
  ASSERT_EQ(rows.size(), 2u);
  const FakeRow& cpu = rows[0];
  EXPECT_EQ(text(cpu, "device_id"), "CPU0");
  EXPECT_EQ(text(cpu, "model"), "Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz");
  EXPECT_EQ(text(cpu, "manufacturer"), "GenuineIntel");
  EXPECT_EQ(text(cpu, "processor_type"), "3");
  EXPECT_EQ(integer(cpu, "cpu_status"), 0x41);
  EXPECT_EQ(text(cpu, "number_of_cores"), "2");
  EXPECT_EQ(integer(cpu, "logical_processors"), 4);
  EXPECT_EQ(text(cpu, "address_width"), "64");
  EXPECT_EQ(integer(cpu, "current_clock_speed"), 2395);
  EXPECT_EQ(integer(cpu, "max_clock_speed"), 3900);
  EXPECT_EQ(text(rows[1], "device_id"), "CPU1");
  EXPECT_EQ(integer(rows[1], "current_clock_speed"), 1200);
  EXPECT_TRUE(isNull(rows[1], "max_clock_speed"));  // no cpufreq for cpu4-7

  t.cpuinfo_path = dir.path() + "/absent";
  EXPECT_TRUE(host().query("cpu_info").empty());
}

namespace {

// A recorded processor: "GenuineIntel", brand string, a KVM hypervisor, some feature bits.
CpuidRegisters fakeCpuid(uint32_t leaf, uint32_t subleaf) {
  auto chars = [](const char* s) {
    uint32_t v = 0;
    for (int i = 0; i < 4 && s[i]; ++i)
      v |= static_cast<uint32_t>(static_cast<unsigned char>(s[i])) << (8 * i);
    return v;
  };
  switch (leaf) {
    case 0:
      return {0x16, chars("Genu"), chars("ntel"), chars("ineI")};
    case 1:
      return {0x00050654, 0, (1u << 0) | (1u << 31) | (1u << 28), (1u << 6) | (1u << 26)};
    case 3:
      return {0, 0, 0, 3};
    case 7:
      return {0, (1u << 5), 0, (1u << 26)};
    case 0x12:
      return {subleaf == 0 ? 1u : 2u, 0, 0, 0};
    case 0x40000000:
      return {0x40000001, chars("KVMK"), chars("VMKV"), chars("M")};
    case 0x80000000:
      return {0x80000008, 0, 0, 0};
    case 0x80000001:
      return {0, 0, 1u, (1u << 29) | (1u << 20)};
    case 0x80000002:
      return {chars("Inte"), chars("l(R)"), chars(" Xeo"), chars("n(R)")};
    case 0x80000003:
      return {chars(" CPU"), 0, 0, 0};
    case 0x80000004:
      return {0, 0, 0, 0};
    default:
      return {0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef};
  }
}

}  // namespace

TEST(Cpuid, RowsFromTheInstruction) {
  auto& t = tableInstance<CpuidTable>();
  t.cpuid = fakeCpuid;
  auto rows = host().query("cpuid");
  std::map<std::string, FakeRow> by_feature;
  for (const auto& row : rows) by_feature[text(row, "feature")] = row;
  // 5 strings/metadata, 28 + 25 + 9 feature bits, 2 SGX leaves.
  EXPECT_EQ(rows.size(), 5u + 28u + 25u + 9u + 2u);
  EXPECT_EQ(text(rows[0], "feature"), "vendor");

  EXPECT_EQ(text(by_feature["vendor"], "value"), "GenuineIntel");
  EXPECT_EQ(text(by_feature["vendor"], "output_register"), "ebx,edx,ecx");
  EXPECT_EQ(text(by_feature["product_name"], "value"), "Intel(R) Xeon(R) CPU");
  // osquery prints eax, ebx and ecx of leaf 0x40000000 (labelled "ebx,ecx,edx").
  EXPECT_EQ(text(by_feature["hypervisor_id"], "value"), "400000014b4d564b564b4d56");
  EXPECT_EQ(text(by_feature["family"], "value"), "0600");
  EXPECT_EQ(text(by_feature["serial"], "value"), "000506540000000000000003");

  EXPECT_EQ(text(by_feature["sse3"], "value"), "1");
  EXPECT_EQ(text(by_feature["sse3"], "output_register"), "ecx");
  EXPECT_EQ(integer(by_feature["sse3"], "output_bit"), 0);
  EXPECT_EQ(text(by_feature["sse3"], "input_eax"), "1");
  EXPECT_EQ(text(by_feature["hypervisor"], "value"), "1");
  EXPECT_EQ(text(by_feature["vmx"], "value"), "0");
  EXPECT_EQ(text(by_feature["pae"], "value"), "1");
  EXPECT_EQ(text(by_feature["avx2"], "value"), "1");
  EXPECT_EQ(text(by_feature["spec_ctrl"], "value"), "1");
  EXPECT_EQ(text(by_feature["spec_ctrl"], "input_eax"), "7");
  EXPECT_EQ(text(by_feature["lm"], "value"), "1");
  EXPECT_EQ(text(by_feature["lm"], "input_eax"), "2147483649");
  EXPECT_EQ(text(by_feature["lahfsahf"], "value"), "1");
  EXPECT_EQ(text(by_feature["sgx0"], "value"), "00000001000000000000000000000000");
  EXPECT_EQ(text(by_feature["sgx1"], "input_eax"), "18,1");

  // A processor whose highest leaf is 1: leaves 7 and 0x12 read as zero.
  t.cpuid = [](uint32_t leaf, uint32_t subleaf) -> CpuidRegisters {
    if (leaf == 0) return {1, 0, 0, 0};
    return fakeCpuid(leaf, subleaf);
  };
  rows = host().query("cpuid");
  for (const auto& row : rows) by_feature[text(row, "feature")] = row;
  EXPECT_EQ(text(by_feature["avx2"], "value"), "0");
  EXPECT_EQ(text(by_feature["sgx0"], "value"), "00000000000000000000000000000000");

  // No CPUID (another architecture): no rows.
  t.cpuid = {};
  EXPECT_TRUE(host().query("cpuid").empty());
  t.cpuid = hostCpuid();
}
