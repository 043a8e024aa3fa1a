// osquery/tables/networking/{etc_hosts,posix/etc_services,posix/etc_protocols,
// posix/dns_resolvers}.cpp, with glibc's resolv.conf rules for the last.
#include "etc_files.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <oqm_support/text.h>
#include <resolv.h>

#include "text_util.h"

namespace network_module {

namespace {

// The part of `line` before the first '#', and the comment pieces after it joined by " # ".
struct Commented {
  std::string_view body;
  std::optional<std::string> comment;
};
Commented splitComment(std::string_view line) {
  auto pieces = split(line, '#');
  Commented out{pieces[0], std::nullopt};
  if (pieces.size() > 1) {
    // osquery's split drops empty pieces and trims each one.
    std::vector<std::string_view> parts;
    for (size_t i = 1; i < pieces.size(); ++i) {
      auto piece = oqm_support::trim(pieces[i]);
      if (!piece.empty()) parts.push_back(piece);
    }
    if (!parts.empty()) out.comment = oqm_support::join(parts, " # ");
  }
  return out;
}

}  // namespace

std::vector<HostsEntry> parseEtcHosts(std::string_view content) {
  std::vector<HostsEntry> out;
  for (std::string_view line : oqm_support::lines(content)) {
    auto fields = oqm_support::splitAny(line);
    if (fields.empty() || fields[0].front() == '#') continue;
    HostsEntry entry{std::string(fields[0]), std::nullopt};
    if (fields.size() > 1) {
      std::vector<std::string_view> names;
      for (size_t i = 1; i < fields.size() && fields[i].front() != '#'; ++i) {
        names.push_back(fields[i]);
      }
      entry.hostnames = oqm_support::join(names, " ");
    }
    out.push_back(std::move(entry));
  }
  return out;
}

std::vector<ServiceEntry> parseEtcServices(std::string_view content) {
  std::vector<ServiceEntry> out;
  for (std::string_view line : oqm_support::lines(content)) {
    if (line.empty() || line.front() == '#') continue;
    auto [body, comment] = splitComment(line);
    auto fields = oqm_support::splitAny(body);
    if (fields.size() < 2) continue;
    auto port_protocol = split(fields[1], '/');
    if (port_protocol.size() != 2) continue;
    ServiceEntry entry;
    entry.name = fields[0];
    entry.port = parseSigned(port_protocol[0]).value_or(0);
    entry.protocol = port_protocol[1];
    entry.aliases =
        oqm_support::join(std::vector<std::string_view>(fields.begin() + 2, fields.end()), " ");
    entry.comment = comment;
    out.push_back(std::move(entry));
  }
  return out;
}

std::vector<ProtocolEntry> parseEtcProtocols(std::string_view content) {
  std::vector<ProtocolEntry> out;
  for (std::string_view line : oqm_support::lines(content)) {
    if (line.empty() || line.front() == '#') continue;
    auto [body, comment] = splitComment(line);
    auto fields = oqm_support::splitAny(body);
    if (fields.size() < 2) continue;
    ProtocolEntry entry;
    entry.name = fields[0];
    entry.number = parseSigned(fields[1]);
    if (fields.size() > 2) entry.alias = std::string(fields[2]);
    entry.comment = comment;
    out.push_back(std::move(entry));
  }
  return out;
}

namespace {

constexpr size_t kMaxNameservers = MAXNS;
constexpr size_t kMaxSearch = MAXDNSRCH;
constexpr size_t kMaxSort = MAXRESOLVSORT;

// glibc's option names and flags; matched by prefix as res_setoptions does.
struct OptionFlag {
  std::string_view name;
  int64_t flag;
};
constexpr OptionFlag kOptionFlags[] = {
    {"rotate", RES_ROTATE},
    {"edns0", RES_USE_EDNS0},
    {"single-request-reopen", RES_SNGLKUPREOP},
    {"single-request", RES_SNGLKUP},
    {"no_tld_query", RES_NOTLDQUERY},
    {"no-tld-query", RES_NOTLDQUERY},
    {"no-reload", RES_NORELOAD},
    {"use-vc", RES_USEVC},
    {"trust-ad", RES_TRUSTAD},
    {"no-aaaa", RES_NOAAAA},
};

// The classful mask glibc uses when a sortlist entry has none (net_mask in res_init.c).
uint32_t classfulMask(in_addr address) {
  uint32_t host = ntohl(address.s_addr);
  if (IN_CLASSA(host)) return htonl(IN_CLASSA_NET);
  if (IN_CLASSB(host)) return htonl(IN_CLASSB_NET);
  return htonl(IN_CLASSC_NET);
}

bool isNameserverAddress(std::string_view text) {
  std::string address(text.substr(0, text.find('%')));
  in_addr v4;
  in6_addr v6;
  return ::inet_pton(AF_INET, address.c_str(), &v4) == 1 ||
         ::inet_pton(AF_INET6, address.c_str(), &v6) == 1;
}

}  // namespace

ResolverConfig parseResolvConf(std::string_view content, std::string_view hostname) {
  ResolverConfig config;
  config.options = RES_DEFAULT | RES_INIT;
  bool have_search = false;
  for (std::string_view line : oqm_support::lines(content)) {
    if (line.empty() || line.front() == ';' || line.front() == '#') continue;
    // Comments may also follow the values.
    line = line.substr(0, line.find_first_of("#;"));
    auto fields = oqm_support::splitAny(line);
    if (fields.empty()) continue;
    std::string_view keyword = fields[0];
    if (keyword == "nameserver") {
      if (fields.size() > 1 && config.nameservers.size() < kMaxNameservers &&
          isNameserverAddress(fields[1])) {
        config.nameservers.emplace_back(fields[1].substr(0, fields[1].find('%')));
      }
    } else if (keyword == "domain") {
      if (fields.size() > 1) {
        config.search = {std::string(fields[1])};
        have_search = true;
      }
    } else if (keyword == "search") {
      config.search.clear();
      for (size_t i = 1; i < fields.size() && config.search.size() < kMaxSearch; ++i) {
        config.search.emplace_back(fields[i]);
      }
      have_search = true;
    } else if (keyword == "sortlist") {
      for (size_t i = 1; i < fields.size() && config.sortlist.size() < kMaxSort; ++i) {
        auto pieces = split(fields[i], '/');
        std::string address(pieces[0]);
        in_addr a;
        if (::inet_aton(address.c_str(), &a) == 0) continue;
        uint32_t mask = classfulMask(a);
        if (pieces.size() > 1) {
          in_addr m;
          if (::inet_aton(std::string(pieces[1]).c_str(), &m) != 0) mask = m.s_addr;
        }
        config.sortlist.push_back({formatAddress(AF_INET, &a), mask});
      }
    } else if (keyword == "options") {
      for (size_t i = 1; i < fields.size(); ++i) {
        for (const auto& option : kOptionFlags) {
          if (fields[i].substr(0, option.name.size()) == option.name) {
            config.options |= option.flag;
            break;
          }
        }
      }
    }
  }
  if (config.nameservers.empty()) config.nameservers.push_back("127.0.0.1");
  if (!have_search) {
    size_t dot = hostname.find('.');
    if (dot != std::string_view::npos && dot + 1 < hostname.size()) {
      config.search = {std::string(hostname.substr(dot + 1))};
    }
  }
  return config;
}

}  // namespace network_module
