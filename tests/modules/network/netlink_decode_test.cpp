// Decoding of netlink answers (sock_diag, rtnetlink) and of iptables entries, on messages
// built by the tests byte for byte as the kernel lays them out.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <libiptc/libiptc.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <net/if.h>

#include <cstring>
#include <vector>

#include "iptables_table.h"
#include "netlink.h"
#include "routes_table.h"
#include "socket_record.h"

namespace network_test {
namespace {

using namespace network_module;

// Builds one netlink message: a header, a fixed payload, then attributes.
class MessageBuilder {
 public:
  MessageBuilder(uint16_t type, const void* payload, size_t size) : buffer_(NLMSG_LENGTH(size)) {
    header()->nlmsg_type = type;
    std::memcpy(NLMSG_DATA(header()), payload, size);
    buffer_.resize(NLMSG_ALIGN(buffer_.size()));
    header()->nlmsg_len = static_cast<uint32_t>(buffer_.size());
  }
  MessageBuilder& attribute(uint16_t type, const void* data, size_t size) {
    size_t at = buffer_.size();
    buffer_.resize(at + RTA_ALIGN(RTA_LENGTH(size)), 0);
    auto* attr = reinterpret_cast<rtattr*>(buffer_.data() + at);
    attr->rta_type = type;
    attr->rta_len = static_cast<uint16_t>(RTA_LENGTH(size));
    std::memcpy(RTA_DATA(attr), data, size);
    header()->nlmsg_len = static_cast<uint32_t>(buffer_.size());
    return *this;
  }
  const nlmsghdr& message() const { return *reinterpret_cast<const nlmsghdr*>(buffer_.data()); }

