// shared_memory_table.h: `shared_memory`, the System V shared memory segments of the reader's
// IPC namespace (/proc/sysvipc/shm).
#pragma once

#include <osquery_module.hpp>

namespace oqm_system {

struct SharedMemoryTable {
  static constexpr const char* kName = "shared_memory";
  static constexpr oqm::Column kColumns[] = {
      {"shmid", oqm::Type::Integer},      {"owner_uid", oqm::Type::BigInt},
      {"creator_uid", oqm::Type::BigInt}, {"pid", oqm::Type::BigInt},
      {"creator_pid", oqm::Type::BigInt}, {"atime", oqm::Type::BigInt},
      {"dtime", oqm::Type::BigInt},       {"ctime", oqm::Type::BigInt},
      {"permissions", oqm::Type::Text},   {"size", oqm::Type::BigInt},
      {"attached", oqm::Type::Integer},   {"status", oqm::Type::Text},
      {"locked", oqm::Type::Integer},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_system
