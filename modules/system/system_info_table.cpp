// One row.
//  - hostname and local_hostname: the canonical name of gethostname() (getaddrinfo with
//    AI_CANONNAME; the plain host name when that fails); computer_name: gethostname().
//  - uuid: /sys/class/dmi/id/product_uuid unless it is a firmware placeholder or unreadable
//    (it is root-only); then /etc/machine-id written as a UUID. (osquery generates a random
//    UUID and keeps it in its database; this module has no database, and machine-id is just
//    as stable.)
//  - cpu_subtype: "model" of /proc/cpuinfo ("0" when absent); cpu_brand: the CPUID brand
//    string (x86), else "model name"; cpu_physical_cores: distinct (physical id, core id)
//    pairs, else the logical count; cpu_sockets: distinct physical ids (NULL when unknown).
//  - hardware_* / board_*: DMI attributes; without DMI (VMs, ARM) hardware_model is "" and
//    the others NULL, as in osquery.
#include "system_info_table.h"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <climits>

#include "hardware.h"
#include "util.h"

namespace oqm_system {
namespace {

std::string hostName() {
  char buffer[HOST_NAME_MAX + 2] = {0};
  if (gethostname(buffer, sizeof(buffer) - 1) != 0) return "";
  return std::string(trim(buffer));
}

std::string canonicalName(const std::string& host) {
  if (host.empty()) return host;
  struct addrinfo hints {};
  hints.ai_family = AF_UNSPEC;
  hints.ai_flags = AI_CANONNAME;
  struct addrinfo* res = nullptr;
  std::string out = host;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &res) == 0 && res != nullptr &&
      res->ai_canonname != nullptr) {
    out = res->ai_canonname;
  }
  if (res != nullptr) freeaddrinfo(res);
  return out;
}

}  // namespace

void SystemInfoTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  const std::string host = hostName();
  std::string fqdn = host;
  if (query.used("hostname") || query.used("local_hostname")) fqdn = canonicalName(host);

  DmiInfo dmi = readDmi();
  std::optional<std::string> uuid;
  if (dmi.product_uuid && !dmi.product_uuid->empty() && !isPlaceholderUuid(*dmi.product_uuid)) {
    uuid = dmi.product_uuid;
  } else if (auto id = readFile("/etc/machine-id", 4096)) {
    uuid = machineIdAsUuid(*id);
  }

  CpuInfo cpu;
  if (auto text = readFile("/proc/cpuinfo")) cpu = parseCpuinfo(*text);
  std::optional<std::string> brand = cpuidBrand();
  if (!brand) brand = cpu.model_name;

  long online = sysconf(_SC_NPROCESSORS_ONLN);
  const int64_t logical = online > 0 ? online : -1;
  const int64_t physical = cpu.physical_cores > 0 ? cpu.physical_cores : logical;

  long pages = sysconf(_SC_PHYS_PAGES);
  long page_size = sysconf(_SC_PAGESIZE);
  const int64_t memory =
      (pages > 0 && page_size > 0) ? static_cast<int64_t>(pages) * page_size : -1;

  struct utsname u {};
  std::optional<std::string> machine;
  if (uname(&u) == 0) machine = fixedString(u.machine);

  auto row = rows.add();
  row.set("hostname", fqdn)
      .set("uuid", uuid)
      .set("cpu_type", machine)
      .set("cpu_subtype", cpu.model.value_or("0"))
      .set("cpu_brand", brand)
      .set("cpu_physical_cores", physical)
      .set("cpu_logical_cores", logical);
  if (cpu.sockets > 0) row.set("cpu_sockets", cpu.sockets);
  row.set("cpu_microcode", cpu.microcode).set("physical_memory", memory);
  if (dmi.present) {
    row.set("hardware_vendor", dmi.sys_vendor)
        .set("hardware_model", dmi.product_name)
        .set("hardware_version", dmi.product_version)
        .set("hardware_serial", dmi.product_serial)
        .set("board_vendor", dmi.board_vendor)
        .set("board_model", dmi.board_name)
        .set("board_version", dmi.board_version)
        .set("board_serial", dmi.board_serial);
  } else {
    row.set("hardware_model", "");
  }
  row.set("computer_name", host).set("local_hostname", fqdn);
}

}  // namespace oqm_system
