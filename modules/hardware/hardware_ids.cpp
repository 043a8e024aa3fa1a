#include "hardware_ids.h"

#include <sys/stat.h>

#include <cctype>
#include <mutex>

#include "sysfs.h"

namespace oqm_hardware {

namespace {

bool isHexId(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Splits "<id>  <name>" (the id ends at the first space or tab).
bool splitIdName(std::string_view line, std::string& id, std::string& name) {
  size_t space = line.find_first_of(" \t");
  if (space == std::string_view::npos) return false;
  id = toLower(line.substr(0, space));
  name = std::string(trim(line.substr(space)));
  return !id.empty() && !name.empty();
}

template <typename Map>
const typename Map::mapped_type* find(const Map& map, const std::string& key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

}  // namespace

HardwareIds HardwareIds::parse(std::string_view text) {
  HardwareIds db;
  Vendor* vendor = nullptr;
  Device* device = nullptr;
  Class* klass = nullptr;
  for (std::string_view line : oqm_support::lines(text, /*strip_cr=*/true)) {
    if (trim(line).empty() || line.front() == '#') continue;

    size_t depth = 0;
    while (depth < line.size() && line[depth] == '\t') ++depth;
    std::string_view body = line.substr(depth);
    std::string id, name;
    if (depth == 0) {
      vendor = nullptr;
      device = nullptr;
      klass = nullptr;
      if (body.size() > 2 && body[0] == 'C' && body[1] == ' ') {
        if (splitIdName(body.substr(2), id, name) && isHexId(id)) {
          klass = &db.classes_[id];
          klass->name = name;
        }
      } else if (splitIdName(body, id, name) && id.size() == 4 && isHexId(id)) {
        vendor = &db.vendors_[id];
        vendor->name = name;
      }
      // Any other top-level line starts a section we do not use (usb.ids: AT, HID, L, ...).
    } else if (depth == 1) {
      device = nullptr;
      if (!splitIdName(body, id, name) || !isHexId(id)) continue;
      if (vendor != nullptr) {
        device = &vendor->devices[id];
        device->name = name;
      } else if (klass != nullptr) {
        klass->subclasses[id] = name;
      }
    } else if (depth == 2 && device != nullptr) {
      // "<subvendor> <subdevice>  <name>"
      if (body.size() < 10 || body[4] != ' ') continue;
      std::string key = toLower(body.substr(0, 9));
      if (!isHexId(key.substr(0, 4)) || !isHexId(key.substr(5, 4))) continue;
      std::string sub_name(trim(body.substr(9)));
      if (!sub_name.empty()) device->subsystems[key] = sub_name;
    }
  }
  return db;
}

std::optional<std::string> HardwareIds::vendor(const std::string& vendor_id) const {
  if (const Vendor* v = find(vendors_, vendor_id)) return v->name;
  return std::nullopt;
}

std::optional<std::string> HardwareIds::device(const std::string& vendor_id,
                                               const std::string& device_id) const {
  if (const Vendor* v = find(vendors_, vendor_id)) {
    if (const Device* d = find(v->devices, device_id)) return d->name;
  }
  return std::nullopt;
}

std::optional<std::string> HardwareIds::subsystem(const std::string& vendor_id,
                                                  const std::string& device_id,
                                                  const std::string& subsystem) const {
  if (const Vendor* v = find(vendors_, vendor_id)) {
    if (const Device* d = find(v->devices, device_id)) {
      if (const std::string* s = find(d->subsystems, subsystem)) return *s;
    }
  }
  return std::nullopt;
}

std::optional<std::string> HardwareIds::deviceClass(const std::string& class_id) const {
  if (const Class* c = find(classes_, class_id)) return c->name;
  return std::nullopt;
}

std::optional<std::string> HardwareIds::subclass(const std::string& class_id,
                                                 const std::string& subclass_id) const {
  if (const Class* c = find(classes_, class_id)) {
    if (const std::string* s = find(c->subclasses, subclass_id)) return *s;
  }
  return std::nullopt;
}

std::shared_ptr<const HardwareIds> loadHardwareIds(const std::vector<std::string>& paths) {
  struct Entry {
    std::string path;
    off_t size = -1;
    struct timespec mtime {};
    std::shared_ptr<const HardwareIds> db;
  };
  static std::mutex mutex;
  static std::vector<Entry> cache;

  for (const std::string& path : paths) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    std::lock_guard<std::mutex> lock(mutex);
    for (const Entry& e : cache) {
      if (e.path == path && e.size == st.st_size && e.mtime.tv_sec == st.st_mtim.tv_sec &&
          e.mtime.tv_nsec == st.st_mtim.tv_nsec) {
        return e.db;
      }
    }
    auto text = readFile(path);
    if (!text) continue;
    auto db = std::make_shared<const HardwareIds>(HardwareIds::parse(*text));
    std::erase_if(cache, [&](const Entry& e) { return e.path == path; });
    cache.push_back({path, st.st_size, st.st_mtim, db});
    return db;
  }
  static const auto kEmpty = std::make_shared<const HardwareIds>();
  return kEmpty;
}

const std::vector<std::string>& pciIdsPaths() {
  static const std::vector<std::string> kPaths = {
      "/usr/share/misc/pci.ids", "/usr/share/hwdata/pci.ids", "/usr/share/pci.ids"};
  return kPaths;
}

const std::vector<std::string>& usbIdsPaths() {
  static const std::vector<std::string> kPaths = {
      "/usr/share/misc/usb.ids", "/var/lib/usbutils/usb.ids", "/usr/share/hwdata/usb.ids",
      "/usr/share/usb.ids"};
  return kPaths;
}

}  // namespace oqm_hardware
