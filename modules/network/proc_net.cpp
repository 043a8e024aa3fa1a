// The /proc/<pid>/net socket tables: the source for namespaces other than ours, for protocols
// sock_diag does not serve, and the fallback when it is unavailable.
#include <netinet/in.h>
#include <oqm_support/files.h>
#include <oqm_support/text.h>
#include <sys/socket.h>

#include <cstring>

#include "socket_record.h"
#include "text_util.h"

namespace network_module {

namespace {

// "0100007F:0277": the address words as the kernel printed them (%08X of each 32-bit word in
// host order) and the port in hex.
bool decodeEndpoint(std::string_view text, int family, std::string& address, int& port) {
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return false;
  std::string_view hex = text.substr(0, colon);
  auto port_value = parseUnsigned(text.substr(colon + 1), 16);
  if (!port_value || *port_value > 0xffff) return false;
  size_t words = family == AF_INET ? 1 : 4;
  if (hex.size() != words * 8) return false;
  uint32_t raw[4] = {0, 0, 0, 0};
  for (size_t i = 0; i < words; ++i) {
    auto word = parseUnsigned(hex.substr(i * 8, 8), 16);
    if (!word) return false;
    raw[i] = static_cast<uint32_t>(*word);
  }
  address = formatAddress(family, raw);
  port = static_cast<int>(*port_value);
  return true;
}

}  // namespace

bool parseProcNetInet(std::string_view content, int family, int protocol,
                      std::vector<SocketRecord>& out) {
  bool header = true;
  bool valid = true;
  for (std::string_view line : oqm_support::lines(content)) {
    if (!valid) continue;
    auto fields = oqm_support::splitAny(line);
    if (header) {
      header = false;
      valid = !fields.empty() && (fields[0] == "sl" || fields[0] == "sk");
      continue;
    }
    if (fields.size() < 10) continue;
    SocketRecord record;
    record.family = family;
    record.protocol = protocol;
    if (!decodeEndpoint(fields[1], family, record.local_address, record.local_port) ||
        !decodeEndpoint(fields[2], family, record.remote_address, record.remote_port)) {
      continue;
    }
    auto inode = parseUnsigned(fields[9]);
    if (!inode) continue;
    record.inode = *inode;
    if (protocol == IPPROTO_TCP) {
      auto state = parseUnsigned(fields[3], 16);
      record.state = tcpStateName(state ? static_cast<unsigned>(*state) : 0);
    }
    out.push_back(std::move(record));
  }
  return valid && !header;
}

bool parseProcNetUnix(std::string_view content, std::vector<SocketRecord>& out) {
  bool header = true;
  bool valid = true;
  for (std::string_view line : oqm_support::lines(content)) {
    if (!valid) continue;
    if (header) {
      header = false;
      valid = line.substr(0, 3) == "Num";
      continue;
    }
    auto fields = oqm_support::splitAny(line);
    if (fields.size() < 7) continue;
    SocketRecord record;
    record.family = AF_UNIX;
    auto protocol = parseUnsigned(fields[2], 16);
    auto inode = parseUnsigned(fields[6]);
    if (!protocol || !inode) continue;
    record.protocol = static_cast<int>(*protocol);
    record.inode = *inode;
    if (fields.size() >= 8) {
      // The path is the rest of the line: it may contain spaces.
      size_t start = static_cast<size_t>(fields[7].data() - line.data());
      record.path = std::string(oqm_support::trim(line.substr(start)));
    }
    out.push_back(std::move(record));
  }
  return valid && !header;
}

std::vector<SocketRecord> readNamespaceSockets(const std::string& proc_net_dir, bool use_netlink) {
  std::vector<SocketRecord> out;
  auto fromFile = [&](const std::string& name, int family, int protocol) {
    auto content = oqm_support::readFile(proc_net_dir + "/" + name);
    if (!content) return;
    if (family == AF_UNIX) {
      parseProcNetUnix(*content, out);
    } else {
      parseProcNetInet(*content, family, protocol, out);
    }
  };
  for (const auto& p : kInetProtocols) {
    bool diag = use_netlink && (p.protocol == IPPROTO_TCP || p.protocol == IPPROTO_UDP);
    for (int family : {AF_INET, AF_INET6}) {
      if (diag && dumpInetSockets(family, p.protocol, out)) continue;
      fromFile(std::string(p.proc_name) + (family == AF_INET6 ? "6" : ""), family, p.protocol);
    }
  }
  if (!(use_netlink && dumpUnixSockets(out))) fromFile("unix", AF_UNIX, 0);
  return out;
}

}  // namespace network_module
