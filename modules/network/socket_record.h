// socket_record.h: one socket of a network namespace, as the kernel describes it, and the two
// ways to read them: sock_diag netlink dumps and the /proc/<pid>/net text files.
#pragma once

#include <linux/netlink.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace network_module {

struct SocketRecord {
  uint64_t inode = 0;  // 0 for TIME_WAIT and request sockets, which no process holds
  int family = 0;      // AF_INET 2, AF_INET6 10, AF_UNIX 1
  int protocol = 0;    // IPPROTO_TCP 6, UDP 17, ...; 0 for UNIX (osquery's /proc/net/unix field)
  std::string local_address;
  std::string remote_address;
  int local_port = 0;
  int remote_port = 0;
  std::string path;   // UNIX only; abstract names start with '@'
  std::string state;  // TCP only (LISTEN, ESTABLISHED, ...); empty for other protocols
};

// The name osquery gives a TCP state number (include/net/tcp_states.h); 12 (NEW_SYN_RECV,
// a request socket) reads as SYN_RECV as in /proc/net/tcp; anything else is UNKNOWN.
std::string_view tcpStateName(unsigned state);

// The protocols osquery reads for AF_INET and AF_INET6, with their /proc/net file stem.
struct InetProtocol {
  int protocol;
  const char* proc_name;
};
inline constexpr InetProtocol kInetProtocols[] = {
    {1, "icmp"}, {6, "tcp"}, {17, "udp"}, {136, "udplite"}, {255, "raw"}};

// --- sock_diag (NETLINK_SOCK_DIAG) ---

// Decodes one inet_diag answer; false when the message is too short.
bool decodeInetDiag(const nlmsghdr& message, int protocol, SocketRecord& out);
// Decodes one unix_diag answer (with UNIX_DIAG_NAME); false when the message is too short.
bool decodeUnixDiag(const nlmsghdr& message, SocketRecord& out);

// Dumps the sockets of `family`/`protocol` (AF_UNIX with protocol 0) in the caller's network
// namespace. False when the kernel cannot answer (no diag module for it).
bool dumpInetSockets(int family, int protocol, std::vector<SocketRecord>& out);
bool dumpUnixSockets(std::vector<SocketRecord>& out);

// --- /proc/<pid>/net text files ---

// Parses /proc/net/{tcp,udp,udplite,raw,icmp}[6]. Lines that do not parse are skipped; false
// when the header is not a socket table's.
bool parseProcNetInet(std::string_view content, int family, int protocol,
                      std::vector<SocketRecord>& out);
// Parses /proc/net/unix.
bool parseProcNetUnix(std::string_view content, std::vector<SocketRecord>& out);

// Every socket of a network namespace. `proc_net_dir` is the namespace's /proc/<pid>/net
// directory; when `use_netlink` the caller is in that namespace and sock_diag is tried first
// for TCP, UDP and UNIX (exact and faster), the text files being the fallback and the source
// for the protocols sock_diag does not always serve (UDP-Lite, raw, ICMP).
std::vector<SocketRecord> readNamespaceSockets(const std::string& proc_net_dir, bool use_netlink);

}  // namespace network_module
