#include "routes_table.h"

#include <net/if.h>
#include <sys/socket.h>

#include <cstring>

#include "netlink.h"
#include "text_util.h"

namespace network_module {

namespace {

std::string systemInterfaceName(int index) {
  char name[IF_NAMESIZE] = {0};
  if (::if_indextoname(static_cast<unsigned>(index), name) == nullptr) return "";
  return name;
}

std::string routeType(unsigned char type) {
  switch (type) {
    case RTN_UNICAST:
      return "gateway";
    case RTN_LOCAL:
      return "local";
    case RTN_BROADCAST:
      return "broadcast";
    case RTN_ANYCAST:
      return "anycast";
    default:
      return "other";
  }
}

}  // namespace

bool decodeRoute(const nlmsghdr& message, RouteEntry& out,
                 std::string (*interfaceName)(int index)) {
  if (message.nlmsg_type != RTM_NEWROUTE || message.nlmsg_len < NLMSG_LENGTH(sizeof(rtmsg))) {
    return false;
  }
  rtmsg route;
  std::memcpy(&route, NLMSG_DATA(&message), sizeof(route));
  if (route.rtm_family != AF_INET && route.rtm_family != AF_INET6) return false;
  size_t address_size = route.rtm_family == AF_INET ? 4 : 16;
  out = RouteEntry{};
  bool has_destination = false;
  AttributeReader attrs(message, sizeof(rtmsg));
  while (const rtattr* attr = attrs.next()) {
    const void* data = AttributeReader::data(*attr);
    size_t length = AttributeReader::length(*attr);
    int32_t number = 0;
    switch (attr->rta_type) {
      case RTA_OIF:
        if (AttributeReader::read(*attr, number)) out.interface = interfaceName(number);
        break;
      case RTA_GATEWAY:
        if (length >= address_size) out.gateway = formatAddress(route.rtm_family, data);
        break;
      case RTA_PREFSRC:
        if (length >= address_size) out.source = formatAddress(route.rtm_family, data);
        break;
      case RTA_DST:
        if (length < address_size) break;
        // osquery reports host routes (/32, /128) with netmask 0.
        if (route.rtm_dst_len != 32 && route.rtm_dst_len != 128) out.netmask = route.rtm_dst_len;
        out.destination = formatAddress(route.rtm_family, data);
        has_destination = true;
        break;
      case RTA_PRIORITY:
        if (AttributeReader::read(*attr, number)) out.metric = number;
        break;
      case RTA_METRICS: {
        AttributeReader metrics(data, length);
        while (const rtattr* metric = metrics.next()) {
          int32_t value = 0;
          if (!AttributeReader::read(*metric, value)) continue;
          if (metric->rta_type == RTAX_MTU) out.mtu = value;
          if (metric->rta_type == RTAX_HOPLIMIT) out.hopcount = value;
        }
        break;
      }
      default:
        break;
    }
  }
  if (!has_destination) {
    out.destination = route.rtm_family == AF_INET ? "0.0.0.0" : "::";
    out.netmask = route.rtm_dst_len;
  }
  out.type = routeType(route.rtm_type);
  out.flags = route.rtm_flags;
  return true;
}

void RoutesTable::generate(const oqm::Query&, oqm::Rows& rows) {
  rtmsg request{};
  request.rtm_family = AF_UNSPEC;
  netlinkDump(NETLINK_ROUTE, RTM_GETROUTE, &request, sizeof(request), [&](const nlmsghdr& m) {
    RouteEntry route;
    if (rows.done() || !decodeRoute(m, route, &systemInterfaceName)) return;
    rows.add()
        .set("destination", route.destination)
        .set("netmask", route.netmask)
        .set("gateway", route.gateway)
        .set("source", route.source)
        .set("flags", route.flags)
        .set("interface", route.interface)
        .set("mtu", route.mtu)
        .set("metric", route.metric)
        .set("type", route.type)
        .set("hopcount", route.hopcount);
  });
}

}  // namespace network_module
