// Like osquery, the rows come from the SMBIOS Processor Information structures (type 4): one
// per socket, device_id "CPU0", "CPU1", ... by processor type. osquery returns nothing when
// the firmware has no SMBIOS table (many virtual machines); we then describe each physical
// package of /proc/cpuinfo the way its SMBIOS structure would: processor_type "3" (central
// processor), cpu_status 65 (socket populated, CPU enabled), speeds in MHz.
#include "cpu_info_table.h"

#include "cpu_packages.h"
#include "smbios.h"
#include "sysfs.h"

namespace oqm_hardware {

namespace {

// osquery's device_id prefix per SMBIOS processor type.
const char* devicePrefix(int processor_type) {
  switch (processor_type) {
    case 3:
      return "CPU";
    case 4:
      return "MATH";
    case 5:
      return "DSP";
    case 6:
      return "GPU";
    default:
      return nullptr;
  }
}

constexpr int64_t kStatusPopulatedEnabled = 0x41;

}  // namespace

CpuInfoTable::CpuInfoTable() : smbios_path(kSmbiosTablePath) {}

void CpuInfoTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  if (auto table = readFile(smbios_path)) {
    int device_number = 0;
    bool any = false;
    for (const SmbiosStructure& s : parseSmbios(*table)) {
      if (rows.done()) return;
      auto p = decodeProcessor(s);
      if (!p) continue;
      any = true;
      auto row = rows.add();
      if (const char* prefix = devicePrefix(p->processor_type)) {
        row.set("device_id", prefix + std::to_string(device_number++));
      }
      row.set("model", p->model)
          .set("manufacturer", p->manufacturer)
          .set("processor_type", std::to_string(p->processor_type))
          .set("cpu_status", p->cpu_status)
          .set("logical_processors", p->logical_processors)
          .set("address_width", p->address_width)
          .set("current_clock_speed", p->current_clock_speed)
          .set("max_clock_speed", p->max_clock_speed)
          .set("socket_designation", p->socket_designation);
      if (p->number_of_cores) row.set("number_of_cores", std::to_string(*p->number_of_cores));
    }
    if (any) return;
  }

  auto cpuinfo = readFile(cpuinfo_path);
  if (!cpuinfo) return;
  int device_number = 0;
  for (const CpuPackage& p : parseCpuPackages(*cpuinfo)) {
    if (rows.done()) return;
    auto row = rows.add();
    row.set("device_id", "CPU" + std::to_string(device_number++))
        .set("model", p.model)
        .set("manufacturer", p.vendor)
        .set("processor_type", "3")
        .set("cpu_status", kStatusPopulatedEnabled)
        .set("logical_processors", p.logical_processors)
        .set("current_clock_speed", p.current_mhz)
        .set("max_clock_speed", maxFrequencyMhz(sysfs_root, p.processors))
        .set("socket_designation", "");
    if (p.cores) row.set("number_of_cores", std::to_string(*p.cores));
    if (p.has_flags) row.set("address_width", p.long_mode ? "64" : "32");
  }
}

}  // namespace oqm_hardware
