// Linux has no numeric sysctl OIDs any more: oid is NULL, `oid = ...` alone finds nothing, and
// type is "string" for every parameter, as in osquery. `name = 'kernel'` (a directory) gives
// every parameter below it, as osquery does. config_value is the value the sysctl
// configuration would apply (see loadSysctlConfig), NULL when none sets it.
#include "system_controls_table.h"

#include <set>

#include "sysctl.h"

namespace oqm_system {

void SystemControlsTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  std::vector<std::string> starts;
  if (query.hasEq("name")) {
    auto names = query.eq<std::string>("name");
    std::set<std::string> unique(names.begin(), names.end());
    starts.assign(unique.begin(), unique.end());
  } else if (query.hasEq("oid")) {
    return;
  } else if (query.hasEq("subsystem")) {
    auto subsystems = query.eq<std::string>("subsystem");
    std::set<std::string> unique;
    for (const auto& s : subsystems) {
      // A subsystem is one top-level directory, never a path.
      if (!s.empty() && s.find('.') == std::string::npos && s.find('/') == std::string::npos) {
        unique.insert(s);
      }
    }
    starts.assign(unique.begin(), unique.end());
  } else {
    starts.push_back("");
  }

  const bool want_value = query.used("current_value");
  std::map<std::string, std::string> config;
  if (query.used("config_value")) config = loadSysctlConfig();

  std::set<std::string> seen;
  for (const auto& start : starts) {
    if (rows.done()) break;
    walkSysctl(kSysctlRoot, start, [&](const std::string& name, const std::string& path) {
      if (rows.done() || !seen.insert(name).second) return;
      auto row = rows.add();
      row.set("name", name).set("subsystem", name.substr(0, name.find('.')));
      if (want_value) row.set("current_value", readSysctlValue(path));
      auto it = config.find(name);
      if (it != config.end()) row.set("config_value", it->second);
      row.set("type", "string");
    });
  }
}

}  // namespace oqm_system
