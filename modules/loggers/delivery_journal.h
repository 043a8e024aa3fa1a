// delivery_journal.h: makes the filesystem logger's delivery exactly-once across a crash.
//
// The kernel removes records from its durable buffer only after log_batch returned, so a
// daemon killed in between offers the same records again after a restart. The journal beside
// each result file (".<file>.delivered") remembers, after every batch, the file's size and the
// ids of the records that batch wrote:
//   - records offered again whose ids are in the journal were written already: accept them
//     without writing them twice;
//   - lines past the journaled size were written but never journaled (killed mid-batch): their
//     records are still in the kernel's buffer, so those lines are cut off before writing
//     again.
// The journal is replaced atomically (write + rename), so it is always one batch or the next.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace oqm_loggers {

class DeliveryJournal {
 public:
  explicit DeliveryJournal(const std::string& file_path);

  // Reads the journal and cuts the file back to its journaled size when it has grown past it.
  // With no journal yet (a first run, or a file from before journaling) nothing is cut.
  void recover();

  bool delivered(uint64_t id) const { return ids_.count(id) != 0; }

  // Records that a batch wrote these ids and the file now has that size.
  void commit(uint64_t file_size, const std::vector<uint64_t>& ids);

  const std::string& path() const { return journal_path_; }

 private:
  std::string file_path_;
  std::string journal_path_;
  std::set<uint64_t> ids_;
};

}  // namespace oqm_loggers
