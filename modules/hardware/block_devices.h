// block_devices.h: the block devices of sysfs (disks, their partitions, device-mapper and md
// devices), with filesystem/partition identity from libblkid and dm-crypt status from the
// device-mapper uuid, under a sysfs root and a /dev root so tests can use fixtures.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace oqm_hardware {

struct BlockDevice {
  std::string kernel_name;  // "sda1", "dm-0"
  std::string name;         // the device node: "/dev/sda1"
  std::string parent;       // "/dev/sda" for a partition; the lower device of a dm/md device
  std::string vendor, model, serial;
  std::optional<int64_t> size;        // in 512-byte sectors, as sysfs reports it
  std::optional<int64_t> block_size;  // logical block size in bytes
  std::string uuid, type, label;      // from libblkid; empty when it cannot read the device
  std::string dm_uuid;                // device-mapper uuid, e.g. "CRYPT-LUKS2-<hex>-<name>"
};

struct BlockDeviceSource {
  std::string sysfs_root = "/sys";
  std::string dev_root = "/dev";
  bool probe = true;  // run libblkid on the device nodes
};

// Every block device, disks followed by their partitions. Only devices for which `wanted`
// returns true (all when it is empty) are probed with libblkid, the expensive part.
std::vector<BlockDevice> readBlockDevices(
    const BlockDeviceSource& source,
    const std::function<bool(const std::string& name)>& wanted = {});

// The filesystem or partition-table identity libblkid finds on `path` (a device node or an
// image file): sets uuid, type and label when found. False when the path cannot be read.
bool probeBlockDevice(const std::string& path, BlockDevice& device);

struct EncryptionStatus {
  bool encrypted = false;
  std::string type;  // "LUKS2-aes-xts-plain64", or "LUKS2" when the cipher is not readable
};

// dm-crypt status of a device-mapper uuid: "CRYPT-<TYPE>-..." is an encrypted mapping
// (LUKS1, LUKS2, PLAIN, BITLK, TCRYPT, ...), except dm-verity and dm-integrity, which
// cryptsetup also labels CRYPT- but which do not encrypt. `cipher` is the mapping's cipher
// specification when known.
EncryptionStatus encryptionFromDmUuid(const std::string& dm_uuid, const std::string& cipher);

// The cipher specification ("aes-xts-plain64") of the active dm-crypt mapping whose device
// number is major:minor, read from the device-mapper table (root only); empty otherwise.
std::string dmCryptCipher(unsigned major, unsigned minor);

}  // namespace oqm_hardware
