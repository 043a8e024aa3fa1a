// osquery semantics: osquery/tables/system/posix/crontab.cpp.
#include "crontab.h"

#include "path_glob.h"
#include "text_util.h"

namespace oqm_files {

std::vector<CronJob> parseCrontab(std::string_view text) {
  std::vector<CronJob> jobs;
  for (std::string_view raw : splitAny(text, "\n")) {
    std::string_view line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    auto fields = splitAny(line, " \t");
    CronJob job;
    size_t command_from = 5;
    if (fields[0][0] == '@') {
      job.event = std::string(fields[0]);
      command_from = 1;
    } else {
      std::string* slots[] = {&job.minute, &job.hour, &job.day_of_month, &job.month,
                              &job.day_of_week};
      for (size_t i = 0; i < 5 && i < fields.size(); ++i) *slots[i] = std::string(fields[i]);
    }
    job.command = join(fields, " ", command_from);
    if (job.command.empty()) continue;
    jobs.push_back(std::move(job));
  }
  return jobs;
}

std::vector<std::string> crontabFiles(const std::string& root) {
  std::vector<std::string> files = {root + "/etc/crontab"};
  for (const char* dir :
       {"/etc/cron.d/", "/var/at/tabs/", "/var/spool/cron/", "/var/spool/cron/crontabs/"}) {
    listDirectory(root + dir, [&](const FoundEntry& entry) {
      if (!entry.is_dir && entry.name[0] != '.') files.push_back(entry.path);
      return true;
    });
  }
  return files;
}

void CrontabTable::generate(const oqm::Query&, oqm::Rows& rows) {
  for (const auto& file : crontabFiles()) {
    auto text = readTextFile(file);
    if (!text) continue;
    for (const auto& job : parseCrontab(*text)) {
      if (rows.done()) return;
      oqm::Row row = rows.add();
      if (!job.event.empty()) {
        row.set("event", job.event);
      } else {
        row.set("minute", job.minute)
            .set("hour", job.hour)
            .set("day_of_month", job.day_of_month)
            .set("month", job.month)
            .set("day_of_week", job.day_of_week);
      }
      row.set("command", job.command).set("path", file).set("pid_with_namespace", 0);
    }
  }
}

}  // namespace oqm_files
