#include "interface_tables.h"

#include <ifaddrs.h>
#include <linux/ethtool.h>
#include <linux/if_link.h>
#include <linux/if_packet.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <netinet/in.h>
#include <oqm_support/files.h>
#include <oqm_support/text.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <limits>

#include "text_util.h"

namespace network_module {

namespace {

// getifaddrs' list, freed on scope exit.
class InterfaceList {
 public:
  InterfaceList() {
    if (::getifaddrs(&head_) != 0) head_ = nullptr;
  }
  ~InterfaceList() {
    if (head_ != nullptr) ::freeifaddrs(head_);
  }
  InterfaceList(const InterfaceList&) = delete;
  InterfaceList& operator=(const InterfaceList&) = delete;
  const ifaddrs* head() const { return head_; }

 private:
  ifaddrs* head_ = nullptr;
};

std::string addressText(const sockaddr* address) {
  if (address == nullptr) return "";
  if (address->sa_family == AF_INET) {
    return formatAddress(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr);
  }
  if (address->sa_family == AF_INET6) {
    return formatAddress(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr);
  }
  return "";
}

// The flags osquery takes from /sys/class/net/<if>/flags instead of getifaddrs.
constexpr unsigned kSysfsFlags = IFF_UP | IFF_DEBUG | IFF_NOTRAILERS | IFF_NOARP | IFF_PROMISC |
                                 IFF_ALLMULTI | IFF_MULTICAST | IFF_PORTSEL | IFF_AUTOMEDIA |
                                 IFF_DYNAMIC;

// Calls `visit(entry)` for each interface's link entry (AF_PACKET), once per interface.
template <typename Visit>
void forEachLink(const InterfaceList& list, Visit&& visit) {
  for (const ifaddrs* a = list.head(); a != nullptr; a = a->ifa_next) {
    if (a->ifa_addr != nullptr && a->ifa_addr->sa_family != AF_PACKET) continue;
    visit(*a);
  }
}

int64_t readInt(const std::string& path) {
  auto content = oqm_support::readFile(path);
  if (!content) return -1;
  auto value = parseSigned(oqm_support::trim(*content));
  return value ? *value : -1;
}

}  // namespace

void InterfaceAddressesTable::generate(const oqm::Query&, oqm::Rows& rows) {
  InterfaceList list;
  for (const ifaddrs* a = list.head(); a != nullptr && !rows.done(); a = a->ifa_next) {
    if (a->ifa_addr == nullptr) continue;
    if (a->ifa_addr->sa_family != AF_INET && a->ifa_addr->sa_family != AF_INET6) continue;
    auto row = rows.add();
    row.set("interface", a->ifa_name);
    row.set("address", addressText(a->ifa_addr));
    if (a->ifa_netmask != nullptr) row.set("mask", addressText(a->ifa_netmask));
    if (a->ifa_dstaddr != nullptr) {
      // One field of ifaddrs carries either the broadcast or the peer address.
      row.set((a->ifa_flags & IFF_BROADCAST) ? "broadcast" : "point_to_point",
              addressText(a->ifa_dstaddr));
    }
    row.set("type", "unknown");
  }
}

void InterfaceDetailsTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  InterfaceList list;
  int sock = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  bool want_speed = query.used("link_speed");
  forEachLink(list, [&](const ifaddrs& a) {
    if (rows.done()) return;
    auto row = rows.add();
    std::string name = a.ifa_name != nullptr ? a.ifa_name : "";
    row.set("interface", name);
    unsigned char zero[6] = {0, 0, 0, 0, 0, 0};
    const auto* link = reinterpret_cast<const sockaddr_ll*>(a.ifa_addr);
    if (link != nullptr && link->sll_halen >= 6) {
      row.set("mac", formatMac(link->sll_addr, 6));
    } else {
      row.set("mac", formatMac(zero, 6));
    }
    if (a.ifa_data == nullptr || a.ifa_name == nullptr) return;
    const auto* stats = static_cast<const rtnl_link_stats*>(a.ifa_data);
    int64_t mtu = 0, metric = 0, type = 0, speed = 0;
    std::string pci_slot = "-1";
    if (sock >= 0) {
      ifreq request{};
      std::strncpy(request.ifr_name, a.ifa_name, IFNAMSIZ - 1);
      if (::ioctl(sock, SIOCGIFMTU, &request) >= 0) mtu = static_cast<uint32_t>(request.ifr_mtu);
      if (::ioctl(sock, SIOCGIFMETRIC, &request) >= 0) {
        metric = static_cast<uint32_t>(request.ifr_metric);
      }
      if (::ioctl(sock, SIOCGIFHWADDR, &request) >= 0) type = request.ifr_hwaddr.sa_family;
      if (want_speed) {
        ethtool_cmd cmd{};
        cmd.cmd = ETHTOOL_GSET;
        request.ifr_data = reinterpret_cast<char*>(&cmd);
        if (::ioctl(sock, SIOCETHTOOL, &request) >= 0) {
          uint32_t value = ethtool_cmd_speed(&cmd);
          if (value != std::numeric_limits<uint32_t>::max()) speed = value;
        }
      }
      ethtool_drvinfo info{};
      info.cmd = ETHTOOL_GDRVINFO;
      request.ifr_data = reinterpret_cast<char*>(&info);
      if (::ioctl(sock, SIOCETHTOOL, &request) >= 0) {
        pci_slot.assign(info.bus_info, ::strnlen(info.bus_info, sizeof(info.bus_info)));
      }
    }
    uint64_t flags = a.ifa_flags & ~kSysfsFlags;
    auto sysfs = oqm_support::readFile("/sys/class/net/" + name + "/flags");
    if (sysfs && sysfs->size() > 3 && sysfs->compare(0, 2, "0x") == 0) {
      if (auto value = parseUnsigned(oqm_support::trim(std::string_view(*sysfs).substr(2)), 16)) {
        flags |= *value & kSysfsFlags;
      }
    }
    row.set("type", type)
        .set("mtu", mtu)
        .set("metric", metric)
        .set("flags", static_cast<int64_t>(flags))
        .set("ipackets", static_cast<int64_t>(stats->rx_packets))
        .set("opackets", static_cast<int64_t>(stats->tx_packets))
        .set("ibytes", static_cast<int64_t>(stats->rx_bytes))
        .set("obytes", static_cast<int64_t>(stats->tx_bytes))
        .set("ierrors", static_cast<int64_t>(stats->rx_errors))
        .set("oerrors", static_cast<int64_t>(stats->tx_errors))
        .set("idrops", static_cast<int64_t>(stats->rx_dropped))
        .set("odrops", static_cast<int64_t>(stats->tx_dropped))
        .set("collisions", static_cast<int64_t>(stats->collisions))
        .set("last_change", -1)
        .set("link_speed", speed)
        .set("pci_slot", pci_slot);
  });
  if (sock >= 0) ::close(sock);
}

