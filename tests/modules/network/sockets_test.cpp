// process_open_sockets and listening_ports against sockets this test opens, and the other
// tables' sanity on this host (loopback exists everywhere).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <set>

#include "socket_record.h"
#include "test_support.h"

namespace network_test {
namespace {

using oqm::Op;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// A socket bound to an ephemeral loopback port; returns the port.
int bindLoopback(int fd, int family) {
  if (family == AF_INET) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) return -1;
    socklen_t n = sizeof(a);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
    return ntohs(a.sin_port);
  }
  sockaddr_in6 a{};
  a.sin6_family = AF_INET6;
  a.sin6_addr = in6addr_loopback;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) return -1;
  socklen_t n = sizeof(a);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
  return ntohs(a.sin6_port);
}

std::vector<FakeRow> ourSockets() {
  return host().query("process_open_sockets", {{"pid", Op::Eq, int64_t{getpid()}}});
}

const FakeRow* withFd(const std::vector<FakeRow>& rows, int fd) {
  for (const auto& row : rows) {
    if (row.at("fd").integer() == fd) return &row;
  }
  return nullptr;
}

TEST(Sockets, SockDiagAnswersInThisNamespace) {
  std::vector<network_module::SocketRecord> records;
  if (!network_module::dumpInetSockets(AF_INET, IPPROTO_TCP, records)) {
    GTEST_SKIP() << "no inet_diag here; the tables fall back to /proc/net";
  }
  EXPECT_TRUE(network_module::dumpUnixSockets(records));
}

TEST(Sockets, TcpListenerAndConnectionPair) {
  Fd listener(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  int port = bindLoopback(listener.get(), AF_INET);
  ASSERT_GT(port, 0);
  ASSERT_EQ(::listen(listener.get(), 4), 0);
  Fd client(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(client.get(), reinterpret_cast<sockaddr*>(&to), sizeof(to)), 0);
  Fd server(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
  ASSERT_GE(server.get(), 0);
  sockaddr_in mine{};
  socklen_t n = sizeof(mine);
  ::getsockname(client.get(), reinterpret_cast<sockaddr*>(&mine), &n);
  int client_port = ntohs(mine.sin_port);

  auto rows = ourSockets();
  const FakeRow* l = withFd(rows, listener.get());
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->at("pid").integer(), getpid());
  EXPECT_EQ(l->at("family").integer(), AF_INET);
  EXPECT_EQ(l->at("protocol").integer(), IPPROTO_TCP);
  EXPECT_EQ(l->at("local_address").text(), "127.0.0.1");
  EXPECT_EQ(l->at("local_port").integer(), port);
  EXPECT_EQ(l->at("remote_port").integer(), 0);
  EXPECT_EQ(l->at("state").text(), "LISTEN");
  EXPECT_GT(l->at("socket").integer(), 0);
  EXPECT_FALSE(l->at("net_namespace").text().empty());

  const FakeRow* c = withFd(rows, client.get());
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->at("state").text(), "ESTABLISHED");
  EXPECT_EQ(c->at("local_port").integer(), client_port);
  EXPECT_EQ(c->at("remote_port").integer(), port);
  EXPECT_EQ(c->at("remote_address").text(), "127.0.0.1");
  const FakeRow* s = withFd(rows, server.get());
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->at("local_port").integer(), port);
  EXPECT_EQ(s->at("remote_port").integer(), client_port);

  // listening_ports has the listener, not the connections.
  int listed = 0;
  for (const auto& row : host().query("listening_ports")) {
    if (row.at("pid").integer() != getpid()) continue;
    EXPECT_NE(row.at("fd").integer(), client.get());
    EXPECT_NE(row.at("fd").integer(), server.get());
    if (row.at("fd").integer() == listener.get()) {
      ++listed;
      EXPECT_EQ(row.at("port").integer(), port);
      EXPECT_EQ(row.at("address").text(), "127.0.0.1");
      EXPECT_EQ(row.at("socket").integer(), l->at("socket").integer());
    }
  }
  EXPECT_EQ(listed, 1);
}

