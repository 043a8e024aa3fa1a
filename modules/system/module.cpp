// system.so: users, groups, sessions, OS and kernel identity, CPU, memory, mounts, sysctl and
// resource limits, password aging, kernel keys, System V shared memory, systemd units and startup
// items of a Linux host.
#include <osquery_module.hpp>

#include "cpu_time_table.h"
#include "groups_table.h"
#include "kernel_info_table.h"
#include "kernel_keys_table.h"
#include "kernel_modules_table.h"
#include "last_table.h"
#include "load_average_table.h"
#include "logged_in_users_table.h"
#include "memory_info_table.h"
#include "mounts_table.h"
#include "os_version_table.h"
#include "shadow_table.h"
#include "shared_memory_table.h"
#include "startup_items_table.h"
#include "system_controls_table.h"
#include "system_info_table.h"
#include "systemd_units_table.h"
#include "ulimit_info_table.h"
#include "uptime_table.h"
#include "user_groups_table.h"
#include "users_table.h"

OQM_MODULE("system", "1.0.0", oqm_system::UsersTable, oqm_system::GroupsTable,
           oqm_system::UserGroupsTable, oqm_system::LoggedInUsersTable, oqm_system::LastTable,
           oqm_system::OsVersionTable, oqm_system::SystemInfoTable, oqm_system::KernelInfoTable,
           oqm_system::KernelModulesTable, oqm_system::UptimeTable, oqm_system::CpuTimeTable,
           oqm_system::MemoryInfoTable, oqm_system::LoadAverageTable, oqm_system::MountsTable,
           oqm_system::SystemControlsTable, oqm_system::UlimitInfoTable, oqm_system::ShadowTable,
           oqm_system::KernelKeysTable, oqm_system::SharedMemoryTable,
           oqm_system::SystemdUnitsTable, oqm_system::StartupItemsTable)
