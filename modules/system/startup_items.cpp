#include "startup_items.h"

#include <algorithm>
#include <filesystem>

#include "keyfile.h"
#include "util.h"

namespace oqm_system {
namespace {

namespace fs = std::filesystem;

// The regular files of `dir` (links to files included), sorted by name.
std::vector<std::string> filesIn(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec)) out.push_back(it->path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string withSlash(std::string dir) {
  if (dir.empty() || dir.back() != '/') dir += '/';
  return dir;
}

void addDesktopEntries(const std::string& dir, const std::string& username,
                       std::vector<StartupItem>& out) {
  std::string source = withSlash(dir);
  for (const auto& file : filesIn(source)) {
    auto text = readFile(source + file, 1u << 20);
    if (!text) continue;
    DesktopEntry entry = parseDesktopEntry(*text);
    StartupItem item;
    item.name = entry.name;
    // As osquery, path is the whole Exec line; args adds the part after the program.
    item.path = entry.exec;
    std::string_view exec = trim(entry.exec);
    size_t space = exec.find_first_of(" \t");
    if (space != std::string_view::npos) item.args = std::string(trim(exec.substr(space)));
    item.type = "Startup Item";
    item.source = source;
    item.status = entry.disabled ? "disabled" : "enabled";
    item.username = username;
    out.push_back(std::move(item));
  }
}

void addScripts(const std::string& dir, const std::string& username,
                std::vector<StartupItem>& out) {
  std::string source = withSlash(dir);
  for (const auto& file : filesIn(source)) {
    StartupItem item;
    item.name = file;
    item.path = source + file;
    item.type = "Startup Item";
    item.source = source;
    item.status = "enabled";
    item.username = username;
    out.push_back(std::move(item));
  }
}

}  // namespace

DesktopEntry parseDesktopEntry(std::string_view text) {
  DesktopEntry d;
  auto entries = parseKeyFile(text, false);
  // In desktop files the first assignment of a key counts.
  auto first = [&](std::string_view key) -> std::string {
    for (const auto& e : entries) {
      if (e.section == "Desktop Entry" && e.key == key) return e.value;
    }
    return {};
  };
  d.name = first("Name");
  d.exec = first("Exec");
  d.disabled = first("Hidden") == "true" || first("X-GNOME-Autostart-enabled") == "false";
  return d;
}

std::vector<StartupItem> listStartupItems(const StartupRoots& roots) {
  std::vector<StartupItem> out;
  for (const auto& home : roots.homes) {
    std::string base = withSlash(home.directory);
    addDesktopEntries(base + ".config/autostart/", home.username, out);
    addScripts(base + ".config/autostart-scripts/", home.username, out);
  }
  for (const auto& dir : roots.script_dirs) addScripts(dir, "", out);
  for (const auto& dir : roots.item_dirs) addDesktopEntries(dir, "", out);
  for (const auto& unit : scanUnitFiles(roots.units)) {
    if (!unit.unit_file_state.starts_with("enabled")) continue;
    StartupItem item;
    item.name = unit.id;
    item.path = unit.fragment_path;
    item.type = "systemd unit";
    item.source = unit.source_path;
    item.status = unit.unit_file_state;
    item.username = unit.user;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace oqm_system
