#include "hosts/osqueryi/shell.h"

#include <sys/resource.h>
#include <sys/time.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>

#include "hosts/osqueryi/result_printer.h"

namespace oqs {

namespace {

// osquery keeps the separator and null value in 20-byte buffers.
constexpr size_t kSettingMax = 19;

bool isSpace(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// True when `z` holds only whitespace and complete comments (osquery's _all_whitespace).
bool allWhitespace(const std::string& z) {
  for (size_t i = 0; i < z.size(); ++i) {
    if (isSpace(z[i])) continue;
    if (z[i] == '/' && i + 1 < z.size() && z[i + 1] == '*') {
      size_t end = z.find("*/", i + 2);
      if (end == std::string::npos) return false;
      i = end + 1;
      continue;
    }
    if (z[i] == '-' && i + 1 < z.size() && z[i + 1] == '-') {
      size_t end = z.find('\n', i + 2);
      if (end == std::string::npos) return true;
      i = end;
      continue;
    }
    return false;
  }
  return true;
}

double wallSeconds() {
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

double seconds(const timeval& tv) {
  return tv.tv_sec + tv.tv_usec * 0.000001;
}

}  // namespace

Shell::Shell(oqk::Registry& registry, oqk::Flags& flags, oqk::ModuleLoader& loader,
             oqk::Database& db, std::ostream& out, std::ostream& err)
    : registry_(registry), flags_(flags), loader_(loader), db_(db), out_(out), err_(err) {}

void Shell::applyFlags() {
  settings_.header = flags_.getBool("header");
  if (flags_.getBool("list")) {
    settings_.mode = OutputMode::List;
  } else if (flags_.getBool("line")) {
    settings_.mode = OutputMode::Line;
  } else if (flags_.getBool("csv")) {
    settings_.mode = OutputMode::Csv;
  } else {
    settings_.mode = OutputMode::Pretty;
  }
  // osquery's --csv sets ',' and then overwrites it with --separator (default '|'), which
  // prints pipe-separated "CSV". Here --csv means commas unless --separator is given.
  if (settings_.mode == OutputMode::Csv && flags_.isDefault("separator")) {
    settings_.separator.assign(1, ',');  // (not `= ","`: GCC 12 warns falsely, -Wrestrict)
  } else {
    settings_.separator = flags_.getString("separator").substr(0, kSettingMax);
  }
  settings_.nullvalue = flags_.getString("nullvalue");
  settings_.json_typed = flags_.getBool("json_typed");
  if (flags_.getBool("json_pretty")) {
    settings_.json = JsonStyle::Pretty;
  } else if (flags_.getBool("json") || settings_.json_typed) {
    settings_.json = JsonStyle::Compact;
  } else {
    settings_.json = JsonStyle::None;
  }
}

int Shell::executeBatch(const std::string& sql, std::string* error, int* line) {
  if (echo_) out_ << sql << "\n";
  ResultPrinter printer(out_, settings_);
  oqk::ExecutionError e = db_.execute(sql, [&](const oqk::QueryResult& r) { printer.add(r); });
  printer.finish();
  if (e.status.isOk()) return 0;
  if (error != nullptr) *error = e.status.message();
  if (line != nullptr) *line = e.line;
  return e.status.code();
}

int Shell::runQuery(const std::string& sql) {
  std::string error;
  int rc = executeBatch(sql, &error, nullptr);
  if (rc != 0) {
    if (!error.empty()) {
      err_ << "Error: " << error << "\n";
    } else {
      err_ << "Error: unable to process SQL \"" << sql << "\"\n";
    }
    err_.flush();
  }
  return rc;
}

void Shell::interrupt() {
  seen_interrupt_ = 1;
  db_.interrupt();
}

void Shell::printTimer() const {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  char text[128];
  std::snprintf(text, sizeof(text), "Run Time: real %.3f user %f sys %f\n",
                wallSeconds() - timer_start_real_, seconds(usage.ru_utime) - timer_start_user_,
                seconds(usage.ru_stime) - timer_start_sys_);
  out_ << text;
}

int Shell::processInput(LineSource& input, int* exit_code) {
  interactive_ = input.interactive();
  std::string sql;           // the statement being accumulated
  bool types_query = false;  // the buffer belongs to `.types`
  int error_count = 0;
  int line_number = 0;
  int start_line = 0;
  bool at_end = false;  // the input ended (not an exit, an interrupt or a bail)

  auto runBuffer = [&]() {
    if (types_query) {
      metaTypes(sql);
      types_query = false;
      return;
    }
    if (timer_) {
      rusage usage{};
      getrusage(RUSAGE_SELF, &usage);
      timer_start_real_ = wallSeconds();
      timer_start_user_ = seconds(usage.ru_utime);
      timer_start_sys_ = seconds(usage.ru_stime);
    }
    std::string error;
    int line = 1;
    int rc = executeBatch(sql, &error, &line);
    if (timer_) printTimer();
    if (rc != 0) {
      out_.flush();
      if (interactive_) {
        err_ << "Error: " << error << "\n";
      } else {
        err_ << "Error: near line " << (start_line + line - 1) << ": " << error << "\n";
      }
      err_.flush();
      ++error_count;
    }
  };

  while (error_count == 0 || !bail_on_error_ || interactive_) {
    out_.flush();
    bool continuation = !sql.empty() || types_query;
    std::optional<std::string> read = input.readLine(continuation);
    if (seen_interrupt_ != 0) {
      seen_interrupt_ = 0;
      if (!interactive_) break;
      // Ctrl-C at the prompt drops what was typed so far.
      sql.clear();
      types_query = false;
      if (!read) {
        out_ << "\n";
        continue;
      }
    }
    if (!read) {
      if (interactive_) out_ << "\n";
      at_end = true;
      break;
    }
    std::string& line = *read;
    ++line_number;
    if (sql.empty() && !types_query && allWhitespace(line)) {
      if (echo_) out_ << line << "\n";
      continue;
    }
    size_t skip = 0;
    if (sql.empty() && !types_query && !line.empty() && line[0] == '.') {
      if (echo_) out_ << line << "\n";
      if (line.compare(0, 7, ".types ") == 0) {
        types_query = true;
        skip = 7;
      } else {
        MetaOutcome outcome = runMetaCommand(line);
        if (outcome.exit) {
          if (exit_code != nullptr) *exit_code = outcome.exit_code;
          break;
        }
        if (outcome.rc != 0) ++error_count;
        continue;
      }
    }
    size_t prior = sql.size();
    if (sql.empty()) {
      while (skip < line.size() && isSpace(line[skip])) ++skip;
      sql = line.substr(skip);
      start_line = line_number;
    } else {
      sql += "\n" + line;
    }
    if (!sql.empty() && sql.find(';', prior) != std::string::npos &&
        oqk::Database::isComplete(sql)) {
      runBuffer();
      sql.clear();
    } else if (!sql.empty() && allWhitespace(sql)) {
      if (echo_) out_ << sql << "\n";
      sql.clear();
    }
  }

  // SQL left without a closing ';' runs at the end of input, as osquery does now
  // (`echo 'select 1' | osqueryi`).
  if (at_end && ((!sql.empty() && !allWhitespace(sql)) || types_query)) runBuffer();
  out_.flush();
  interactive_ = false;
  return error_count > 0 ? 1 : 0;
}

std::vector<std::string> Shell::tableNames() const {
  std::vector<std::string> names;
  for (const auto& table : registry_.tables()) names.push_back(table->name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace oqs
