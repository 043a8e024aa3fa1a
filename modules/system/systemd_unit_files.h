// systemd_unit_files.h: systemd's units as its unit files on disk describe them.
//
// The running manager's view (active/sub state, jobs) is only available over D-Bus; this
// module links no D-Bus library, so it reads what systemd itself reads at load time: the unit
// search path (systemd.unit(5)), masks (links to /dev/null or empty files) and the .wants/
// .requires/.upholds links that `systemctl enable` creates in /etc and /run.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace oqm_system {

struct UnitDirectories {
  // The system unit search path in precedence order: a name found in an earlier directory
  // hides the same name in later ones.
  std::vector<std::string> search;
  // Directories whose <unit>.wants/ (.requires/, .upholds/) links enable units, with whether
  // the enablement is runtime-only (/run).
  struct Config {
    std::string path;
    bool runtime;
  };
  std::vector<Config> config;
};

// /etc/systemd/system, /run/systemd/..., /usr/local/lib, /lib and /usr/lib systemd/system.
UnitDirectories defaultUnitDirectories();

struct SystemdUnit {
  std::string id;               // "ssh.service", "getty@tty1.service"
  std::string description;      // Description= with specifiers expanded; the id when unset
  std::string load_state;       // "loaded" or "masked"
  std::string unit_file_state;  // enabled, enabled-runtime, disabled, static, masked,
                                // masked-runtime, generated, transient
  std::string fragment_path;    // the unit file (the template for an instance)
  std::string source_path;      // SourcePath= (units made by generators)
  std::string user;             // [Service] User=
};

// Every unit of the search path, plus the instances of templates ("getty@tty1.service") that
// enablement links name, sorted by id. Templates themselves ("getty@.service") are not units
// and aliases (links under another name) are reported under their target's name only.
std::vector<SystemdUnit> scanUnitFiles(const UnitDirectories& dirs);

// True for "name.service", "a@b.timer", ... (a known unit type suffix).
bool isUnitFileName(std::string_view name);

// The D-Bus object path systemd gives a unit: /org/freedesktop/systemd1/unit/ + the id with
// every byte outside [A-Za-z0-9] (and a leading digit) written as _xx.
std::string unitObjectPath(std::string_view id);

}  // namespace oqm_system
