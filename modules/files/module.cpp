// files.so: facts about files: stat (file), digests (hash), setuid binaries, cron jobs, SSH key
// files, shell histories, sudoers rules, extended attributes and libmagic types.
#include <osquery_module.hpp>

#include "crontab.h"
#include "extended_attributes_table.h"
#include "file_table.h"
#include "hash_table.h"
#include "magic_table.h"
#include "shell_history.h"
#include "ssh_keys.h"
#include "sudoers.h"
#include "suid_bin_table.h"

OQM_MODULE("files", "1.0.0", oqm_files::FileTable, oqm_files::HashTable, oqm_files::SuidBinTable,
           oqm_files::CrontabTable, oqm_files::AuthorizedKeysTable, oqm_files::KnownHostsTable,
           oqm_files::ShellHistoryTable, oqm_files::SudoersTable,
           oqm_files::ExtendedAttributesTable, oqm_files::MagicTable)
