// The module's registration: every table with exactly osquery's columns and flags.
#include <gtest/gtest.h>

#include <map>

#include "deb_packages_table.h"
#include "npm_packages_table.h"
#include "rpm_packages_table.h"
#include "test_util.h"

using oqm_packages_test::host;

namespace {

TEST(PackagesModule, RegistersEveryTable) {
  const std::map<std::string, size_t> expected = {
      {"deb_packages", 13}, {"rpm_packages", 13},   {"apt_sources", 9},
      {"yum_sources", 9},   {"python_packages", 9}, {"npm_packages", 12},
  };
  EXPECT_EQ(host().tables().size(), expected.size());
  for (const auto& [name, columns] : expected) {
    EXPECT_EQ(host().table(name).columns.size(), columns) << name;
  }
  const auto& deb = host().table("deb_packages");
  EXPECT_EQ(deb.columns[10].flags, OQM_COLUMN_ADDITIONAL | OQM_COLUMN_OPTIMIZED);
  EXPECT_EQ(deb.columns[11].flags, OQM_COLUMN_HIDDEN | OQM_COLUMN_ADDITIONAL);
  EXPECT_EQ(deb.columns[12].flags, OQM_COLUMN_HIDDEN);
  const auto& rpm = host().table("rpm_packages");
  EXPECT_EQ(rpm.columns[0].flags, OQM_COLUMN_INDEX | OQM_COLUMN_OPTIMIZED);
  // The fake host drops collations; the declarations carry them.
  EXPECT_STREQ(oqm_packages::DebPackagesTable::kColumns[1].collate, "version_dpkg");
  EXPECT_STREQ(oqm_packages::RpmPackagesTable::kColumns[5].collate, "nocase");
  EXPECT_STREQ(oqm_packages::NpmPackagesTable::kColumns[1].collate, "version");
  EXPECT_EQ(host().table("python_packages").columns[1].flags, OQM_COLUMN_INDEX);
}

}  // namespace
