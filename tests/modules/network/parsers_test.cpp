// The text parsers, on fixture files written by the tests.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <oqm_support/files.h>
#include <resolv.h>
#include <sys/socket.h>

#include "arp_cache_table.h"
#include "etc_files.h"
#include "interface_tables.h"
#include "socket_record.h"
#include "test_support.h"
#include "text_util.h"

namespace network_test {
namespace {

using namespace network_module;

std::string fixture(const TempDir& dir, const std::string& name, const std::string& content) {
  return *oqm_support::readFile(dir.write(name, content));
}

TEST(EtcHosts, AddressesHostnamesAndComments) {
  TempDir dir;
  auto entries = parseEtcHosts(fixture(dir, "hosts",
                                       "# a comment\n"
                                       "127.0.0.1\tlocalhost  loopback # trailing\n"
                                       "\n"
                                       "   ::1 ip6-localhost\n"
                                       "10.0.0.1\n"
                                       "  # indented comment\n"));
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].address, "127.0.0.1");
  EXPECT_EQ(entries[0].hostnames, "localhost loopback");
  EXPECT_EQ(entries[1].address, "::1");
  EXPECT_EQ(entries[1].hostnames, "ip6-localhost");
  EXPECT_EQ(entries[2].address, "10.0.0.1");
  EXPECT_FALSE(entries[2].hostnames.has_value());
}

TEST(EtcServices, NamePortProtocolAliasesComment) {
  TempDir dir;
  auto entries =
      parseEtcServices(fixture(dir, "services",
                               "# header\n"
                               "ssh\t\t22/tcp\t\t\t\t# SSH Remote Login Protocol\n"
                               "smtp\t\t25/tcp\t\tmail\n"
                               "kerberos\t88/udp\t\tkerberos5 krb5\t# Kerberos v5 # more\n"
                               "broken\t\tnoslash\n"
                               "lonely\n"));
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].name, "ssh");
  EXPECT_EQ(entries[0].port, 22);
  EXPECT_EQ(entries[0].protocol, "tcp");
  EXPECT_EQ(entries[0].aliases, "");
  EXPECT_EQ(entries[0].comment, "SSH Remote Login Protocol");
  EXPECT_EQ(entries[1].aliases, "mail");
  EXPECT_FALSE(entries[1].comment.has_value());
  EXPECT_EQ(entries[2].protocol, "udp");
  EXPECT_EQ(entries[2].aliases, "kerberos5 krb5");
  EXPECT_EQ(entries[2].comment, "Kerberos v5 # more");
}

TEST(EtcProtocols, NameNumberAliasComment) {
  TempDir dir;
  auto entries = parseEtcProtocols(fixture(dir, "protocols",
                                           "# Internet (IP) protocols\n"
                                           "ip\t0\tIP\t\t# internet protocol\n"
                                           "tcp\t6\tTCP\n"
                                           "odd\tx\n"
                                           "single\n"));
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].name, "ip");
  EXPECT_EQ(entries[0].number, 0);
  EXPECT_EQ(entries[0].alias, "IP");
  EXPECT_EQ(entries[0].comment, "internet protocol");
  EXPECT_EQ(entries[1].number, 6);
  EXPECT_FALSE(entries[1].comment.has_value());
  EXPECT_FALSE(entries[2].number.has_value());  // NULL, as osquery's integer parse gives
  EXPECT_FALSE(entries[2].alias.has_value());
}

