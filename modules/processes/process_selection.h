// process_selection.h: which processes one scan reads.
#pragma once

#include <cstdint>
#include <osquery_module.hpp>
#include <type_traits>
#include <vector>

namespace processes_module {

// One selected process: its pid and an open /proc/<pid> directory (O_PATH) to read its files
// through. The descriptor is owned by the selection and valid only during the visit.
struct ProcessHandle {
  int64_t pid;
  int dirfd;
};

// Visits the processes a query asks for. With `pid = N` or `pid IN (...)` it opens only those
// /proc/<pid> directories and never lists /proc, so its cost does not depend on how many
// processes run; without a pid constraint it lists /proc. A pid that does not exist, or exits
// before it is opened, is skipped. Visiting stops once the consumer has enough rows.
class ProcessSelection {
 public:
  ProcessSelection(const oqm::Query& query, const oqm::Rows& rows);

  template <typename Visit>
  void forEach(Visit&& visit) {
    using V = std::remove_reference_t<Visit>;
    forEachImpl([](void* ctx, const ProcessHandle& p) { (*static_cast<V*>(ctx))(p); }, &visit);
  }

 private:
  using Callback = void (*)(void* ctx, const ProcessHandle& process);
  void forEachImpl(Callback callback, void* ctx);

  const oqm::Rows& rows_;
  bool list_all_;
  std::vector<int64_t> pids_;  // sorted, unique; used when !list_all_
};

}  // namespace processes_module
