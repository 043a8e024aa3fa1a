// Socket dumps through NETLINK_SOCK_DIAG (inet_diag, unix_diag): the interface ss uses.
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

#include "netlink.h"
#include "socket_record.h"
#include "text_util.h"

namespace network_module {

std::string_view tcpStateName(unsigned state) {
  static constexpr std::string_view kNames[] = {
      "UNKNOWN",   "ESTABLISHED", "SYN_SENT",   "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
      "TIME_WAIT", "CLOSE",       "CLOSE_WAIT", "LAST_ACK", "LISTEN",    "CLOSING"};
  if (state == 12) return "SYN_RECV";  // TCP_NEW_SYN_RECV
  if (state == 0 || state >= std::size(kNames)) return "UNKNOWN";
  return kNames[state];
}

bool decodeInetDiag(const nlmsghdr& message, int protocol, SocketRecord& out) {
  if (message.nlmsg_len < NLMSG_LENGTH(sizeof(inet_diag_msg))) return false;
  inet_diag_msg msg;
  std::memcpy(&msg, NLMSG_DATA(&message), sizeof(msg));
  int family = msg.idiag_family;
  if (family != AF_INET && family != AF_INET6) return false;
  out = SocketRecord{};
  out.inode = msg.idiag_inode;
  out.family = family;
  out.protocol = protocol;
  out.local_address = formatAddress(family, msg.id.idiag_src);
  out.remote_address = formatAddress(family, msg.id.idiag_dst);
  out.local_port = ntohs(msg.id.idiag_sport);
  out.remote_port = ntohs(msg.id.idiag_dport);
  if (protocol == IPPROTO_TCP) out.state = tcpStateName(msg.idiag_state);
  return true;
}

bool decodeUnixDiag(const nlmsghdr& message, SocketRecord& out) {
  if (message.nlmsg_len < NLMSG_LENGTH(sizeof(unix_diag_msg))) return false;
  unix_diag_msg msg;
  std::memcpy(&msg, NLMSG_DATA(&message), sizeof(msg));
  out = SocketRecord{};
  out.inode = msg.udiag_ino;
  out.family = AF_UNIX;
  out.protocol = 0;
  AttributeReader attrs(message, sizeof(unix_diag_msg));
  while (const rtattr* attr = attrs.next()) {
    if (attr->rta_type != UNIX_DIAG_NAME) continue;
    const char* name = static_cast<const char*>(AttributeReader::data(*attr));
    size_t length = AttributeReader::length(*attr);
    if (length == 0) break;
    if (name[0] == '\0') {
      // An abstract name: /proc/net/unix writes it with '@' for every NUL byte.
      out.path.assign(name, length);
      for (char& c : out.path) {
        if (c == '\0') c = '@';
      }
    } else {
      out.path.assign(name, ::strnlen(name, length));
    }
  }
  return true;
}

bool dumpInetSockets(int family, int protocol, std::vector<SocketRecord>& out) {
  inet_diag_req_v2 request{};
  request.sdiag_family = static_cast<uint8_t>(family);
  request.sdiag_protocol = static_cast<uint8_t>(protocol);
  request.idiag_states = ~0u;
  size_t before = out.size();
  bool ok = netlinkDump(NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY, &request, sizeof(request),
                        [&](const nlmsghdr& message) {
                          SocketRecord record;
                          if (decodeInetDiag(message, protocol, record)) {
                            out.push_back(std::move(record));
                          }
                        });
  if (!ok) out.resize(before);
  return ok;
}

bool dumpUnixSockets(std::vector<SocketRecord>& out) {
  unix_diag_req request{};
  request.sdiag_family = AF_UNIX;
  request.udiag_states = ~0u;
  request.udiag_show = UDIAG_SHOW_NAME;
  size_t before = out.size();
  bool ok = netlinkDump(NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY, &request, sizeof(request),
                        [&](const nlmsghdr& message) {
                          SocketRecord record;
                          if (decodeUnixDiag(message, record)) out.push_back(std::move(record));
                        });
  if (!ok) out.resize(before);
  return ok;
}

}  // namespace network_module
