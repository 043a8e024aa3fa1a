#include "delivery_journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "file_io.h"

namespace oqm_loggers {

DeliveryJournal::DeliveryJournal(const std::string& file_path) : file_path_(file_path) {
  std::filesystem::path p(file_path);
  journal_path_ = (p.parent_path() / ("." + p.filename().string() + ".delivered")).string();
}

void DeliveryJournal::recover() {
  ids_.clear();
  std::ifstream in(journal_path_);
  uint64_t size = 0;
  if (!(in >> size)) return;  // no journal: nothing is known, nothing is cut
  for (uint64_t id; in >> id;) ids_.insert(id);
  struct stat st {};
  if (::stat(file_path_.c_str(), &st) == 0 && static_cast<uint64_t>(st.st_size) > size) {
    // Lines written after the last journaled batch: their records are still buffered.
    (void)::truncate(file_path_.c_str(), static_cast<off_t>(size));
  }
}

void DeliveryJournal::commit(uint64_t file_size, const std::vector<uint64_t>& ids) {
  std::ostringstream text;
  text << file_size << '\n';
  for (uint64_t id : ids) text << id << ' ';
  text << '\n';
  const std::string content = text.str();
  const std::string temporary = journal_path_ + ".tmp";
  Fd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (!fd.valid() || writeFully(fd.get(), content.data(), content.size()) != content.size() ||
      !fd.close() || std::rename(temporary.c_str(), journal_path_.c_str()) != 0) {
    // Without a journal the next restart may repeat this batch: at-least-once, never a loss.
    return;
  }
  ids_ = std::set<uint64_t>(ids.begin(), ids.end());
}

}  // namespace oqm_loggers
