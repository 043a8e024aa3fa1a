#include "hardware.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>
#include <utility>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

#include "util.h"

namespace oqm_system {

CpuInfo parseCpuinfo(std::string_view text) {
  CpuInfo out;
  bool first_block = true;
  std::set<std::pair<std::string, std::string>> cores;
  std::set<std::string> sockets;
  std::string physical_id;
  for (std::string_view line : lines(text)) {
    if (trim(line).empty()) {
      if (out.logical > 0) first_block = false;
      physical_id.clear();
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = trim(line.substr(0, colon));
    std::string value(trim(line.substr(colon + 1)));
    if (key == "processor") {
      ++out.logical;
    } else if (key == "physical id") {
      physical_id = value;
      sockets.insert(value);
    } else if (key == "core id") {
      cores.emplace(physical_id, value);
    } else if (first_block) {
      if (key == "model name" && !out.model_name) {
        out.model_name = value;
      } else if (key == "model" && !out.model) {
        out.model = value;
      } else if (key == "microcode" && !out.microcode) {
        out.microcode = value;
      }
    }
  }
  out.physical_cores = static_cast<int>(cores.size());
  out.sockets = static_cast<int>(sockets.size());
  return out;
}

DmiInfo readDmi(const std::string& dir) {
  DmiInfo out;
  out.present = oqm_support::isDirectory(dir);
  if (!out.present) return out;
  auto attr = [&dir](const char* name) -> std::optional<std::string> {
    auto text = readFile(dir + "/" + name, 4096);
    if (!text) return std::nullopt;
    // Firmware strings may carry NULs and padding.
    std::string value(text->c_str());
    return std::string(trim(value));
  };
  out.sys_vendor = attr("sys_vendor");
  out.product_name = attr("product_name");
  out.product_version = attr("product_version");
  out.product_serial = attr("product_serial");
  out.board_vendor = attr("board_vendor");
  out.board_name = attr("board_name");
  out.board_version = attr("board_version");
  out.board_serial = attr("board_serial");
  out.product_uuid = attr("product_uuid");
  return out;
}

bool isPlaceholderUuid(std::string_view uuid) {
  static constexpr const char* kPlaceholders[] = {
      "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
      "03000200-0400-0500-0006-000700080009", "03020100-0504-0706-0809-0a0b0c0d0e0f",
      "10000000-0000-8000-0040-000000000000",
  };
  for (const char* p : kPlaceholders) {
    if (oqm_support::iequals(uuid, p)) return true;
  }
  return false;
}

std::optional<std::string> machineIdAsUuid(std::string_view machine_id) {
  machine_id = trim(machine_id);
  if (machine_id.size() != 32) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < 32; ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(machine_id[i]))) return std::nullopt;
    if (i == 8 || i == 12 || i == 16 || i == 20) out.push_back('-');
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(machine_id[i]))));
  }
  return out;
}

std::optional<std::string> cpuidBrand() {
#if defined(__x86_64__) || defined(__i386__)
  unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(0x80000000u, &eax, &ebx, &ecx, &edx) == 0 || eax < 0x80000004u) {
    return std::nullopt;
  }
  char brand[49] = {0};
  for (unsigned int leaf = 0; leaf < 3; ++leaf) {
    unsigned int regs[4] = {0, 0, 0, 0};
    __get_cpuid(0x80000002u + leaf, &regs[0], &regs[1], &regs[2], &regs[3]);
    std::memcpy(brand + leaf * 16, regs, sizeof(regs));
  }
  std::string value(trim(std::string_view(brand, std::strlen(brand))));
  if (value.empty()) return std::nullopt;
  return value;
#else
  return std::nullopt;
#endif
}

}  // namespace oqm_system
