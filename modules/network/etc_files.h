// etc_files.h: parsers for /etc/hosts, /etc/services, /etc/protocols and /etc/resolv.conf,
// with osquery's field rules. They take the text, so tests run them on fixtures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace network_module {

struct HostsEntry {
  std::string address;
  std::optional<std::string> hostnames;  // space-joined; absent when the line has only an address
};
std::vector<HostsEntry> parseEtcHosts(std::string_view content);

struct ServiceEntry {
  std::string name;
  int64_t port = 0;
  std::string protocol;
  std::string aliases;                 // space-joined
  std::optional<std::string> comment;  // the text after '#' (pieces joined by " # ")
};
std::vector<ServiceEntry> parseEtcServices(std::string_view content);

struct ProtocolEntry {
  std::string name;
  std::optional<int64_t> number;
  std::optional<std::string> alias;
  std::optional<std::string> comment;
};
std::vector<ProtocolEntry> parseEtcProtocols(std::string_view content);

// resolv.conf as glibc's resolver reads it (resolv/res_init.c): at most 3 nameservers (none
// means 127.0.0.1), the last `search` or `domain` line wins (without either, the domain of
// `hostname`), at most 6 search domains and 10 sortlist pairs, and `options` flags on top of
// RES_DEFAULT | RES_INIT.
struct ResolverConfig {
  std::vector<std::string> nameservers;
  std::vector<std::string> search;
  struct Sort {
    std::string address;
    uint32_t mask;  // as glibc stores it: network byte order, read as a host integer
  };
  std::vector<Sort> sortlist;
  int64_t options = 0;
};
ResolverConfig parseResolvConf(std::string_view content, std::string_view hostname);

}  // namespace network_module
