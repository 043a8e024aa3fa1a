// One row. major/minor/patch are decimal ("04" is 4); a part that is not a number is NULL.
#include "os_version_table.h"

#include <sys/utsname.h>

#include "os_release.h"
#include "util.h"

namespace oqm_system {

void OsVersionTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  OsVersion v = parseOsVersionDir();
  struct utsname u {};
  std::optional<std::string> arch;
  if (uname(&u) == 0) arch = fixedString(u.machine);
  rows.add()
      .set("name", v.name)
      .set("version", v.version)
      .set("major", toInt(v.major))
      .set("minor", toInt(v.minor))
      .set("patch", toInt(v.patch))
      .set("build", v.build)
      .set("platform", v.platform)
      .set("platform_like", v.platform_like)
      .set("codename", v.codename)
      .set("arch", arch)
      .set("pid_with_namespace", 0);
}

}  // namespace oqm_system
