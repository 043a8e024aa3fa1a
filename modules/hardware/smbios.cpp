#include "smbios.h"

#include <array>
#include <cstring>

#include "sysfs.h"

namespace oqm_hardware {

std::optional<uint8_t> SmbiosStructure::byte(size_t offset) const {
  if (offset + 1 > formatted.size()) return std::nullopt;
  return static_cast<uint8_t>(formatted[offset]);
}

std::optional<uint16_t> SmbiosStructure::word(size_t offset) const {
  if (offset + 2 > formatted.size()) return std::nullopt;
  return static_cast<uint16_t>(static_cast<uint8_t>(formatted[offset]) |
                               (static_cast<uint8_t>(formatted[offset + 1]) << 8));
}

std::optional<uint32_t> SmbiosStructure::dword(size_t offset) const {
  if (offset + 4 > formatted.size()) return std::nullopt;
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i)
    v |= static_cast<uint32_t>(static_cast<uint8_t>(formatted[offset + i])) << (8 * i);
  return v;
}

std::string SmbiosStructure::string(size_t offset) const {
  auto index = byte(offset);
  if (!index || *index == 0 || *index > strings.size()) return {};
  std::string_view s = strings[*index - 1];
  size_t end = s.find_last_not_of(" \t");
  return std::string(end == std::string_view::npos ? std::string_view() : s.substr(0, end + 1));
}

std::vector<SmbiosStructure> parseSmbios(std::string_view table) {
  std::vector<SmbiosStructure> out;
  size_t pos = 0;
  while (pos + 4 <= table.size()) {
    SmbiosStructure s;
    s.type = static_cast<uint8_t>(table[pos]);
    s.length = static_cast<uint8_t>(table[pos + 1]);
    s.handle = static_cast<uint16_t>(static_cast<uint8_t>(table[pos + 2]) |
                                     (static_cast<uint8_t>(table[pos + 3]) << 8));
    if (s.length == 0 && s.handle == 0) break;  // zero padding after the last structure
    if (s.length < 4 || pos + s.length > table.size()) break;
    s.formatted = table.substr(pos, s.length);
    // The string set follows, each string NUL-terminated, the set ending with an extra NUL
    // (a structure without strings has just the two NULs).
    size_t strings_start = pos + s.length;
    size_t end = table.find(std::string_view("\0\0", 2), strings_start);
    size_t next = end == std::string_view::npos ? table.size() : end + 2;
    std::string_view area = table.substr(
        strings_start, (end == std::string_view::npos ? table.size() : end + 1) - strings_start);
    size_t at = 0;
    while (at < area.size() && area[at] != '\0') {
      size_t nul = area.find('\0', at);
      if (nul == std::string_view::npos) nul = area.size();
      s.strings.push_back(area.substr(at, nul - at));
      at = nul + 1;
    }
    s.raw = table.substr(pos, next - pos);
    s.index = out.size();
    out.push_back(std::move(s));
    pos = next;
  }
  return out;
}

std::string smbiosTypeDescription(uint8_t type) {
  static const std::array<const char*, 45> kNames = {
      "BIOS Information",
      "System Information",
      "Base Board or Module Information",
      "System Enclosure or Chassis",
      "Processor Information",
      "Memory Controller Information",
      "Memory Module Information",
      "Cache Information",
      "Port Connector Information",
      "System Slots",
      "On Board Devices Information",
      "OEM Strings",
      "System Configuration Options",
      "BIOS Language Information",
      "Group Associations",
      "System Event Log",
      "Physical Memory Array",
      "Memory Device",
      "32-bit Memory Error Information",
      "Memory Array Mapped Address",
      "Memory Device Mapped Address",
      "Built-in Pointing Device",
      "Portable Battery",
      "System Reset",
      "Hardware Security",
      "System Power Controls",
      "Voltage Probe",
      "Cooling Device",
      "Temperature Probe",
      "Electrical Current Probe",
      "Out-of-Band Remote Access",
      "Boot Integrity Services",
      "System Boot Information",
      "64-bit Memory Error Information",
      "Management Device",
      "Management Device Component",
      "Management Device Threshold Data",
      "Memory Channel",
      "IPMI Device Information",
      "System Power Supply",
      "Additional Information",
      "Onboard Devices Extended Info",
  };
  if (type < 42) return kNames[type];
  switch (type) {
    case 126:
      return "Inactive";
    case 127:
      return "End-of-Table";
    case 130:
      return "Memory SPD Data";
    case 131:
      return "OEM Processor Type";
    case 132:
      return "OEM Processor Bus Speed";
    default:
      return "Unknown";
  }
}

