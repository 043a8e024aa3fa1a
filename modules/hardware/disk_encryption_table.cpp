// One row per block device. A dm-crypt mapping is encrypted; its type is the cryptsetup type
// from the device-mapper uuid ("CRYPT-LUKS2-...") joined with the cipher of its table, the
// "LUKS2-aes-xts-plain64" osquery builds with libcryptsetup. A device stacked on an encrypted
// one (an LVM volume inside a LUKS container, a partition of an encrypted mapping) inherits
// its parent's status, as in osquery. sysfs and the device-mapper ioctl give all of it, so
// libcryptsetup is not needed.
#include "disk_encryption_table.h"

#include <cstdio>
#include <map>

#include "block_devices_table.h"
#include "sysfs.h"

namespace oqm_hardware {

namespace {

std::string realCipher(const BlockDeviceSource& source, const BlockDevice& d) {
  auto dev = readAttribute(source.sysfs_root + "/block/" + d.kernel_name + "/dev");
  if (!dev) return {};
  unsigned major = 0, minor = 0;
  if (std::sscanf(dev->c_str(), "%u:%u", &major, &minor) != 2) return {};
  return dmCryptCipher(major, minor);
}

}  // namespace

DiskEncryptionTable::DiskEncryptionTable()
    : cipher_of([this](const BlockDevice& d) { return realCipher(source, d); }) {}

void DiskEncryptionTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  auto wanted = nameFilter(query);
  auto devices = readBlockDevices(source, wanted);
  std::map<std::string, const BlockDevice*> by_name;
  for (const BlockDevice& d : devices) by_name.emplace(d.name, &d);

  // Status by name, resolved through parents (depth-limited against cycles in odd trees).
  std::map<std::string, EncryptionStatus> resolved;
  std::function<EncryptionStatus(const BlockDevice&, int)> status_of =
      [&](const BlockDevice& d, int depth) -> EncryptionStatus {
    if (auto it = resolved.find(d.name); it != resolved.end()) return it->second;
    EncryptionStatus s = encryptionFromDmUuid(d.dm_uuid, "");
    if (s.encrypted) s = encryptionFromDmUuid(d.dm_uuid, cipher_of(d));
    if (!s.encrypted && depth < 16) {
      if (auto parent = by_name.find(d.parent); parent != by_name.end()) {
        s = status_of(*parent->second, depth + 1);
      }
    }
    resolved[d.name] = s;
    return s;
  };

  for (const BlockDevice& d : devices) {
    if (rows.done()) return;
    if (wanted && !wanted(d.name)) continue;
    EncryptionStatus s = status_of(d, 0);
    rows.add()
        .set("name", d.name)
        .set("uuid", d.uuid)
        .set("encrypted", s.encrypted ? 1 : 0)
        .set("type", s.type)
        .set("encryption_status", s.encrypted ? "encrypted" : "not encrypted");
  }
}

}  // namespace oqm_hardware
