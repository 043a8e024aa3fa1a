// One row per SMBIOS Memory Device structure (populated or empty slot). size is in MB:
// unlike osquery, sizes the firmware gives in KB (the granularity bit) are converted.
#include "memory_devices_table.h"

#include "smbios.h"
#include "sysfs.h"

namespace oqm_hardware {

MemoryDevicesTable::MemoryDevicesTable() : path(kSmbiosTablePath) {}

void MemoryDevicesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  auto table = readFile(path);
  if (!table) return;
  for (const SmbiosStructure& s : parseSmbios(*table)) {
    if (rows.done()) return;
    auto m = decodeMemoryDevice(s);
    if (!m) continue;
    rows.add()
        .set("handle", m->handle)
        .set("array_handle", m->array_handle)
        .set("form_factor", m->form_factor)
        .set("total_width", m->total_width)
        .set("data_width", m->data_width)
        .set("size", m->size_mb)
        .set("set", m->set)
        .set("device_locator", m->device_locator)
        .set("bank_locator", m->bank_locator)
        .set("memory_type", m->memory_type)
        .set("memory_type_details", m->memory_type_details)
        .set("max_speed", m->max_speed)
        .set("configured_clock_speed", m->configured_clock_speed)
        .set("manufacturer", m->manufacturer)
        .set("serial_number", m->serial_number)
        .set("asset_tag", m->asset_tag)
        .set("part_number", m->part_number)
        .set("min_voltage", m->min_voltage)
        .set("max_voltage", m->max_voltage)
        .set("configured_voltage", m->configured_voltage);
  }
}

}  // namespace oqm_hardware
