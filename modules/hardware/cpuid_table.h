// cpuid_table.h: `cpuid`, the processor's identification strings and feature bits as the
// CPUID instruction reports them (x86 only; no rows elsewhere).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <osquery_module.hpp>

namespace oqm_hardware {

// eax, ebx, ecx, edx of CPUID(leaf, subleaf).
using CpuidRegisters = std::array<uint32_t, 4>;
using CpuidFunction = std::function<CpuidRegisters(uint32_t leaf, uint32_t subleaf)>;

// The real instruction; std::nullopt-like empty function on non-x86 builds.
CpuidFunction hostCpuid();

struct CpuidTable {
  static constexpr const char* kName = "cpuid";
  static constexpr oqm::Column kColumns[] = {
      {"feature", oqm::Type::Text},         {"value", oqm::Type::Text},
      {"output_register", oqm::Type::Text}, {"output_bit", oqm::Type::Integer},
      {"input_eax", oqm::Type::Text},
  };

  CpuidFunction cpuid = hostCpuid();  // tests substitute a recorded processor
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_hardware
