// etc_tables.h: etc_hosts, etc_services, etc_protocols and dns_resolvers.
#pragma once

#include <osquery_module.hpp>
#include <string>

namespace network_module {

// The file a table reads: `path` under `/proc/<pid>/root` when the query constrains
// pid_with_namespace (the process's mount namespace, as osquery reads it), else `path`.
struct NamespacedFile {
  std::string path;
  int64_t pid;  // 0 for the host's own file
};
std::vector<NamespacedFile> namespacedFiles(const oqm::Query& query, const char* path);

struct EtcHostsTable {
  static constexpr const char* kName = "etc_hosts";
  static constexpr oqm::Column kColumns[] = {
      {"address", oqm::Type::Text},
      {"hostnames", oqm::Type::Text},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
  };
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

struct EtcServicesTable {
  static constexpr const char* kName = "etc_services";
  static constexpr oqm::Column kColumns[] = {
      {"name", oqm::Type::Text},    {"port", oqm::Type::Integer}, {"protocol", oqm::Type::Text},
      {"aliases", oqm::Type::Text}, {"comment", oqm::Type::Text},
  };
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

struct EtcProtocolsTable {
  static constexpr const char* kName = "etc_protocols";
  static constexpr oqm::Column kColumns[] = {
      {"name", oqm::Type::Text},
      {"number", oqm::Type::Integer},
      {"alias", oqm::Type::Text},
      {"comment", oqm::Type::Text},
  };
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

struct DnsResolversTable {
  static constexpr const char* kName = "dns_resolvers";
  static constexpr oqm::Column kColumns[] = {
      {"id", oqm::Type::Integer},
      {"type", oqm::Type::Text},
      {"address", oqm::Type::Text},
      {"netmask", oqm::Type::Text},
      {"options", oqm::Type::BigInt},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
  };
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace network_module