TEST(ResolvConf, NameserversSearchSortlistOptions) {
  TempDir dir;
  auto config = parseResolvConf(fixture(dir, "resolv.conf",
                                        "# generated\n"
                                        "domain old.example\n"
                                        "search a.example b.example ; comment\n"
                                        "nameserver 10.0.0.53\n"
                                        "nameserver fd00::53\n"
                                        "nameserver not-an-address\n"
                                        "nameserver 10.0.0.54\n"
                                        "nameserver 10.0.0.55\n"
                                        "sortlist 130.155.160.0/255.255.240.0 130.155.0.0\n"
                                        "options rotate edns0 ndots:2\n"),
                                "host.ignored.example");
  EXPECT_EQ(config.nameservers,
            (std::vector<std::string>{"10.0.0.53", "fd00::53", "10.0.0.54"}));  // MAXNS is 3
  EXPECT_EQ(config.search, (std::vector<std::string>{"a.example", "b.example"}));
  ASSERT_EQ(config.sortlist.size(), 2u);
  EXPECT_EQ(config.sortlist[0].address, "130.155.160.0");
  in_addr mask;
  ASSERT_EQ(inet_aton("255.255.240.0", &mask), 1);
  EXPECT_EQ(config.sortlist[0].mask, mask.s_addr);
  ASSERT_EQ(inet_aton("255.255.0.0", &mask), 1);  // class B default
  EXPECT_EQ(config.sortlist[1].mask, mask.s_addr);
  EXPECT_EQ(config.options, RES_DEFAULT | RES_INIT | RES_ROTATE | RES_USE_EDNS0);
}

TEST(ResolvConf, EmptyFileMeansLoopbackAndHostDomain) {
  auto config = parseResolvConf("", "box.corp.example");
  EXPECT_EQ(config.nameservers, (std::vector<std::string>{"127.0.0.1"}));
  EXPECT_EQ(config.search, (std::vector<std::string>{"corp.example"}));
  EXPECT_EQ(config.options, RES_DEFAULT | RES_INIT);
  EXPECT_TRUE(parseResolvConf("", "nodomain").search.empty());
}

TEST(ResolvConf, AgreesWithGlibcOnThisHostsFile) {
  // The same file through glibc's own reader: the parser must not drift from the resolver.
  auto content = oqm_support::readFile("/etc/resolv.conf");
  if (!content) GTEST_SKIP() << "no /etc/resolv.conf";
  char hostname[256] = {0};
  gethostname(hostname, sizeof(hostname) - 1);
  auto config = parseResolvConf(*content, hostname);
  struct __res_state state {};
  ASSERT_EQ(res_ninit(&state), 0);
  EXPECT_EQ(config.options, static_cast<int64_t>(state.options));
  size_t v4 = 0;
  for (int i = 0; i < state.nscount; ++i) {
    if (state.nsaddr_list[i].sin_family == AF_INET) ++v4;
  }
  size_t ours_v4 = 0;
  for (const auto& ns : config.nameservers) ours_v4 += ns.find(':') == std::string::npos;
  EXPECT_EQ(ours_v4, v4);
  for (size_t i = 0; i < config.search.size(); ++i) {
    ASSERT_NE(state.dnsrch[i], nullptr);
    EXPECT_EQ(config.search[i], state.dnsrch[i]);
  }
  res_nclose(&state);
}

TEST(ProcNet, TcpAndTcp6Lines) {
  TempDir dir;
  std::vector<SocketRecord> records;
  ASSERT_TRUE(parseProcNetInet(
      fixture(dir, "tcp",
              "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
              "timeout inode\n"
              "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     "
              "0        0 4242 1 0000000000000000 100 0 0 10 0\n"
              "   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000  "
              "1000        0 4343 1 0000000000000000 20 4 30 10 -1\n"
              "   2: garbage\n"),
      AF_INET, IPPROTO_TCP, records));
  ASSERT_TRUE(parseProcNetInet(
      fixture(dir, "tcp6",
              "  sl  local_address                         remote_address                        "
              "st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
              "   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 "
              "0A 00000000:00000000 00:00000000 00000000     0        0 5151 1 0 100 0 0 10 0\n"),
      AF_INET6, IPPROTO_TCP, records));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].local_address, "127.0.0.1");
  EXPECT_EQ(records[0].local_port, 8080);
  EXPECT_EQ(records[0].remote_address, "0.0.0.0");
  EXPECT_EQ(records[0].state, "LISTEN");
  EXPECT_EQ(records[0].inode, 4242u);
  EXPECT_EQ(records[1].remote_port, 50000);
  EXPECT_EQ(records[1].state, "ESTABLISHED");
  EXPECT_EQ(records[2].family, AF_INET6);
  EXPECT_EQ(records[2].local_address, "::1");
  EXPECT_EQ(records[2].local_port, 22);
  EXPECT_EQ(records[2].remote_address, "::");
}

