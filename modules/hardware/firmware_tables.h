// firmware_tables.h: the tables that list raw firmware tables with a digest of each:
// `acpi_tables` (/sys/firmware/acpi/tables) and `smbios_tables` (the SMBIOS structures).
#pragma once

#include <osquery_module.hpp>
#include <string>

namespace oqm_hardware {

struct AcpiTablesTable {
  static constexpr const char* kName = "acpi_tables";
  static constexpr oqm::Column kColumns[] = {
      {"name", oqm::Type::Text},
      {"size", oqm::Type::Integer},
      {"md5", oqm::Type::Text, 0, "nocase"},
  };

  std::string root = "/sys/firmware/acpi/tables";  // tests point it at fixtures
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

struct SmbiosTablesTable {
  static constexpr const char* kName = "smbios_tables";
  static constexpr oqm::Column kColumns[] = {
      {"number", oqm::Type::Integer},        {"type", oqm::Type::Integer},
      {"description", oqm::Type::Text},      {"handle", oqm::Type::Integer},
      {"header_size", oqm::Type::Integer},   {"size", oqm::Type::Integer},
      {"md5", oqm::Type::Text, 0, "nocase"},
  };

  std::string path;  // the raw structure table; tests point it at a fixture
  SmbiosTablesTable();
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_hardware