 private:
  nlmsghdr* header() { return reinterpret_cast<nlmsghdr*>(buffer_.data()); }
  std::vector<char> buffer_;
};

TEST(SockDiag, DecodesAnIpv4TcpListener) {
  inet_diag_msg msg{};
  msg.idiag_family = AF_INET;
  msg.idiag_state = 10;
  msg.id.idiag_sport = htons(8080);
  inet_pton(AF_INET, "127.0.0.1", msg.id.idiag_src);
  msg.idiag_inode = 99;
  MessageBuilder m(SOCK_DIAG_BY_FAMILY, &msg, sizeof(msg));
  SocketRecord r;
  ASSERT_TRUE(decodeInetDiag(m.message(), IPPROTO_TCP, r));
  EXPECT_EQ(r.family, AF_INET);
  EXPECT_EQ(r.protocol, IPPROTO_TCP);
  EXPECT_EQ(r.local_address, "127.0.0.1");
  EXPECT_EQ(r.local_port, 8080);
  EXPECT_EQ(r.remote_address, "0.0.0.0");
  EXPECT_EQ(r.remote_port, 0);
  EXPECT_EQ(r.state, "LISTEN");
  EXPECT_EQ(r.inode, 99u);
}

TEST(SockDiag, DecodesAnIpv6UdpSocketWithoutState) {
  inet_diag_msg msg{};
  msg.idiag_family = AF_INET6;
  msg.idiag_state = 7;
  msg.id.idiag_sport = htons(53);
  msg.id.idiag_dport = htons(4444);
  inet_pton(AF_INET6, "fd00::1", msg.id.idiag_src);
  inet_pton(AF_INET6, "::ffff:10.0.0.1", msg.id.idiag_dst);
  MessageBuilder m(SOCK_DIAG_BY_FAMILY, &msg, sizeof(msg));
  SocketRecord r;
  ASSERT_TRUE(decodeInetDiag(m.message(), IPPROTO_UDP, r));
  EXPECT_EQ(r.local_address, "fd00::1");
  EXPECT_EQ(r.remote_address, "::ffff:10.0.0.1");
  EXPECT_EQ(r.remote_port, 4444);
  EXPECT_EQ(r.state, "");
}

TEST(SockDiag, TcpStateNames) {
  EXPECT_EQ(tcpStateName(1), "ESTABLISHED");
  EXPECT_EQ(tcpStateName(6), "TIME_WAIT");
  EXPECT_EQ(tcpStateName(11), "CLOSING");
  EXPECT_EQ(tcpStateName(12), "SYN_RECV");
  EXPECT_EQ(tcpStateName(0), "UNKNOWN");
  EXPECT_EQ(tcpStateName(99), "UNKNOWN");
}

TEST(SockDiag, DecodesUnixNamesPathAndAbstract) {
  unix_diag_msg msg{};
  msg.udiag_family = AF_UNIX;
  msg.udiag_ino = 1234;
  const char path[] = "/run/x.sock";  // with its NUL, as bound
  MessageBuilder named(SOCK_DIAG_BY_FAMILY, &msg, sizeof(msg));
  named.attribute(UNIX_DIAG_NAME, path, sizeof(path));
  SocketRecord r;
  ASSERT_TRUE(decodeUnixDiag(named.message(), r));
  EXPECT_EQ(r.inode, 1234u);
  EXPECT_EQ(r.family, AF_UNIX);
  EXPECT_EQ(r.protocol, 0);
  EXPECT_EQ(r.path, "/run/x.sock");

  const char abstract[] = {'\0', 'a', 'b', '\0', 'c'};
  MessageBuilder hidden(SOCK_DIAG_BY_FAMILY, &msg, sizeof(msg));
  hidden.attribute(UNIX_DIAG_NAME, abstract, sizeof(abstract));
  ASSERT_TRUE(decodeUnixDiag(hidden.message(), r));
  EXPECT_EQ(r.path, "@ab@c");

  MessageBuilder anonymous(SOCK_DIAG_BY_FAMILY, &msg, sizeof(msg));
  ASSERT_TRUE(decodeUnixDiag(anonymous.message(), r));
  EXPECT_EQ(r.path, "");
}

TEST(SockDiag, ShortMessagesAreRejected) {
  char tiny[4] = {};
  MessageBuilder m(SOCK_DIAG_BY_FAMILY, tiny, sizeof(tiny));
  SocketRecord r;
  EXPECT_FALSE(decodeInetDiag(m.message(), IPPROTO_TCP, r));
  EXPECT_FALSE(decodeUnixDiag(m.message(), r));
}

std::string fakeInterfaceName(int index) {
  return "if" + std::to_string(index);
}

TEST(Routes, DecodesAGatewayRouteWithMetrics) {
  rtmsg route{};
  route.rtm_family = AF_INET;
  route.rtm_dst_len = 16;
  route.rtm_type = RTN_UNICAST;
  route.rtm_flags = 0x200;
  in_addr dst, gw;
  inet_pton(AF_INET, "10.1.0.0", &dst);
  inet_pton(AF_INET, "10.0.0.1", &gw);
  int32_t oif = 3, priority = 100, mtu = 1400, hops = 9;
  std::vector<char> nested(2 * RTA_ALIGN(RTA_LENGTH(4)), 0);
  auto* a = reinterpret_cast<rtattr*>(nested.data());
  a->rta_type = RTAX_MTU;
  a->rta_len = RTA_LENGTH(4);
  std::memcpy(RTA_DATA(a), &mtu, 4);
  auto* b = reinterpret_cast<rtattr*>(nested.data() + RTA_ALIGN(RTA_LENGTH(4)));
  b->rta_type = RTAX_HOPLIMIT;
  b->rta_len = RTA_LENGTH(4);
  std::memcpy(RTA_DATA(b), &hops, 4);
  MessageBuilder m(RTM_NEWROUTE, &route, sizeof(route));
  m.attribute(RTA_DST, &dst, 4)
      .attribute(RTA_GATEWAY, &gw, 4)
      .attribute(RTA_OIF, &oif, 4)
      .attribute(RTA_PRIORITY, &priority, 4)
      .attribute(RTA_METRICS, nested.data(), nested.size());
  RouteEntry r;
  ASSERT_TRUE(decodeRoute(m.message(), r, &fakeInterfaceName));
  EXPECT_EQ(r.destination, "10.1.0.0");
  EXPECT_EQ(r.netmask, 16);
  EXPECT_EQ(r.gateway, "10.0.0.1");
  EXPECT_EQ(r.interface, "if3");
  EXPECT_EQ(r.metric, 100);
  EXPECT_EQ(r.mtu, 1400);
  EXPECT_EQ(r.hopcount, 9);
  EXPECT_EQ(r.type, "gateway");
  EXPECT_EQ(r.flags, 0x200);
  EXPECT_FALSE(r.source.has_value());
}

TEST(Routes, DefaultAndHostRoutesFollowOsquery) {
  rtmsg route{};
  route.rtm_family = AF_INET6;
  route.rtm_type = RTN_LOCAL;
  MessageBuilder def(RTM_NEWROUTE, &route, sizeof(route));
  RouteEntry r;
  ASSERT_TRUE(decodeRoute(def.message(), r, &fakeInterfaceName));
  EXPECT_EQ(r.destination, "::");
  EXPECT_EQ(r.netmask, 0);
  EXPECT_EQ(r.type, "local");

  route.rtm_family = AF_INET;
  route.rtm_dst_len = 32;
  in_addr host;
  inet_pton(AF_INET, "127.0.0.1", &host);
  MessageBuilder host_route(RTM_NEWROUTE, &route, sizeof(route));
  host_route.attribute(RTA_DST, &host, 4);
  ASSERT_TRUE(decodeRoute(host_route.message(), r, &fakeInterfaceName));
  EXPECT_EQ(r.destination, "127.0.0.1");
  EXPECT_EQ(r.netmask, 0);  // osquery's quirk: /32 and /128 report 0

  MessageBuilder not_a_route(RTM_NEWLINK, &route, sizeof(route));
  EXPECT_FALSE(decodeRoute(not_a_route.message(), r, &fakeInterfaceName));
}

TEST(Iptables, DescribesATcpRuleAsOsquery) {
  // An entry with one "tcp" match, as the kernel hands it to libiptc.
  size_t match_size = XT_ALIGN(sizeof(xt_entry_match) + sizeof(ipt_tcp));
  std::vector<unsigned char> buffer(sizeof(ipt_entry) + match_size + 64, 0);
  auto* e = reinterpret_cast<ipt_entry*>(buffer.data());
  e->target_offset = static_cast<uint16_t>(sizeof(ipt_entry) + match_size);
  e->ip.proto = IPPROTO_TCP;
  e->ip.invflags = IPT_INV_SRCIP | IPT_INV_VIA_IN;
  inet_pton(AF_INET, "192.168.0.0", &e->ip.src);
  inet_pton(AF_INET, "255.255.0.0", &e->ip.smsk);
  std::strcpy(e->ip.iniface, "eth0");
  std::memset(e->ip.iniface_mask, 0xff, 5);
  e->counters.pcnt = 7;
  e->counters.bcnt = 700;
  auto* m = reinterpret_cast<xt_entry_match*>(e->elems);
  m->u.match_size = static_cast<uint16_t>(match_size);
  std::strcpy(m->u.user.name, "tcp");
  auto* tcp = reinterpret_cast<ipt_tcp*>(m->data);
  tcp->spts[0] = 0;
  tcp->spts[1] = 65535;
  tcp->dpts[0] = 22;
  tcp->dpts[1] = 22;
  IptablesRule r = describeRule(*e, "ACCEPT");
  EXPECT_EQ(r.target, "ACCEPT");
  EXPECT_EQ(r.match, "yes");
  EXPECT_EQ(r.protocol, "6");
  EXPECT_EQ(r.src_port, "0:65535");
  EXPECT_EQ(r.dst_port, "22:22");
  EXPECT_EQ(r.src_ip, "!192.168.0.0");
  EXPECT_EQ(r.src_mask, "255.255.0.0");
  EXPECT_EQ(r.dst_ip, "0.0.0.0");
  EXPECT_EQ(r.iniface, "!eth0");
  EXPECT_EQ(r.iniface_mask, "FFFFFFFFFF");
  EXPECT_EQ(r.outiface, "all");
  EXPECT_EQ(r.outiface_mask, "");
  EXPECT_EQ(r.packets, 7u);
  EXPECT_EQ(r.bytes, 700u);

  // Without a match there are no ports.
  e->target_offset = sizeof(ipt_entry);
  e->ip.proto = 0;
  r = describeRule(*e, "DROP");
  EXPECT_EQ(r.src_port, "");
  EXPECT_EQ(r.protocol, "0");
}

}  // namespace
}  // namespace network_test