TEST(ProcNet, UdpHasNoStateAndBadHeaderIsRejected) {
  std::vector<SocketRecord> records;
  ASSERT_TRUE(parseProcNetInet(
      "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
      "timeout inode ref pointer drops\n"
      "  100: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0     "
      "   0 777 2 0000000000000000 0\n",
      AF_INET, IPPROTO_UDP, records));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].local_port, 68);
  EXPECT_EQ(records[0].state, "");
  EXPECT_EQ(records[0].protocol, IPPROTO_UDP);
  EXPECT_FALSE(parseProcNetInet("Inter-|   Receive\n", AF_INET, IPPROTO_UDP, records));
}

TEST(ProcNet, UnixPathsIncludingAbstractAndSpaces) {
  std::vector<SocketRecord> records;
  ASSERT_TRUE(parseProcNetUnix(
      "Num       RefCount Protocol Flags    Type St Inode Path\n"
      "0000000000000000: 00000002 00000000 00010000 0001 01 1001 /run/a.sock\n"
      "0000000000000000: 00000002 00000000 00000000 0002 01 1002\n"
      "0000000000000000: 00000002 00000000 00010000 0001 01 1003 @abstract\n"
      "0000000000000000: 00000002 00000000 00010000 0001 01 1004 /tmp/with space\n",
      records));
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].path, "/run/a.sock");
  EXPECT_EQ(records[0].inode, 1001u);
  EXPECT_EQ(records[0].family, AF_UNIX);
  EXPECT_EQ(records[0].protocol, 0);
  EXPECT_EQ(records[1].path, "");
  EXPECT_EQ(records[2].path, "@abstract");
  EXPECT_EQ(records[3].path, "/tmp/with space");
}

TEST(ProcNet, ArpCache) {
  auto entries = parseProcNetArp(
      "IP address       HW type     Flags       HW address            Mask     Device\n"
      "192.168.1.1      0x1         0x2         aa:bb:cc:dd:ee:ff     *        eth0\n"
      "192.168.1.9      0x1         0x6         11:22:33:44:55:66     *        eth1\n"
      "short line\n");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].address, "192.168.1.1");
  EXPECT_EQ(entries[0].mac, "aa:bb:cc:dd:ee:ff");
  EXPECT_EQ(entries[0].interface, "eth0");
  EXPECT_FALSE(entries[0].permanent);
  EXPECT_TRUE(entries[1].permanent);
}

TEST(InterfaceIpv6, CombinesInterfaceAndAllAsTheKernelDoes) {
  TempDir dir;
  dir.write("all/accept_redirects", "0\n");
  dir.write("eth9/hop_limit", "64\n");
  dir.write("eth9/forwarding", "0\n");
  dir.write("eth9/accept_redirects", "1\n");
  dir.write("eth9/accept_ra", "1\n");
  auto host_mode = readIpv6Settings(dir.path(), "eth9");
  EXPECT_EQ(host_mode.hop_limit, 64);
  EXPECT_EQ(host_mode.forwarding_enabled, 0);
  EXPECT_EQ(host_mode.redirect_accept, 1);  // ORed on a host
  EXPECT_EQ(host_mode.rtadv_accept, 1);
  dir.write("eth9/forwarding", "1\n");
  auto router = readIpv6Settings(dir.path(), "eth9");
  EXPECT_EQ(router.redirect_accept, 0);  // ANDed on a router
  EXPECT_EQ(router.rtadv_accept, 0);
  dir.write("eth9/accept_ra", "2\n");
  EXPECT_EQ(readIpv6Settings(dir.path(), "eth9").rtadv_accept, 1);
  EXPECT_EQ(readIpv6Settings(dir.path(), "missing").hop_limit, -1);
}

}  // namespace
}  // namespace network_test
