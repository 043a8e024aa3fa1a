#include "cpu_packages.h"

#include <cmath>
#include <cstdlib>
#include <map>

#include "sysfs.h"

namespace oqm_hardware {

namespace {

struct Entry {
  std::map<std::string, std::string, std::less<>> fields;
};

// The processor blocks of /proc/cpuinfo: each starts with its "processor" line. Lines
// outside a block (ARM's trailing "Hardware", "Revision") are ignored.
std::vector<Entry> parseEntries(std::string_view text) {
  std::vector<Entry> entries;
  bool in_block = false;
  for (std::string_view line : oqm_support::lines(text)) {
    if (trim(line).empty()) {
      in_block = false;
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key(trim(line.substr(0, colon)));
    if (key == "processor") {
      entries.emplace_back();
      in_block = true;
    }
    if (in_block) entries.back().fields.emplace(std::move(key), trim(line.substr(colon + 1)));
  }
  return entries;
}

std::string field(const Entry& e, std::string_view key) {
  auto it = e.fields.find(key);
  return it == e.fields.end() ? std::string() : it->second;
}

}  // namespace

std::vector<CpuPackage> parseCpuPackages(std::string_view cpuinfo) {
  std::vector<CpuPackage> packages;
  for (const Entry& e : parseEntries(cpuinfo)) {
    int physical_id = static_cast<int>(parseUnsigned(field(e, "physical id")).value_or(0));
    CpuPackage* p = nullptr;
    for (CpuPackage& candidate : packages) {
      if (candidate.physical_id == physical_id) p = &candidate;
    }
    if (p == nullptr) {
      p = &packages.emplace_back();
      p->physical_id = physical_id;
      p->vendor = field(e, "vendor_id");
      if (p->vendor.empty()) p->vendor = field(e, "CPU implementer");
      p->model = field(e, "model name");
      if (auto cores = parseUnsigned(field(e, "cpu cores"))) {
        p->cores = static_cast<int64_t>(*cores);
      }
      std::string mhz = field(e, "cpu MHz");
      char* end = nullptr;
      double value = std::strtod(mhz.c_str(), &end);
      if (!mhz.empty() && end != mhz.c_str()) p->current_mhz = std::llround(value);
      auto flags = e.fields.find("flags");
      p->has_flags = flags != e.fields.end();
      if (p->has_flags) {
        std::string padded = " " + flags->second + " ";
        p->long_mode = padded.find(" lm ") != std::string::npos;
      }
    }
    ++p->logical_processors;
    if (auto n = parseUnsigned(field(e, "processor")))
      p->processors.push_back(static_cast<int>(*n));
  }
  return packages;
}

std::optional<int64_t> maxFrequencyMhz(const std::string& sysfs_root,
                                       const std::vector<int>& processors) {
  std::optional<int64_t> best;
  for (int cpu : processors) {
    if (auto khz = unsignedAttribute(sysfs_root + "/devices/system/cpu/cpu" + std::to_string(cpu) +
                                     "/cpufreq/cpuinfo_max_freq")) {
      int64_t mhz = static_cast<int64_t>(*khz / 1000);
      if (!best || mhz > *best) best = mhz;
    }
  }
  return best;
}

}  // namespace oqm_hardware
