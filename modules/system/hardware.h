// hardware.h: parsers for the hardware facts of system_info: /proc/cpuinfo and the DMI
// attributes the kernel exports in /sys/class/dmi/id.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace oqm_system {

struct CpuInfo {
  std::optional<std::string> model_name;  // "model name" of the first processor
  std::optional<std::string> model;       // "model" of the first processor (cpu_subtype)
  std::optional<std::string> microcode;   // "microcode" of the first processor
  int logical = 0;                        // "processor" entries
  int physical_cores = 0;                 // distinct (physical id, core id); 0 when absent
  int sockets = 0;                        // distinct physical id; 0 when absent
};
CpuInfo parseCpuinfo(std::string_view text);

struct DmiInfo {
  bool present = false;  // the directory exists
  std::optional<std::string> sys_vendor, product_name, product_version, product_serial;
  std::optional<std::string> board_vendor, board_name, board_version, board_serial;
  std::optional<std::string> product_uuid;
};
// Reads the attribute files of `dir`; unreadable ones (the serials and the uuid are root-only)
// stay std::nullopt.
DmiInfo readDmi(const std::string& dir = "/sys/class/dmi/id");

// True for the UUIDs firmware ships as placeholders (all zeros, all ones, the "03000200-..."
// sequence), which identify nothing; case is ignored.
bool isPlaceholderUuid(std::string_view uuid);

// A machine-id(5) (32 hex digits) written as a UUID, 8-4-4-4-12 and upper case; std::nullopt
// for anything else.
std::optional<std::string> machineIdAsUuid(std::string_view machine_id);

// The CPU brand string (CPUID leaves 0x80000002-4 on x86), trimmed; std::nullopt elsewhere.
std::optional<std::string> cpuidBrand();

}  // namespace oqm_system
