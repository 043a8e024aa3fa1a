// systemd_units_table.h: `systemd_units`, the units of the system manager.
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct SystemdUnitsTable {
  static constexpr const char* kName = "systemd_units";
  static constexpr oqm::Column kColumns[] = {
      {"id", oqm::Type::Text},         {"description", oqm::Type::Text},
      {"load_state", oqm::Type::Text}, {"active_state", oqm::Type::Text},
      {"sub_state", oqm::Type::Text},  {"unit_file_state", oqm::Type::Text},
      {"following", oqm::Type::Text},  {"object_path", oqm::Type::Text},
      {"job_id", oqm::Type::BigInt},   {"job_type", oqm::Type::Text},
      {"job_path", oqm::Type::Text},   {"fragment_path", oqm::Type::Text},
      {"user", oqm::Type::Text},       {"source_path", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
