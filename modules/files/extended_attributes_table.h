// extended_attributes_table.h: `extended_attributes`, the xattrs of the files named by `path`
// or `directory`.
#pragma once

#include <osquery_module.hpp>
#include <string>
#include <string_view>

namespace oqm_files {

// True when every byte is printable ASCII (then the value is shown as text, not base64).
bool isPrintableText(std::string_view bytes);

std::string base64Encode(std::string_view bytes);

struct ExtendedAttributesTable {
  static constexpr const char* kName = "extended_attributes";
  static constexpr oqm::Column kColumns[] = {
      {"path", oqm::Type::Text, oqm::kRequired | oqm::kOptimized},
      {"directory", oqm::Type::Text, oqm::kRequired | oqm::kOptimized},
      {"key", oqm::Type::Text},
      {"value", oqm::Type::Text},
      {"base64", oqm::Type::Integer},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_files