Ipv6Settings readIpv6Settings(const std::string& conf_dir, const std::string& interface) {
  auto value = [&](const std::string& which, const char* file) {
    return readInt(conf_dir + "/" + which + "/" + file);
  };
  Ipv6Settings s{};
  s.hop_limit = value(interface, "hop_limit");
  s.forwarding_enabled = value(interface, "forwarding");
  // Documentation/networking/ip-sysctl: accept_redirects is ANDed with "all" on a router and
  // ORed on a host; accept_ra 2 accepts even when forwarding.
  int64_t redirect_all = value("all", "accept_redirects");
  int64_t redirect = value(interface, "accept_redirects");
  s.redirect_accept =
      s.forwarding_enabled ? (redirect_all && redirect) : (redirect_all || redirect);
  int64_t ra = value(interface, "accept_ra");
  s.rtadv_accept = ra == 2 ? 1 : (ra && !s.forwarding_enabled);
  return s;
}

void InterfaceIpv6Table::generate(const oqm::Query&, oqm::Rows& rows) {
  InterfaceList list;
  forEachLink(list, [&](const ifaddrs& a) {
    if (rows.done() || a.ifa_name == nullptr) return;
    Ipv6Settings s = readIpv6Settings("/proc/sys/net/ipv6/conf", a.ifa_name);
    rows.add()
        .set("interface", a.ifa_name)
        .set("hop_limit", s.hop_limit)
        .set("forwarding_enabled", s.forwarding_enabled)
        .set("redirect_accept", s.redirect_accept)
        .set("rtadv_accept", s.rtadv_accept);
  });
}

}  // namespace network_module
