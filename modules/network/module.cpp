// The network module: sockets, routes, interfaces, neighbours, packet filter and the network
// configuration files.
#include <osquery_module.hpp>

#include "arp_cache_table.h"
#include "etc_tables.h"
#include "interface_tables.h"
#include "iptables_table.h"
#include "routes_table.h"
#include "socket_tables.h"

OQM_MODULE("network", "1.0.0", network_module::ListeningPortsTable,
           network_module::ProcessOpenSocketsTable, network_module::RoutesTable,
           network_module::InterfaceAddressesTable, network_module::InterfaceDetailsTable,
           network_module::InterfaceIpv6Table, network_module::ArpCacheTable,
           network_module::EtcHostsTable, network_module::EtcServicesTable,
           network_module::EtcProtocolsTable, network_module::DnsResolversTable,
           network_module::IptablesTable)
