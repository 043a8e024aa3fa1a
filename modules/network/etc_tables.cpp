#include "etc_tables.h"

#include <oqm_support/files.h>
#include <unistd.h>

#include <algorithm>

#include "etc_files.h"

namespace network_module {

std::vector<NamespacedFile> namespacedFiles(const oqm::Query& query, const char* path) {
  if (!query.hasEq("pid_with_namespace")) return {{path, 0}};
  auto pids = query.eq<int64_t>("pid_with_namespace");
  std::sort(pids.begin(), pids.end());
  pids.erase(std::unique(pids.begin(), pids.end()), pids.end());
  std::vector<NamespacedFile> files;
  for (int64_t pid : pids) {
    if (pid <= 0) continue;
    files.push_back({"/proc/" + std::to_string(pid) + "/root" + path, pid});
  }
  return files;
}

void EtcHostsTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  for (const auto& file : namespacedFiles(query, "/etc/hosts")) {
    auto content = oqm_support::readFile(file.path);
    if (!content) continue;
    for (const auto& entry : parseEtcHosts(*content)) {
      if (rows.done()) return;
      rows.add()
          .set("address", entry.address)
          .set("hostnames", entry.hostnames)
          .set("pid_with_namespace", file.pid);
    }
  }
}

void EtcServicesTable::generate(const oqm::Query&, oqm::Rows& rows) {
  auto content = oqm_support::readFile("/etc/services");
  if (!content) return;
  for (const auto& entry : parseEtcServices(*content)) {
    if (rows.done()) return;
    rows.add()
        .set("name", entry.name)
        .set("port", entry.port)
        .set("protocol", entry.protocol)
        .set("aliases", entry.aliases)
        .set("comment", entry.comment);
  }
}

void EtcProtocolsTable::generate(const oqm::Query&, oqm::Rows& rows) {
  auto content = oqm_support::readFile("/etc/protocols");
  if (!content) return;
  for (const auto& entry : parseEtcProtocols(*content)) {
    if (rows.done()) return;
    rows.add()
        .set("name", entry.name)
        .set("number", entry.number)
        .set("alias", entry.alias)
        .set("comment", entry.comment);
  }
}

void DnsResolversTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  char hostname[256] = {0};
  ::gethostname(hostname, sizeof(hostname) - 1);
  for (const auto& file : namespacedFiles(query, "/etc/resolv.conf")) {
    // Like glibc, a missing resolv.conf still means "ask 127.0.0.1".
    auto content = oqm_support::readFile(file.path);
    if (!content && file.pid != 0) continue;
    ResolverConfig config = parseResolvConf(content.value_or(""), hostname);
    for (size_t i = 0; i < config.nameservers.size(); ++i) {
      rows.add()
          .set("id", static_cast<int64_t>(i))
          .set("type", "nameserver")
          .set("address", config.nameservers[i])
          .set("netmask", "32")
          .set("options", config.options)
          .set("pid_with_namespace", file.pid);
    }
    for (size_t i = 0; i < config.sortlist.size(); ++i) {
      rows.add()
          .set("id", static_cast<int64_t>(i))
          .set("type", "sortlist")
          .set("address", config.sortlist[i].address)
          .set("netmask", std::to_string(config.sortlist[i].mask))
          .set("options", config.options)
          .set("pid_with_namespace", file.pid);
    }
    for (size_t i = 0; i < config.search.size(); ++i) {
      rows.add()
          .set("id", static_cast<int64_t>(i))
          .set("type", "search")
          .set("address", config.search[i])
          .set("options", config.options)
          .set("pid_with_namespace", file.pid);
    }
  }
}

}  // namespace network_module
