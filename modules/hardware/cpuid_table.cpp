// osquery's rows, in its order: vendor, product_name, hypervisor_id (when a hypervisor
// answers leaf 0x40000000), serial, family, then the feature bits of leaves 1, 7 and
// 0x80000001 (input_eax in decimal, as osquery writes it), then the SGX leaves. Leaves above
// the processor's maximum read as zero instead of returning stale data.
#include "cpuid_table.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

#include <cstdio>
#include <string>

namespace oqm_hardware {

namespace {

struct Feature {
  const char* name;
  int reg;  // 1 ebx, 2 ecx, 3 edx
  int bit;
};

constexpr int EBX = 1, ECX = 2, EDX = 3;
const char* const kRegisterNames[] = {"eax", "ebx", "ecx", "edx"};

struct FeatureLeaf {
  uint32_t leaf;
  std::initializer_list<Feature> features;
};

const FeatureLeaf kFeatureLeaves[] = {
    {1, {{"pae", EDX, 6},     {"msr", EDX, 5},   {"sep", EDX, 11},  {"mtrr", EDX, 12},
         {"pge", EDX, 13},    {"mca", EDX, 14},  {"pat", EDX, 16},  {"clfsh", EDX, 19},
         {"acpi", EDX, 22},   {"mmz", EDX, 23},  {"sse", EDX, 25},  {"sse2", EDX, 26},
         {"ss", EDX, 27},     {"htt", EDX, 28},  {"ia64", EDX, 30}, {"sse3", ECX, 0},
         {"vmx", ECX, 5},     {"smx", ECX, 6},   {"ssse3", ECX, 9}, {"sdbg", ECX, 11},
         {"pdcm", ECX, 15},   {"pcid", ECX, 17}, {"dca", ECX, 18},  {"sse4.1", ECX, 19},
         {"sse4.2", ECX, 20}, {"aes", ECX, 25},  {"avx", ECX, 28},  {"hypervisor", ECX, 31}}},
    {7, {{"sgx", EBX, 2},       {"hle", EBX, 4},     {"avx2", EBX, 5},     {"smep", EBX, 7},
         {"bmi2", EBX, 8},      {"erms", EBX, 9},    {"invpcid", EBX, 10}, {"rtm", EBX, 11},
         {"pqm", EBX, 12},      {"mpx", EBX, 14},    {"pqe", EBX, 15},     {"avx512f", EBX, 16},
         {"avx512dq", EBX, 17}, {"rdseed", EBX, 18}, {"adx", EBX, 19},     {"smap", EBX, 20},
         {"intel_pt", EBX, 25}, {"sha", EBX, 29},    {"umip", ECX, 2},     {"pku", ECX, 3},
         {"ospke", ECX, 4},     {"gfni", ECX, 8},    {"vaes", ECX, 9},     {"sgx_lc", ECX, 30},
         {"spec_ctrl", EDX, 26}}},
    {0x80000001,
     {{"lahfsahf", ECX, 0},
      {"svm", ECX, 2},
      {"3dnowprefetch", ECX, 8},
      {"ibs", ECX, 10},
      {"skinit", ECX, 12},
      {"lwp", ECX, 15},
      {"nx", EDX, 20},
      {"page1gb", EDX, 26},
      {"lm", EDX, 29}}},
};

std::string registerChars(uint32_t reg) {
  std::string out;
  for (int i = 0; i < 4; ++i) out += static_cast<char>((reg >> (8 * i)) & 0xff);
  return out;
}

std::string hex8(uint32_t value) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%08x", value);
  return buffer;
}

// Text made of register bytes, without the NUL padding the processor leaves at the end.
std::string withoutPadding(std::string text) {
  size_t end = text.find_last_not_of(std::string_view("\0 ", 2));
  return end == std::string::npos ? std::string() : text.substr(0, end + 1);
}

}  // namespace

CpuidFunction hostCpuid() {
#if defined(__x86_64__) || defined(__i386__)
  return [](uint32_t leaf, uint32_t subleaf) {
    CpuidRegisters r{};
    __cpuid_count(leaf, subleaf, r[0], r[1], r[2], r[3]);
    return r;
  };
#else
  return {};
#endif
}

void CpuidTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  if (!cpuid) return;
  const CpuidRegisters leaf0 = cpuid(0, 0);
  const uint32_t max_basic = leaf0[0];
  if (max_basic < 1) return;  // no usable CPUID
  const uint32_t max_extended = cpuid(0x80000000, 0)[0];
  // A leaf the processor does not implement answers with the highest basic leaf's data.
  auto read = [&](uint32_t leaf, uint32_t subleaf) -> CpuidRegisters {
    bool extended = leaf >= 0x80000000;
    bool hypervisor = leaf >= 0x40000000 && leaf < 0x80000000;
    if ((!extended && !hypervisor && leaf > max_basic) || (extended && leaf > max_extended)) {
      return {};
    }
    return cpuid(leaf, subleaf);
  };
  auto emit = [&](const std::string& feature, const std::string& value, const char* reg,
                  int64_t bit, const std::string& eax) {
    rows.add()
        .set("feature", feature)
        .set("value", value)
        .set("output_register", reg)
        .set("output_bit", bit)
        .set("input_eax", eax);
  };

  emit("vendor", registerChars(leaf0[1]) + registerChars(leaf0[3]) + registerChars(leaf0[2]),
       "ebx,edx,ecx", 0, "0");

  std::string brand;
  for (uint32_t leaf = 0x80000002; leaf <= 0x80000004; ++leaf) {
    for (uint32_t reg : read(leaf, 0)) brand += registerChars(reg);
  }
  emit("product_name", withoutPadding(brand), "eax,ebx,ecx,edx", 0, "0x80000002");

  const CpuidRegisters hv = read(0x40000000, 0);
  if (hv[0] != 0) {
    emit("hypervisor_id", hex8(hv[0]) + hex8(hv[1]) + hex8(hv[2]), "ebx,ecx,edx", 0, "0x40000000");
  }

  const CpuidRegisters leaf1 = read(1, 0);
  const CpuidRegisters leaf3 = read(3, 0);
  emit("serial", hex8(leaf1[0]) + hex8(leaf3[0]) + hex8(leaf3[3]), "eax,eax,ecx", 0, "1,3");

  char family[16];
  std::snprintf(family, sizeof(family), "%04x", leaf1[0] & 0xf00);
  emit("family", family, "eax", 0, "1");

  for (const FeatureLeaf& group : kFeatureLeaves) {
    const CpuidRegisters regs = read(group.leaf, 0);
    for (const Feature& f : group.features) {
      if (rows.done()) return;
      bool set = (regs[f.reg] >> f.bit) & 1u;
      emit(f.name, set ? "1" : "0", kRegisterNames[f.reg], f.bit, std::to_string(group.leaf));
    }
  }

  auto all = [](const CpuidRegisters& r) {
    return hex8(r[0]) + hex8(r[1]) + hex8(r[2]) + hex8(r[3]);
  };
  emit("sgx0", all(read(0x12, 0)), "eax,ebx,ecx,edx", 0, "18");
  emit("sgx1", all(read(0x12, 1)), "eax,ebx,ecx,edx", 0, "18,1");
}

}  // namespace oqm_hardware
