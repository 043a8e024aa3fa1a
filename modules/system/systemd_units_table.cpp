// osquery asks the running manager over D-Bus (ListUnits + FragmentPath/SourcePath/User). This
// module links no D-Bus library, so the table is built from the unit files on disk
// (systemd_unit_files.h): id, description, load_state, unit_file_state, fragment_path,
// source_path, user and object_path (which systemd derives from the id) are filled; the state
// only the running manager knows -- active_state, sub_state, following and the job columns --
// is NULL. Unlike ListUnits, units that are not loaded at the moment (disabled, static) are
// listed too, and units that exist only at run time (devices, scopes, mounts from
// /proc/self/mountinfo) are not.
#include "systemd_units_table.h"

#include "systemd_unit_files.h"

namespace oqm_system {

void SystemdUnitsTable::generate(const oqm::Query&, oqm::Rows& rows) {
  for (const auto& u : scanUnitFiles(defaultUnitDirectories())) {
    if (rows.done()) break;
    rows.add()
        .set("id", u.id)
        .set("description", u.description)
        .set("load_state", u.load_state)
        .set("unit_file_state", u.unit_file_state)
        .set("object_path", unitObjectPath(u.id))
        .set("fragment_path", u.fragment_path)
        .set("user", u.user)
        .set("source_path", u.source_path);
  }
}

}  // namespace oqm_system
