// One row per block device; uuid, type and label come from libblkid, which must be able to
// read the device node (root): otherwise they are empty, as in osquery.
#include "block_devices_table.h"

#include <set>

namespace oqm_hardware {

std::function<bool(const std::string&)> nameFilter(const oqm::Query& query) {
  if (!query.hasEq("name")) return {};
  auto names = query.eq<std::string>("name");
  return [wanted = std::set<std::string>(names.begin(), names.end())](const std::string& name) {
    return wanted.count(name) > 0;
  };
}

void BlockDevicesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  auto wanted = nameFilter(query);
  for (const BlockDevice& d : readBlockDevices(source, wanted)) {
    if (rows.done()) return;
    if (wanted && !wanted(d.name)) continue;
    rows.add()
        .set("name", d.name)
        .set("parent", d.parent)
        .set("vendor", d.vendor)
        .set("model", d.model)
        .set("serial", d.serial)
        .set("size", d.size)
        .set("block_size", d.block_size)
        .set("uuid", d.uuid)
        .set("type", d.type)
        .set("label", d.label);
  }
}

}  // namespace oqm_hardware
