// crontab.h: `crontab`, the jobs of the system crontab and of the cron spool directories.
#pragma once

#include <osquery_module.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_files {

struct CronJob {
  std::string event;  // "@reboot", "@daily", ... (then the time fields are empty)
  std::string minute;
  std::string hour;
  std::string day_of_month;
  std::string month;
  std::string day_of_week;
  std::string command;
};

// The jobs of one crontab text. Blank and comment lines are skipped, and so are lines without a
// command (environment settings like SHELL=/bin/sh). Fields split on runs of spaces and tabs;
// the command's words are joined with single spaces (as osquery does). The system crontab's
// user field stays part of the command, as in osquery.
std::vector<CronJob> parseCrontab(std::string_view text);

// The crontab files under `root` ("" for the real system): /etc/crontab, then the files (not
// dot files) of /etc/cron.d/, /var/at/tabs/, /var/spool/cron/ and /var/spool/cron/crontabs/.
std::vector<std::string> crontabFiles(const std::string& root = "");

struct CrontabTable {
  static constexpr const char* kName = "crontab";
  static constexpr oqm::Column kColumns[] = {
      {"event", oqm::Type::Text},
      {"minute", oqm::Type::Text},
      {"hour", oqm::Type::Text},
      {"day_of_month", oqm::Type::Text},
      {"month", oqm::Type::Text},
      {"day_of_week", oqm::Type::Text},
      {"command", oqm::Type::Text},
      {"path", oqm::Type::Text},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_files
