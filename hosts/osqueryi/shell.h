// shell.h: the osqueryi shell — reads statements and meta-commands, runs them on the
// Database and prints results (osquery/devtools/shell.cpp; osquery-behaviour.md §1).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "hosts/osqueryi/line_source.h"
#include "hosts/osqueryi/output_format.h"
#include "kernel/database.h"
#include "kernel/flags.h"
#include "kernel/module_loader.h"
#include "kernel/registry.h"

namespace oqs {

// What a meta-command asks of its caller.
struct MetaOutcome {
  int rc = 0;         // 0 ok, otherwise an error (counted by the input loop)
  bool exit = false;  // `.exit` / `.quit`
  int exit_code = 0;  // `.exit N`
};

class Shell {
 public:
  Shell(oqk::Registry& registry, oqk::Flags& flags, oqk::ModuleLoader& loader, oqk::Database& db,
        std::ostream& out, std::ostream& err);

  // Output settings as the flags give them (--csv, --json, --separator, ...).
  void applyFlags();
  OutputSettings& settings() { return settings_; }

  // One query given on the command line (runQuery): prints `Error: <msg>` on failure and
  // returns the SQLite result code (0 on success).
  int runQuery(const std::string& sql);

  // One meta-command line (starting with '.').
  MetaOutcome runMetaCommand(const std::string& line);

  // Reads and runs `input` to its end (process_input). Returns 1 if any error happened,
  // else 0; `exit_code` is set when `.exit N` asked for a specific code.
  int processInput(LineSource& input, int* exit_code = nullptr);

  // Interrupts the running statement; from a SIGINT handler (only async-signal-safe work).
  void interrupt();

  // Table names for `.tables` and Tab completion, sorted.
  std::vector<std::string> tableNames() const;

 private:
  // Runs a batch of statements and prints their results. On failure returns the code and
  // sets *error and *line (1-based, in `sql`).
  int executeBatch(const std::string& sql, std::string* error, int* line);
  void printTimer() const;

  // Meta-commands (meta_commands.cpp).
  int metaAll(const std::string& table);
  void metaTables(const std::vector<std::string>& args);
  void metaSchema(const std::vector<std::string>& args);
  void metaFeatures();
  void metaShow();
  void metaVersion();
  void metaTypes(const std::string& sql);
  void metaModules();
  int metaLoad(const std::string& path);
  int metaUnload(const std::string& name);
  bool readBoolean(const std::string& word) const;

  oqk::Registry& registry_;
  oqk::Flags& flags_;
  oqk::ModuleLoader& loader_;
  oqk::Database& db_;
  std::ostream& out_;
  std::ostream& err_;

  OutputSettings settings_;
  bool bail_on_error_ = false;
  bool echo_ = false;
  bool timer_ = false;
  bool interactive_ = false;  // while processing terminal input
  double timer_start_real_ = 0;
  double timer_start_user_ = 0;
  double timer_start_sys_ = 0;
  volatile int seen_interrupt_ = 0;
};

// The text of `.help` (osquery's, with the module commands added).
const char* shellHelpText();

}  // namespace oqs