namespace {

// Names indexed by the SMBIOS code (DSP0134 7.18.1, 7.18.2, 7.18.3). osquery's tables stop
// at FB-DIMM and LPDDR4; the later codes are additions.
const char* const kFormFactors[] = {nullptr,   "Other",  "Unknown",
                                    "SIMM",    "SIP",    "Chip",
                                    "DIP",     "ZIP",    "Proprietary Card",
                                    "DIMM",    "TSOP",   "Row of chips",
                                    "RIMM",    "SODIMM", "SRIMM",
                                    "FB-DIMM", "Die",    "CAMM"};
const char* const kMemoryTypes[] = {
    nullptr,        "Other",    "Unknown",  "DRAM",
    "EDRAM",        "VRAM",     "SRAM",     "RAM",
    "ROM",          "FLASH",    "EEPROM",   "FEPROM",
    "EPROM",        "CDRAM",    "3DRAM",    "SDRAM",
    "SGRAM",        "RDRAM",    "DDR",      "DDR2",
    "DDR2 FB-DIMM", "RESERVED", "RESERVED", "RESERVED",
    "DDR3",         "FBD2",     "DDR4",     "LPDDR",
    "LPDDR2",       "LPDDR3",   "LPDDR4",   "Logical non-volatile device",
    "HBM",          "HBM2",     "DDR5",     "LPDDR5",
    "HBM3"};
const char* const kTypeDetails[] = {"Reserved",
                                    "Other",
                                    "Unknown",
                                    "Fast-paged",
                                    "Static column",
                                    "Pseudo-static",
                                    "RAMBUS",
                                    "Synchronous",
                                    "CMOS",
                                    "EDO",
                                    "Window DRAM",
                                    "Cache DRAM",
                                    "Non-volatile",
                                    "Registered (Buffered)",
                                    "Unbuffered (Unregistered)",
                                    "LRDIMM"};

template <size_t N>
std::optional<std::string> lookup(const char* const (&names)[N], std::optional<uint8_t> code) {
  if (!code || *code >= N || names[*code] == nullptr) return std::nullopt;
  return std::string(names[*code]);
}

// A word field where 0xFFFF (and optionally 0) means unknown.
std::optional<int64_t> known(std::optional<uint16_t> v, bool zero_unknown) {
  if (!v || *v == 0xFFFF || (zero_unknown && *v == 0)) return std::nullopt;
  return *v;
}

}  // namespace

std::optional<MemoryDevice> decodeMemoryDevice(const SmbiosStructure& s) {
  // SMBIOS 2.1 wrote 0x15 bytes; later versions append fields.
  if (s.type != 17 || s.length < 0x15) return std::nullopt;
  MemoryDevice m;
  m.handle = hexString(s.handle, 4);
  m.array_handle = hexString(*s.word(0x04), 4);
  m.total_width = known(s.word(0x08), false);
  m.data_width = known(s.word(0x0A), false);
  if (auto size = s.word(0x0C); size && *size != 0xFFFF) {
    if (*size == 0x7FFF) {
      // The size is in the Extended Size field, in MB (SMBIOS 2.7).
      if (auto ext = s.dword(0x1C)) m.size_mb = *ext & 0x7FFFFFFF;
    } else if (*size & 0x8000) {
      m.size_mb = (*size & 0x7FFF) / 1024;  // granularity bit: the value is in KB
    } else {
      m.size_mb = *size;
    }
  }
  m.form_factor = lookup(kFormFactors, s.byte(0x0E));
  if (auto set = s.byte(0x0F); set && *set != 0xFF) m.set = *set;
  m.device_locator = s.string(0x10);
  m.bank_locator = s.string(0x11);
  m.memory_type = lookup(kMemoryTypes, s.byte(0x12));
  if (auto details = s.word(0x13)) {
    for (size_t bit = 0; bit < 16; ++bit) {
      if ((*details & (1u << bit)) == 0) continue;
      if (!m.memory_type_details.empty()) m.memory_type_details += ' ';
      m.memory_type_details += kTypeDetails[bit];
    }
  }
  m.max_speed = known(s.word(0x15), true);
  m.manufacturer = s.string(0x17);
  m.serial_number = s.string(0x18);
  m.asset_tag = s.string(0x19);
  m.part_number = s.string(0x1A);
  m.configured_clock_speed = known(s.word(0x20), true);
  auto millivolts = [&](size_t offset) -> std::optional<int64_t> {
    auto v = s.word(offset);
    if (!v || *v == 0) return std::nullopt;
    return *v;
  };
  m.min_voltage = millivolts(0x22);
  m.max_voltage = millivolts(0x24);
  m.configured_voltage = millivolts(0x26);
  return m;
}

std::optional<Processor> decodeProcessor(const SmbiosStructure& s) {
  // SMBIOS 2.0 wrote 0x1A bytes; core and thread counts arrived with 2.5 (0x28).
  if (s.type != 4 || s.length < 0x1A) return std::nullopt;
  Processor p;
  p.socket_designation = s.string(0x04);
  p.processor_type = s.byte(0x05).value_or(0);
  p.manufacturer = s.string(0x07);
  p.model = s.string(0x10);
  p.max_clock_speed = s.word(0x14);
  p.current_clock_speed = s.word(0x16);
  p.cpu_status = s.byte(0x18);
  if (auto cores = s.byte(0x23)) {
    // 0xFF: the count is in Core Count 2 (SMBIOS 3.0).
    auto cores2 = s.word(0x2A);
    p.number_of_cores = (*cores == 0xFF && cores2) ? *cores2 : *cores;
  }
  if (auto threads = s.byte(0x25)) {
    auto threads2 = s.word(0x2E);
    p.logical_processors = (*threads == 0xFF && threads2) ? *threads2 : *threads;
  }
  if (auto characteristics = s.word(0x26)) {
    p.address_width = (*characteristics & (1u << 2)) != 0 ? "64" : "32";
  }
  return p;
}

}  // namespace oqm_hardware
