// One row per PCI function in sysfs. Ids are written "0x8086" as osquery does; names come
// from pci.ids. osquery returns no rows at all without pci.ids; we still list the devices,
// with the name columns empty.
#include "pci_devices_table.h"

#include "bus_devices.h"
#include "hardware_ids.h"

namespace oqm_hardware {

namespace {

std::string withPrefix(const std::string& id) {
  return id.empty() ? id : "0x" + id;
}

}  // namespace

PciDevicesTable::PciDevicesTable() : ids_paths(pciIdsPaths()) {}

void PciDevicesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  auto devices = readPciDevices(sysfs_root);
  if (devices.empty()) return;
  auto ids = loadHardwareIds(ids_paths);
  for (const PciDevice& d : devices) {
    if (rows.done()) return;
    const std::string subsystem = d.subsystem_vendor_id + " " + d.subsystem_device_id;
    rows.add()
        .set("pci_slot", d.slot)
        .set("pci_class", ids->deviceClass(d.class_id).value_or(""))
        .set("driver", d.driver.value_or(""))
        .set("vendor", ids->vendor(d.vendor_id).value_or(""))
        .set("vendor_id", withPrefix(d.vendor_id))
        .set("model", ids->device(d.vendor_id, d.device_id).value_or(""))
        .set("model_id", withPrefix(d.device_id))
        .set("pci_class_id", withPrefix(d.class_id))
        .set("pci_subclass_id", withPrefix(d.subclass_id))
        .set("pci_subclass", ids->subclass(d.class_id, d.subclass_id).value_or(""))
        .set("subsystem_vendor_id", withPrefix(d.subsystem_vendor_id))
        .set("subsystem_vendor", ids->vendor(d.subsystem_vendor_id).value_or(""))
        .set("subsystem_model_id", withPrefix(d.subsystem_device_id))
        .set("subsystem_model", ids->subsystem(d.vendor_id, d.device_id, subsystem).value_or(""));
  }
}

}  // namespace oqm_hardware
