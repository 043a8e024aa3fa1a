// shadow_table.h: `shadow`, the password aging and lock state of local accounts (/etc/shadow).
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct ShadowTable {
  static constexpr const char* kName = "shadow";
  static constexpr oqm::Column kColumns[] = {
      {"password_status", oqm::Type::Text},
      {"hash_alg", oqm::Type::Text},
      {"last_change", oqm::Type::BigInt},
      {"min", oqm::Type::BigInt},
      {"max", oqm::Type::BigInt},
      {"warning", oqm::Type::BigInt},
      {"inactive", oqm::Type::BigInt},
      {"expire", oqm::Type::BigInt},
      {"flag", oqm::Type::BigInt},
      {"username", oqm::Type::Text, oqm::kIndex | oqm::kOptimized},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
