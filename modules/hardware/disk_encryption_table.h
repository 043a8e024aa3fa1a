// disk_encryption_table.h: `disk_encryption`, whether each block device is encrypted.
#pragma once

#include <osquery_module.hpp>

#include "block_devices.h"

namespace oqm_hardware {

struct DiskEncryptionTable {
  static constexpr const char* kName = "disk_encryption";
  static constexpr oqm::Column kColumns[] = {
      {"name", oqm::Type::Text, oqm::kIndex}, {"uuid", oqm::Type::Text, 0, "nocase"},
      {"encrypted", oqm::Type::Integer},      {"type", oqm::Type::Text},
      {"encryption_status", oqm::Type::Text},
  };

  BlockDeviceSource source;  // tests point it at fixtures
  // Reads a mapping's cipher; tests replace it (the real one needs /dev/mapper/control).
  std::function<std::string(const BlockDevice&)> cipher_of;

  DiskEncryptionTable();
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_hardware
