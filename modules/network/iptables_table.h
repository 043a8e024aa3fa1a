// iptables_table.h: `iptables`, the kernel's IPv4 packet filter rules through libiptc, as
// osquery reports them (osquery/tables/networking/linux/iptables.cpp). Reading needs
// CAP_NET_ADMIN; without it, or without the ip_tables module, there are no rows.
#pragma once

#include <osquery_module.hpp>
#include <string>

struct ipt_entry;

namespace network_module {

// The columns of one rule, formatted as osquery does (inverted matches prefixed with '!').
struct IptablesRule {
  std::string target, match, src_port, dst_port, protocol, iniface, iniface_mask, outiface,
      outiface_mask, src_ip, src_mask, dst_ip, dst_mask;
  uint64_t packets = 0, bytes = 0;
};
IptablesRule describeRule(const ipt_entry& entry, const char* target);

struct IptablesTable {
  static constexpr const char* kName = "iptables";
  static constexpr oqm::Column kColumns[] = {
      {"filter_name", oqm::Type::Text},   {"chain", oqm::Type::Text},
      {"policy", oqm::Type::Text},        {"target", oqm::Type::Text},
      {"protocol", oqm::Type::Integer},   {"src_port", oqm::Type::Text},
      {"dst_port", oqm::Type::Text},      {"src_ip", oqm::Type::Text},
      {"src_mask", oqm::Type::Text},      {"iniface", oqm::Type::Text},
      {"iniface_mask", oqm::Type::Text},  {"dst_ip", oqm::Type::Text},
      {"dst_mask", oqm::Type::Text},      {"outiface", oqm::Type::Text},
      {"outiface_mask", oqm::Type::Text}, {"match", oqm::Type::Text},
      {"packets", oqm::Type::Integer},    {"bytes", oqm::Type::Integer},
  };
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace network_module
