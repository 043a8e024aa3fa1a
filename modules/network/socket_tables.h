// socket_tables.h: `process_open_sockets` and `listening_ports`.
#pragma once

#include <osquery_module.hpp>

#include "socket_inventory.h"

namespace network_module {

struct ProcessOpenSocketsTable {
  static constexpr const char* kName = "process_open_sockets";
  static constexpr oqm::Column kColumns[] = {
      {"pid", oqm::Type::Integer, oqm::kAdditional},
      {"fd", oqm::Type::BigInt},
      {"socket", oqm::Type::BigInt},
      {"family", oqm::Type::Integer},
      {"protocol", oqm::Type::Integer},
      {"local_address", oqm::Type::Text},
      {"remote_address", oqm::Type::Text},
      {"local_port", oqm::Type::Integer},
      {"remote_port", oqm::Type::Integer},
      {"path", oqm::Type::Text},
      {"state", oqm::Type::Text},
      {"net_namespace", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
  SocketInventory inventory;
};

// osquery derives it from process_open_sockets: IPv4/IPv6 sockets without a remote port (TCP
// listeners, unconnected UDP) and UNIX sockets bound to a path.
struct ListeningPortsTable {
  static constexpr const char* kName = "listening_ports";
  static constexpr oqm::Column kColumns[] = {
      {"pid", oqm::Type::Integer},        {"port", oqm::Type::Integer},
      {"protocol", oqm::Type::Integer},   {"family", oqm::Type::Integer},
      {"address", oqm::Type::Text},       {"fd", oqm::Type::BigInt},
      {"socket", oqm::Type::BigInt},      {"path", oqm::Type::Text},
      {"net_namespace", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
  SocketInventory inventory;
};

}  // namespace network_module
