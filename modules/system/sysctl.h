// sysctl.h: the kernel parameters under /proc/sys and their configured values
// (sysctl.conf(5), sysctl.d(5)).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_system {

inline constexpr const char* kSysctlRoot = "/proc/sys";

// Applies the "key = value" lines of a sysctl.conf(5) text to `config` (later lines win).
// Comments ('#', ';') and blank lines are skipped; a leading '-' on the key (ignore failure)
// is dropped; keys written with '/' separators (net/ipv4/conf/eth0.100/rp_filter) are joined
// with '.' like the names walkSysctl gives (net.ipv4.conf.eth0.100.rp_filter).
void parseSysctlConf(std::string_view text, std::map<std::string, std::string>& config);

// Reads the configuration the way systemd-sysctl and `sysctl --system` apply it: every *.conf
// of `dirs` (a file name in an earlier directory hides the same name in later ones), in file
// name order, then `conf_file` last. Missing files and directories are skipped.
std::map<std::string, std::string> loadSysctlConfig(
    const std::vector<std::string>& dirs = {"/etc/sysctl.d", "/run/sysctl.d",
                                            "/usr/local/lib/sysctl.d", "/usr/lib/sysctl.d",
                                            "/lib/sysctl.d"},
    const std::string& conf_file = "/etc/sysctl.conf");

// The dotted name of a parameter file below `root` ("kernel/ostype" -> "kernel.ostype").
std::string sysctlName(std::string_view relative_path);

// Calls `visit(name, path)` for every parameter file below `root`/`start` (a directory or a
// single file; `start` is a dotted name, empty for everything), in name order. Nothing is
// visited when `start` does not exist.
void walkSysctl(const std::string& root, const std::string& start,
                const std::function<void(const std::string& name, const std::string& path)>& visit);

// The value of a parameter file with surrounding whitespace removed; std::nullopt when it
// cannot be read (write-only parameters such as vm.drop_caches).
std::optional<std::string> readSysctlValue(const std::string& path);

}  // namespace oqm_system
