#include "iptables_table.h"

#include <arpa/inet.h>
#include <libiptc/libiptc.h>
#include <net/if.h>
#include <oqm_support/files.h>
#include <oqm_support/text.h>

#include <cstring>

#include "text_util.h"

namespace network_module {

namespace {

std::string inverted(const ipt_entry& e, int flag) {
  return (e.ip.invflags & flag) ? "!" : "";
}

std::string interfaceMask(const unsigned char* mask) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (int i = 0; i < IFNAMSIZ && mask[i] != 0; ++i) {
    out += kHex[mask[i] >> 4];
    out += kHex[mask[i] & 0xf];
  }
  return out;
}

std::string interfaceName(const ipt_entry& e, const char* name, int flag) {
  if (name[0] == '\0') return "all";
  return inverted(e, flag) + std::string(name, ::strnlen(name, IFNAMSIZ));
}

template <typename PortMatch>
void setPorts(const PortMatch& ports, IptablesRule& rule) {
  rule.src_port = std::to_string(ports.spts[0]) + ":" + std::to_string(ports.spts[1]);
  rule.dst_port = std::to_string(ports.dpts[0]) + ":" + std::to_string(ports.dpts[1]);
}

}  // namespace

IptablesRule describeRule(const ipt_entry& e, const char* target) {
  IptablesRule rule;
  rule.target = target != nullptr ? target : "";
  // osquery says "yes" for every rule (it tests target_offset, which is never 0).
  rule.match = "yes";
  // The ports come from the first match when it is the tcp or udp one.
  if (e.target_offset >= sizeof(ipt_entry) + sizeof(xt_entry_match)) {
    const auto* m = reinterpret_cast<const xt_entry_match*>(e.elems);
    const char* name = m->u.user.name;
    size_t data = m->u.match_size >= sizeof(xt_entry_match) ? m->u.match_size - sizeof(*m) : 0;
    if (e.ip.proto == IPPROTO_TCP && std::strcmp(name, "tcp") == 0 && data >= sizeof(ipt_tcp)) {
      setPorts(*reinterpret_cast<const ipt_tcp*>(m->data), rule);
    } else if (e.ip.proto == IPPROTO_UDP && std::strcmp(name, "udp") == 0 &&
               data >= sizeof(ipt_udp)) {
      setPorts(*reinterpret_cast<const ipt_udp*>(m->data), rule);
    }
  }
  rule.protocol = inverted(e, IPT_INV_PROTO) + std::to_string(e.ip.proto);
  rule.iniface = interfaceName(e, e.ip.iniface, IPT_INV_VIA_IN);
  rule.outiface = interfaceName(e, e.ip.outiface, IPT_INV_VIA_OUT);
  rule.src_ip = inverted(e, IPT_INV_SRCIP) + formatAddress(AF_INET, &e.ip.src);
  rule.dst_ip = inverted(e, IPT_INV_DSTIP) + formatAddress(AF_INET, &e.ip.dst);
  rule.src_mask = formatAddress(AF_INET, &e.ip.smsk);
  rule.dst_mask = formatAddress(AF_INET, &e.ip.dmsk);
  rule.iniface_mask = interfaceMask(e.ip.iniface_mask);
  rule.outiface_mask = interfaceMask(e.ip.outiface_mask);
  rule.packets = e.counters.pcnt;
  rule.bytes = e.counters.bcnt;
  return rule;
}

void IptablesTable::generate(const oqm::Query&, oqm::Rows& rows) {
  auto names = oqm_support::readFile("/proc/net/ip_tables_names");
  if (!names) return;
  for (std::string_view line : oqm_support::lines(*names)) {
    std::string filter(oqm_support::trim(line));
    if (filter.empty() || rows.done()) continue;
    xtc_handle* handle = ::iptc_init(filter.c_str());
    if (handle == nullptr) continue;  // not permitted, or the table went away
    for (const char* chain = ::iptc_first_chain(handle); chain != nullptr && !rows.done();
         chain = ::iptc_next_chain(handle)) {
      xt_counters counters{};
      const char* policy = ::iptc_get_policy(chain, &counters, handle);
      for (const ipt_entry* e = ::iptc_first_rule(chain, handle); e != nullptr && !rows.done();
           e = ::iptc_next_rule(e, handle)) {
        IptablesRule rule = describeRule(*e, ::iptc_get_target(e, handle));
        rows.add()
            .set("filter_name", filter)
            .set("chain", chain)
            .set("policy", policy != nullptr ? policy : "")
            .set("target", rule.target)
            .set("protocol", rule.protocol)
            .set("src_port", rule.src_port)
            .set("dst_port", rule.dst_port)
            .set("src_ip", rule.src_ip)
            .set("src_mask", rule.src_mask)
            .set("iniface", rule.iniface)
            .set("iniface_mask", rule.iniface_mask)
            .set("dst_ip", rule.dst_ip)
            .set("dst_mask", rule.dst_mask)
            .set("outiface", rule.outiface)
            .set("outiface_mask", rule.outiface_mask)
            .set("match", rule.match)
            .set("packets", static_cast<int64_t>(rule.packets))
            .set("bytes", static_cast<int64_t>(rule.bytes));
      }
      // The chain itself, after its rules, with its policy's counters.
      rows.add()
          .set("filter_name", filter)
          .set("chain", chain)
          .set("policy", policy != nullptr ? policy : "")
          .set("packets", policy != nullptr ? static_cast<int64_t>(counters.pcnt) : 0)
          .set("bytes", policy != nullptr ? static_cast<int64_t>(counters.bcnt) : 0);
    }
    ::iptc_free(handle);
  }
}

}  // namespace network_module
