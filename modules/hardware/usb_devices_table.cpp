// One row per USB device in sysfs (osquery asks udev, which copies the same attributes).
// vendor and model come from usb.ids when it names the ids, else from the device's own strings.
#include "usb_devices_table.h"

#include "bus_devices.h"
#include "hardware_ids.h"

namespace oqm_hardware {

UsbDevicesTable::UsbDevicesTable() : ids_paths(usbIdsPaths()) {}

void UsbDevicesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  auto devices = readUsbDevices(sysfs_root);
  if (devices.empty()) return;
  auto ids = loadHardwareIds(ids_paths);
  for (const UsbDevice& d : devices) {
    if (rows.done()) return;
    auto vendor = ids->vendor(d.vendor_id);
    if (!vendor) vendor = d.manufacturer;
    auto model = ids->device(d.vendor_id, d.product_id);
    if (!model) model = d.product;
    // osquery reports -1 for "unknown" and 1 otherwise; a "fixed" device is not removable.
    int removable = -1;
    if (d.removable == "removable") removable = 1;
    if (d.removable == "fixed") removable = 0;
    rows.add()
        .set("usb_address", d.busnum)
        .set("usb_port", d.devnum)
        .set("vendor", vendor.value_or(""))
        .set("vendor_id", d.vendor_id)
        .set("version", d.revision)
        .set("model", model.value_or(""))
        .set("model_id", d.product_id)
        .set("serial", d.serial.value_or(""))
        .set("class", d.device_class)
        .set("subclass", d.device_subclass)
        .set("protocol", d.device_protocol)
        .set("removable", removable);
  }
}

}  // namespace oqm_hardware
