// osqueryi: the interactive shell and one-shot query tool. A thin main: flags, modules, the
// kernel's tables and database, then the Shell (osquery/main/main.cpp, devtools/shell.cpp).
#include <glog/logging.h>
#include <signal.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "hosts/osqueryi/line_source.h"
#include "hosts/osqueryi/shell.h"
#include "kernel/database.h"
#include "kernel/flags.h"
#include "kernel/host_startup.h"

namespace {

oqs::Shell* g_shell = nullptr;

void onInterrupt(int) {
  if (g_shell != nullptr) g_shell->interrupt();
}

// Ctrl-C interrupts the running statement instead of ending the shell. Reads restart
// (SA_RESTART) so piped input stops at the next line, as osquery's shell does.
void installInterruptHandler() {
  struct sigaction action {};
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
}

}  // namespace

int main(int argc, char* argv[]) {
  oqk::HostRuntime runtime;
  const oqk::HostKind kind{"shell", "Usage: osqueryi [OPTION]... [SQL STATEMENT]", true};
  // Set before parsing so the command line may override it (osquery's Initializer).
  auto forced = [](oqk::Flags& f) { f.setDefault("disable_events", "true"); };
  if (auto exit_code = oqk::startHost(runtime, kind, argc, argv, forced)) return *exit_code;
  oqk::Registry& registry = runtime.registry;
  oqk::Flags& flags = runtime.flags;
  oqk::ModuleLoader& loader = *runtime.loader;
  const std::vector<std::string>& args = runtime.arguments;

  // Shell defaults that nothing overrides (osquery's Initializer and startShell).
  flags.setDefault("disable_logging", "true");
  flags.setDefault("disable_watchdog", "true");
  if (flags.isDefault("database_path") && flags.isDefault("disable_database")) {
    flags.setDefault("disable_database", "true");
  }
  const bool stdin_is_terminal = isatty(STDIN_FILENO) != 0;
  if (!args.empty() || !stdin_is_terminal || flags.getBool("L") || !flags.getString("A").empty() ||
      !flags.getString("pack").empty() || flags.getInt("profile") != 0) {
    flags.setDefault("disable_events", "true");
    flags.setDefault("disable_caching", "true");
  }

  std::ofstream output_file;
  std::ostream* out = &std::cout;
  const std::string output = flags.getString("output");
  if (!output.empty() && output != "-") {
    output_file.open(output, std::ios::out | std::ios::trunc);
    if (!output_file) {
      std::cerr << "Error: Cannot open output file '" << output << "'\n";
      return 1;
    }
    out = &output_file;
  }

  oqk::Database db(registry);
  oqs::Shell shell(registry, flags, loader, db, *out, std::cerr);
  shell.applyFlags();
  g_shell = &shell;
  installInterruptHandler();

  int rc = 0;
  if (!flags.getString("connect").empty()) {
    std::cerr << "Error: --connect is not supported: this shell serves tables from modules, "
                 "not extension sockets\n";
    rc = 1;
  } else if (flags.getBool("L") || !flags.getString("A").empty()) {
    std::string command = flags.getBool("L") ? ".tables" : ".all " + flags.getString("A");
    rc = shell.runMetaCommand(command).rc;
  } else if (!flags.getString("pack").empty()) {
    std::cerr << "Error: --pack is not supported yet: osqueryi does not read a config\n";
    rc = 1;
  } else if (!flags.getString("query").empty()) {
    rc = shell.runQuery(flags.getString("query"));
  } else if (!flags.getString("query_file").empty()) {
    const std::string path = flags.getString("query_file");
    std::ifstream file(path);
    std::stringstream content;
    if (file) content << file.rdbuf();
    if (!file || file.bad()) {
      std::cerr << "Error reading query file '" << path << "': " << std::strerror(errno) << "\n";
      rc = 1;
    } else {
      rc = shell.runQuery(content.str());
    }
  } else if (!args.empty()) {
    // Only the first positional argument is used, as in osquery.
    const std::string& query = args.front();
    if (!query.empty() && query[0] == '.') {
      oqs::MetaOutcome outcome = shell.runMetaCommand(query);
      rc = outcome.exit ? outcome.exit_code : outcome.rc;
    } else {
      rc = shell.runQuery(query);
    }
  } else if (stdin_is_terminal) {
    std::cout << "Using a \033[1mvirtual database\033[0m. Need help, type '.help'\n";
    std::string history = oqs::osqueryHomeDirectory() + "/.history";
    oqs::TerminalLineSource terminal(oqs::mainPrompt(), oqs::continuationPrompt(), history,
                                     [&shell] { return shell.tableNames(); });
    int exit_code = 0;
    rc = shell.processInput(terminal, &exit_code);
    if (exit_code != 0) rc = exit_code;
  } else {
    oqs::StreamLineSource piped(std::cin);
    int exit_code = 0;
    rc = shell.processInput(piped, &exit_code);
    if (exit_code != 0) rc = exit_code;
  }

  out->flush();
  g_shell = nullptr;
  return rc;
}
