// The filesystem logger's delivery journal: a batch offered again after a crash is not written
// twice, and lines written but never journaled are cut before they are written again.
#include "delivery_journal.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <oqm_test/temp_dir.h>

namespace oqm_loggers {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(DeliveryJournal, RemembersTheLastBatch) {
  oqm_test::TempDir dir;
  const std::string file = (std::filesystem::path(dir.path()) / "osqueryd.results.log").string();
  std::ofstream(file) << "a\nb\n";
  DeliveryJournal journal(file);
  journal.recover();
  EXPECT_FALSE(journal.delivered(7));
  journal.commit(4, {7, 8});
  EXPECT_TRUE(journal.delivered(7));
  DeliveryJournal restarted(file);
  restarted.recover();
  EXPECT_TRUE(restarted.delivered(8));
  EXPECT_FALSE(restarted.delivered(9));
  EXPECT_EQ(slurp(file), "a\nb\n");
}

TEST(DeliveryJournal, CutsLinesWrittenAfterTheLastJournaledBatch) {
  oqm_test::TempDir dir;
  const std::string file = (std::filesystem::path(dir.path()) / "osqueryd.results.log").string();
  std::ofstream(file) << "a\n";
  {
    DeliveryJournal journal(file);
    journal.recover();
    journal.commit(2, {1});
  }
  std::ofstream(file, std::ios::app) << "b\nc\n";  // written, then killed before the journal
  DeliveryJournal journal(file);
  journal.recover();
  EXPECT_EQ(slurp(file), "a\n");
}

TEST(DeliveryJournal, WithoutAJournalNothingIsCut) {
  oqm_test::TempDir dir;
  const std::string file = (std::filesystem::path(dir.path()) / "osqueryd.results.log").string();
  std::ofstream(file) << "from an older daemon\n";
  DeliveryJournal journal(file);
  journal.recover();
  EXPECT_EQ(slurp(file), "from an older daemon\n");
}

}  // namespace
}  // namespace oqm_loggers