TEST(Sockets, UdpIpv6AndUnix) {
  Fd udp(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  int udp_port = bindLoopback(udp.get(), AF_INET);
  Fd v6(::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
  int v6_port = bindLoopback(v6.get(), AF_INET6);
  if (v6_port <= 0) GTEST_SKIP() << "no IPv6 loopback";
  ASSERT_EQ(::listen(v6.get(), 1), 0);
  TempDir dir;
  std::string path = dir.path() + "/s.sock";
  Fd unix_fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_un un{};
  un.sun_family = AF_UNIX;
  std::strncpy(un.sun_path, path.c_str(), sizeof(un.sun_path) - 1);
  ASSERT_EQ(::bind(unix_fd.get(), reinterpret_cast<sockaddr*>(&un), sizeof(un)), 0);
  ASSERT_EQ(::listen(unix_fd.get(), 1), 0);

  auto rows = ourSockets();
  const FakeRow* u = withFd(rows, udp.get());
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->at("protocol").integer(), IPPROTO_UDP);
  EXPECT_EQ(u->at("local_port").integer(), udp_port);
  EXPECT_EQ(u->at("state").text(), "");
  const FakeRow* six = withFd(rows, v6.get());
  ASSERT_NE(six, nullptr);
  EXPECT_EQ(six->at("family").integer(), AF_INET6);
  EXPECT_EQ(six->at("local_address").text(), "::1");
  EXPECT_EQ(six->at("remote_address").text(), "::");
  EXPECT_EQ(six->at("state").text(), "LISTEN");
  const FakeRow* x = withFd(rows, unix_fd.get());
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->at("family").integer(), AF_UNIX);
  EXPECT_EQ(x->at("protocol").integer(), 0);
  EXPECT_EQ(x->at("path").text(), path);
  EXPECT_EQ(x->at("local_address").text(), "");
  EXPECT_EQ(x->at("state").text(), "");

  std::set<int64_t> listening;
  for (const auto& row : host().query("listening_ports")) {
    if (row.at("pid").integer() != getpid()) continue;
    listening.insert(row.at("fd").integer());
    if (row.at("fd").integer() == unix_fd.get()) {
      EXPECT_EQ(row.at("path").text(), path);
      EXPECT_EQ(row.at("port").integer(), 0);
      EXPECT_EQ(row.at("socket").integer(), 0);
    }
  }
  EXPECT_TRUE(listening.count(udp.get()));
  EXPECT_TRUE(listening.count(v6.get()));
  EXPECT_TRUE(listening.count(unix_fd.get()));
}

TEST(Sockets, PidConstraintReadsOnlyThoseProcesses) {
  Fd udp(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  ASSERT_GT(bindLoopback(udp.get(), AF_INET), 0);
  auto rows = ourSockets();
  ASSERT_FALSE(rows.empty());
  for (const auto& row : rows) EXPECT_EQ(row.at("pid").integer(), getpid());
  EXPECT_TRUE(host().query("process_open_sockets", {{"pid", Op::Eq, int64_t{-5}}}).empty());
  // Without a constraint, sockets nobody holds are listed with pid -1 and everything we hold
  // is there too.
  bool ours = false;
  for (const auto& row : host().query("process_open_sockets")) {
    ours = ours || (row.at("pid").integer() == getpid() && row.at("fd").integer() == udp.get());
  }
  EXPECT_TRUE(ours);
}

TEST(HostTables, LoopbackRouteAndAddress) {
  bool loopback_route = false;
  for (const auto& row : host().query("routes")) {
    if (row.at("interface").isNull()) continue;
    if (row.at("interface").text() == "lo" && row.at("destination").text().rfind("127.", 0) == 0) {
      loopback_route = true;
    }
  }
  EXPECT_TRUE(loopback_route);
  bool loopback_address = false;
  for (const auto& row : host().query("interface_addresses")) {
    loopback_address = loopback_address || (row.at("interface").text() == "lo" &&
                                            row.at("address").text() == "127.0.0.1");
  }
  EXPECT_TRUE(loopback_address);
  bool lo = false;
  for (const auto& row : host().query("interface_details")) {
    if (row.at("interface").text() != "lo") continue;
    lo = true;
    EXPECT_EQ(row.at("type").integer(), 772);  // ARPHRD_LOOPBACK
    EXPECT_GT(row.at("mtu").integer(), 0);
  }
  EXPECT_TRUE(lo);
}

TEST(HostTables, IptablesNeverFails) {
  // Zero rows without the ip_tables module or the capability; never an error.
  EXPECT_NO_THROW(host().query("iptables"));
}

}  // namespace
}  // namespace network_test
