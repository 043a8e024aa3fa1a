// smbios.h: a parser for the raw SMBIOS structure table (what the kernel exports as
// /sys/firmware/dmi/tables/DMI) and decoders for the structures our tables report.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_hardware {

inline constexpr const char* kSmbiosTablePath = "/sys/firmware/dmi/tables/DMI";

struct SmbiosStructure {
  size_t index = 0;  // position in the table
  uint8_t type = 0;
  uint8_t length = 0;  // of the formatted area, header included
  uint16_t handle = 0;
  std::string_view formatted;             // the formatted area (`length` bytes)
  std::string_view raw;                   // formatted area, strings and the terminating double NUL
  std::vector<std::string_view> strings;  // the string set; SMBIOS numbers them from 1

  // Field readers: std::nullopt when the field lies beyond the formatted area (an older
  // SMBIOS version wrote a shorter structure).
  std::optional<uint8_t> byte(size_t offset) const;
  std::optional<uint16_t> word(size_t offset) const;
  std::optional<uint32_t> dword(size_t offset) const;
  // The string the byte at `offset` refers to, right-trimmed; "" for none (0) or a bad index.
  std::string string(size_t offset) const;
};

// Splits a structure table into its structures. Parsing stops at the first structure that
// does not fit, and at an all-zero header (padding). The views point into `table`.
std::vector<SmbiosStructure> parseSmbios(std::string_view table);

// osquery's name of a structure type ("Memory Device"), "Unknown" for others.
std::string smbiosTypeDescription(uint8_t type);

// Type 17, Memory Device: the memory_devices columns (NULL where the structure says unknown).
struct MemoryDevice {
  std::string handle, array_handle;  // "0x1100"
  std::optional<std::string> form_factor, memory_type;
  std::optional<int64_t> total_width, data_width, size_mb, set;
  std::string device_locator, bank_locator, memory_type_details;
  std::optional<int64_t> max_speed, configured_clock_speed;
  std::string manufacturer, serial_number, asset_tag, part_number;
  std::optional<int64_t> min_voltage, max_voltage, configured_voltage;  // millivolts
};
std::optional<MemoryDevice> decodeMemoryDevice(const SmbiosStructure& s);

// Type 4, Processor Information: the cpu_info columns.
struct Processor {
  std::string socket_designation, manufacturer, model;
  int processor_type = 0;  // 3 central, 4 math, 5 DSP, 6 video
  std::optional<int64_t> cpu_status, number_of_cores, logical_processors;
  std::optional<int64_t> current_clock_speed, max_clock_speed;  // MHz
  std::optional<std::string> address_width;                     // "64" or "32"
};
std::optional<Processor> decodeProcessor(const SmbiosStructure& s);

}  // namespace oqm_hardware
