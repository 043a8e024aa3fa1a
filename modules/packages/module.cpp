// packages.so: installed software and where it comes from: dpkg and rpm databases, apt and yum
// repositories, Python and npm packages.
#include <osquery_module.hpp>

#include "apt_sources_table.h"
#include "deb_packages_table.h"
#include "npm_packages_table.h"
#include "python_packages_table.h"
#include "rpm_packages_table.h"
#include "yum_sources_table.h"

OQM_MODULE("packages", "1.0.0", oqm_packages::DebPackagesTable, oqm_packages::RpmPackagesTable,
           oqm_packages::AptSourcesTable, oqm_packages::YumSourcesTable,
           oqm_packages::PythonPackagesTable, oqm_packages::NpmPackagesTable)
