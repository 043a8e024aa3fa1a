// cpu_packages.h: the physical processors (packages) of /proc/cpuinfo, for cpu_info on hosts
// whose firmware gives no SMBIOS processor structures (most virtual machines, ARM boards).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_hardware {

struct CpuPackage {
  int physical_id = 0;
  std::string vendor;                  // vendor_id ("GenuineIntel"), or "CPU implementer" on ARM
  std::string model;                   // model name
  std::optional<int64_t> cores;        // "cpu cores"
  int64_t logical_processors = 0;      // processor entries of this package
  std::optional<int64_t> current_mhz;  // "cpu MHz" of its first processor, rounded
  bool long_mode = false;              // "lm" flag: 64-bit addresses
  bool has_flags = false;
  std::vector<int> processors;  // the processor numbers, for cpufreq lookups
};

// Groups the processor entries by "physical id" (all in package 0 when absent), in order.
std::vector<CpuPackage> parseCpuPackages(std::string_view cpuinfo);

// The highest cpuinfo_max_freq of `processors` in MHz, from
// <sysfs_root>/devices/system/cpu/cpu<N>/cpufreq; std::nullopt without cpufreq.
std::optional<int64_t> maxFrequencyMhz(const std::string& sysfs_root,
                                       const std::vector<int>& processors);

}  // namespace oqm_hardware
