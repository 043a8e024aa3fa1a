#include "block_devices.h"

#include <blkid/blkid.h>
#include <fcntl.h>
#include <linux/dm-ioctl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstring>
#include <map>

#include "sysfs.h"

namespace oqm_hardware {

namespace {

std::optional<int64_t> intAttribute(const std::string& path) {
  auto value = unsignedAttribute(path);
  if (!value) return std::nullopt;
  return static_cast<int64_t>(*value);
}

// The DEVNAME of a sysfs device's uevent (the node under /dev udev creates), else the kernel
// name with '!' (sysfs's stand-in for '/') turned back into '/'.
std::string deviceNodeName(const std::string& dir, const std::string& kernel_name) {
  if (auto uevent = readFile(dir + "/uevent", 65536)) {
    for (std::string_view line : oqm_support::lines(*uevent)) {
      if (line.starts_with("DEVNAME=")) return std::string(line.substr(8));
    }
  }
  std::string name = kernel_name;
  for (char& c : name) {
    if (c == '!') c = '/';
  }
  return name;
}

// Vendor, model and serial of a disk: SCSI devices (sd, sr) name vendor and model in their
// parent device; NVMe and virtio disks give a model or serial of their own.
void readIdentity(const std::string& dir, BlockDevice& d) {
  d.vendor = readAttribute(dir + "/device/vendor").value_or("");
  d.model = readAttribute(dir + "/device/model").value_or("");
  // virtio's "vendor" is the PCI vendor id, not a name.
  if (d.vendor.starts_with("0x")) d.vendor.clear();
  d.serial = readAttribute(dir + "/serial").value_or("");
  if (d.serial.empty()) d.serial = readAttribute(dir + "/device/serial").value_or("");
}

}  // namespace

bool probeBlockDevice(const std::string& path, BlockDevice& device) {
  blkid_probe probe = blkid_new_probe_from_filename(path.c_str());
  if (probe == nullptr) return false;
  blkid_probe_enable_superblocks(probe, 1);
  blkid_probe_set_superblocks_flags(probe,
                                    BLKID_SUBLKS_LABEL | BLKID_SUBLKS_UUID | BLKID_SUBLKS_TYPE);
  if (blkid_do_safeprobe(probe) == 0) {
    const char* value = nullptr;
    if (blkid_probe_lookup_value(probe, "TYPE", &value, nullptr) == 0) device.type = value;
    if (blkid_probe_lookup_value(probe, "UUID", &value, nullptr) == 0) device.uuid = value;
    if (blkid_probe_lookup_value(probe, "LABEL", &value, nullptr) == 0) device.label = value;
  }
  blkid_free_probe(probe);
  return true;
}

std::vector<BlockDevice> readBlockDevices(
    const BlockDeviceSource& source, const std::function<bool(const std::string& name)>& wanted) {
  std::vector<BlockDevice> out;
  const std::string base = source.sysfs_root + "/block/";
  for (const std::string& disk : listDirectory(base)) {
    const std::string dir = base + disk;
    BlockDevice d;
    d.kernel_name = disk;
    d.name = source.dev_root + "/" + deviceNodeName(dir, disk);
    d.size = intAttribute(dir + "/size");
    d.block_size = intAttribute(dir + "/queue/logical_block_size");
    d.dm_uuid = readAttribute(dir + "/dm/uuid").value_or("");
    readIdentity(dir, d);
    // A device-mapper or md device sits on its "slaves"; osquery names the physical volume of
    // an LVM logical volume as its parent, and we do the same for every stacked device.
    auto slaves = listDirectory(dir + "/slaves");
    if (!slaves.empty()) {
      d.parent =
          source.dev_root + "/" + deviceNodeName(dir + "/slaves/" + slaves.front(), slaves.front());
    }
    const size_t disk_index = out.size();
    out.push_back(d);
    for (const std::string& entry : listDirectory(dir)) {
      const std::string part_dir = dir + "/" + entry;
      if (!exists(part_dir + "/partition")) continue;
      BlockDevice p;
      p.kernel_name = entry;
      p.name = source.dev_root + "/" + deviceNodeName(part_dir, entry);
      p.parent = out[disk_index].name;
      p.size = intAttribute(part_dir + "/size");
      p.block_size = out[disk_index].block_size;
      p.vendor = out[disk_index].vendor;
      p.model = out[disk_index].model;
      p.serial = out[disk_index].serial;
      out.push_back(std::move(p));
    }
  }
  if (source.probe) {
    for (BlockDevice& d : out) {
      if (wanted && !wanted(d.name)) continue;
      // Empty loop devices and drives without media have size 0: nothing to read.
      if (d.size.value_or(0) == 0) continue;
      probeBlockDevice(d.name, d);
    }
  }
  return out;
}

EncryptionStatus encryptionFromDmUuid(const std::string& dm_uuid, const std::string& cipher) {
  EncryptionStatus status;
  if (!dm_uuid.starts_with("CRYPT-")) return status;
  std::string kind = dm_uuid.substr(6, dm_uuid.find('-', 6) - 6);
  if (kind.empty() || kind == "VERITY" || kind == "INTEGRITY") return status;
  status.encrypted = true;
  status.type = kind;
  if (!cipher.empty()) status.type += "-" + cipher;
  return status;
}

std::string dmCryptCipher(unsigned major, unsigned minor) {
  int fd = ::open("/dev/mapper/control", O_RDWR | O_CLOEXEC);
  if (fd < 0) return {};
  alignas(struct dm_ioctl) char buffer[16384];
  std::memset(buffer, 0, sizeof(buffer));
  auto* io = reinterpret_cast<struct dm_ioctl*>(buffer);
  io->version[0] = DM_VERSION_MAJOR;
  io->version[1] = DM_VERSION_MINOR;
  io->version[2] = DM_VERSION_PATCHLEVEL;
  io->data_size = sizeof(buffer);
  io->data_start = sizeof(struct dm_ioctl);
  io->dev = (static_cast<uint64_t>(major) << 8) | (minor & 0xff) |
            (static_cast<uint64_t>(minor & ~0xffu) << 12);
  // Without DM_STATUS_TABLE_FLAG the kernel returns the status line; with it, the table line:
  // "<cipher> <key> <iv_offset> <device> <offset> ...". The key is masked unless requested.
  io->flags = DM_STATUS_TABLE_FLAG;
  int rc = ::ioctl(fd, DM_TABLE_STATUS, io);
  ::close(fd);
  if (rc != 0 || io->target_count == 0 || (io->flags & DM_BUFFER_FULL_FLAG) != 0) return {};
  auto* spec = reinterpret_cast<struct dm_target_spec*>(buffer + io->data_start);
  if (std::strncmp(spec->target_type, "crypt", DM_MAX_TYPE_NAME) != 0) return {};
  const char* params = reinterpret_cast<const char*>(spec + 1);
  size_t max = sizeof(buffer) - static_cast<size_t>(params - buffer);
  std::string line(params, strnlen(params, max));
  return line.substr(0, line.find(' '));
}

}  // namespace oqm_hardware
