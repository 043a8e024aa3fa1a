// startup_items.h: what starts at boot or login on Linux, as osquery's startup_items collects
// it: XDG autostart entries (~/.config/autostart, /etc/xdg/autostart), autostart scripts
// (~/.config/autostart-scripts, /etc/init.d) and enabled systemd units.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "systemd_unit_files.h"

namespace oqm_system {

// The [Desktop Entry] group of an XDG desktop file.
struct DesktopEntry {
  std::string name;  // Name= (the untranslated one)
  std::string exec;  // Exec=
  // Hidden=true or X-GNOME-Autostart-enabled=false: the session manager skips the entry.
  bool disabled = false;
};
DesktopEntry parseDesktopEntry(std::string_view text);

struct StartupItem {
  std::string name;
  std::string path;
  std::string args;
  std::string type;    // "Startup Item" or "systemd unit"
  std::string source;  // the directory scanned ("/etc/init.d/"), or SourcePath= of a unit
  std::string status;  // "enabled", "disabled"; for units their unit file state
  std::string username;
};

struct StartupRoots {
  struct Home {
    std::string username;
    std::string directory;
  };
  std::vector<Home> homes;
  std::vector<std::string> item_dirs = {"/etc/xdg/autostart/"};  // desktop entries
  std::vector<std::string> script_dirs = {"/etc/init.d/"};       // scripts
  UnitDirectories units = defaultUnitDirectories();
};

// Every item, in osquery's order: per home, then system scripts, system entries, units.
std::vector<StartupItem> listStartupItems(const StartupRoots& roots);

}  // namespace oqm_system
