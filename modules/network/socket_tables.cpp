// process_open_sockets and listening_ports (osquery/tables/networking/linux/
// process_open_sockets.cpp, listening_ports.cpp).
#include "socket_tables.h"

#include <sys/socket.h>

namespace network_module {

void ProcessOpenSocketsTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  bool all = !query.hasEq("pid");
  inventory.forEach(all, query.eq<int64_t>("pid"), [&](const HeldSocket& s) {
    const SocketRecord& r = *s.record;
    rows.add()
        .set("pid", s.pid)
        .set("fd", s.fd)
        .set("socket", static_cast<int64_t>(r.inode))
        .set("family", r.family)
        .set("protocol", r.protocol)
        .set("local_address", r.local_address)
        .set("remote_address", r.remote_address)
        .set("local_port", r.local_port)
        .set("remote_port", r.remote_port)
        .set("path", r.path)
        .set("state", r.state)
        .set("net_namespace", *s.net_namespace);
    return !rows.done();
  });
}

void ListeningPortsTable::generate(const oqm::Query&, oqm::Rows& rows) {
  inventory.forEach(true, {}, [&](const HeldSocket& s) {
    const SocketRecord& r = *s.record;
    if (r.family == AF_UNIX) {
      if (r.path.empty()) return true;  // anonymous: nothing listens on it
      rows.add()
          .set("pid", s.pid)
          .set("port", 0)
          .set("protocol", r.protocol)
          .set("family", r.family)
          .set("fd", s.fd)
          .set("socket", 0)
          .set("path", r.path)
          .set("net_namespace", *s.net_namespace);
    } else {
      if (r.remote_port != 0) return true;  // connected
      rows.add()
          .set("pid", s.pid)
          .set("port", r.local_port)
          .set("protocol", r.protocol)
          .set("family", r.family)
          .set("address", r.local_address)
          .set("fd", s.fd)
          .set("socket", static_cast<int64_t>(r.inode))
          .set("net_namespace", *s.net_namespace);
    }
    return !rows.done();
  });
}

}  // namespace network_module
