// The processes module: tables read from /proc/<pid>.
#include <osquery_module.hpp>

#include "process_envs_table.h"
#include "process_memory_map_table.h"
#include "process_namespaces_table.h"
#include "process_open_files_table.h"
#include "processes_table.h"

OQM_MODULE("processes", "1.0.0", processes_module::ProcessesTable,
           processes_module::ProcessOpenFilesTable, processes_module::ProcessEnvsTable,
           processes_module::ProcessMemoryMapTable, processes_module::ProcessNamespacesTable)
