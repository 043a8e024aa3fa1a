// hardware.so: devices and firmware of a Linux host: USB and PCI devices, block devices and
// their encryption, ACPI and SMBIOS tables, memory modules, processors and CPUID features.
#include <osquery_module.hpp>

#include "block_devices_table.h"
#include "cpu_info_table.h"
#include "cpuid_table.h"
#include "disk_encryption_table.h"
#include "firmware_tables.h"
#include "memory_devices_table.h"
#include "pci_devices_table.h"
#include "usb_devices_table.h"

OQM_MODULE("hardware", "1.0.0", oqm_hardware::UsbDevicesTable, oqm_hardware::PciDevicesTable,
           oqm_hardware::BlockDevicesTable, oqm_hardware::DiskEncryptionTable,
           oqm_hardware::AcpiTablesTable, oqm_hardware::SmbiosTablesTable,
           oqm_hardware::MemoryDevicesTable, oqm_hardware::CpuInfoTable, oqm_hardware::CpuidTable)
