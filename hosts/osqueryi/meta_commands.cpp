// meta_commands.cpp: the shell's dot-commands (osquery's do_meta_command, §1.5 of
// osquery-behaviour.md), plus this project's .load, .unload and .modules.
#include <sqlite3.h>

#include <cstdio>
#include <map>

#include "hosts/osqueryi/meta_arguments.h"
#include "hosts/osqueryi/result_printer.h"
#include "hosts/osqueryi/shell.h"

namespace oqs {

namespace {

constexpr size_t kSettingMax = 19;

const char kHelp[] =
    "Welcome to the osquery shell. Please explore your OS!\n"
    "You are connected to a transient 'in-memory' virtual database.\n"
    "\n"
    ".all [TABLE]     Select all from a table\n"
    ".bail ON|OFF     Stop after hitting an error\n"
    ".echo ON|OFF     Turn command echo on or off\n"
    ".exit            Exit this program\n"
    ".features        List osquery's features and their statuses\n"
    ".headers ON|OFF  Turn display of headers on or off\n"
    ".help            Show this message\n"
    ".load PATH       Load a module (a .so file) and its tables\n"
    ".mode MODE       Set output mode where MODE is one of:\n"
    "                   csv      Comma-separated values\n"
    "                   column   Left-aligned columns see .width\n"
    "                   line     One value per line\n"
    "                   list     Values delimited by .separator string\n"
    "                   pretty   Pretty printed SQL results (default)\n"
    ".modules         List the loaded modules and their tables\n"
    ".nullvalue STR   Use STRING in place of NULL values\n"
    ".print STR...    Print literal STRING\n"
    ".quit            Exit this program\n"
    ".schema [TABLE]  Show the CREATE statements\n"
    ".separator STR   Change separator used by output mode\n"
    ".socket          Show the local osquery extensions socket path\n"
    ".show            Show the current values for various settings\n"
    ".summary         Alias for the show meta command\n"
    ".tables [TABLE]  List names of tables\n"
    ".types [SQL]     Show result of getQueryColumns for the given query\n"
    ".unload NAME     Unload a module loaded earlier\n"
    ".width [NUM1]+   Set column widths for \"column\" mode\n"
    ".timer ON|OFF      Turn the CPU timer measurement on or off\n";

std::string joined(const std::vector<std::string>& parts, const std::string& glue) {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i > 0 ? glue : "") + parts[i];
  return s;
}

// "%13.13s: value"
std::string setting(const std::string& name, const std::string& value) {
  char head[32];
  std::snprintf(head, sizeof(head), "%13.13s: ", name.c_str());
  return head + value + "\n";
}

// osquery's output_c_string: the value in double quotes with C escapes.
std::string cString(const std::string& z) {
  std::string s = "\"";
  for (unsigned char c : z) {
    if (c == '\\') {
      s += "\\\\";
    } else if (c == '"') {
      s += "\\\"";
    } else if (c == '\t') {
      s += "\\t";
    } else if (c == '\n') {
      s += "\\n";
    } else if (c == '\r') {
      s += "\\r";
    } else if (!std::isprint(c)) {
      char oct[8];
      std::snprintf(oct, sizeof(oct), "\\%03o", c);
      s += oct;
    } else {
      s += static_cast<char>(c);
    }
  }
  return s + "\"";
}

const oqk::Cell* column(const oqk::QueryResult& r, size_t row, const std::string& name) {
  for (size_t c = 0; c < r.column_names.size(); ++c) {
    if (r.column_names[c] == name && c < r.rows[row].size()) return &r.rows[row][c];
  }
  return nullptr;
}

std::string columnText(const oqk::QueryResult& r, size_t row, const std::string& name) {
  const oqk::Cell* cell = column(r, row, name);
  return cell != nullptr ? cell->toString() : "";
}

oqk::Cell text(std::string s) {
  return oqk::Cell::ofText(std::move(s));
}

}  // namespace

const char* shellHelpText() {
  return kHelp;
}

bool Shell::readBoolean(const std::string& word) const {
  auto value = booleanValue(word);
  if (!value) {
    err_ << "ERROR: Not a boolean value: \"" << word << "\". Assuming \"no\".\n";
    err_.flush();
  }
  return value.value_or(false);
}

MetaOutcome Shell::runMetaCommand(const std::string& line) {
  std::vector<std::string> args = splitMetaCommand(line);
  MetaOutcome outcome;
  if (args.empty()) return outcome;  // a lone '.': nothing to do, not an error
  const std::string& cmd = args[0];
  const size_t n_args = args.size();
  auto is = [&](std::string_view name, size_t min_length = 1) {
    return commandMatches(cmd, name, min_length);
  };

  if (is("all") && n_args == 2) {
    outcome.rc = metaAll(args[1]);
  } else if (is("socket") && n_args == 1) {
    out_ << flags_.getString("extensions_socket") << "\n";
  } else if ((is("connect") && n_args == 2) || (is("disconnect") && n_args == 1)) {
    err_ << "Error: ." << (is("connect") ? "connect" : "disconnect")
         << " is not supported: this shell serves tables from modules, not extension "
            "sockets; load one with .load PATH\n";
    outcome.rc = 1;
  } else if (is("bail", 3) && n_args == 2) {
    bail_on_error_ = readBoolean(args[1]);
  } else if (is("echo") && n_args == 2) {
    echo_ = readBoolean(args[1]);
  } else if (is("exit")) {
    outcome.exit = true;
    if (n_args > 1) outcome.exit_code = static_cast<int>(integerValue(args[1]));
  } else if (is("features") && n_args == 1) {
    metaFeatures();
  } else if ((is("header") || is("headers")) && n_args == 2) {
    settings_.header = readBoolean(args[1]);
  } else if (is("help")) {
    out_.flush();
    err_ << kHelp;
    err_.flush();
  } else if (is("mode") && n_args == 2) {
    auto mode = parseMode(args[1]);
    if (!mode) {
      err_ << "Error: mode should be one of: column csv line list pretty\n";
      outcome.rc = 1;
    } else {
      settings_.mode = *mode;
      if (*mode == OutputMode::Csv) settings_.separator = ",";
    }
  } else if (is("nullvalue") && n_args == 2) {
    settings_.nullvalue = args[1].substr(0, kSettingMax);
  } else if (is("print", 3)) {
    std::vector<std::string> words(args.begin() + 1, args.end());
    out_ << joined(words, " ") << "\n";
  } else if (is("quit") && n_args == 1) {
    outcome.exit = true;
  } else if (is("schema") && n_args < 3) {
    metaSchema(args);
  } else if (is("separator") && n_args == 2) {
    settings_.separator = args[1].substr(0, kSettingMax);
  } else if ((is("show") || is("summary")) && n_args == 1) {
    metaShow();
  } else if (is("tables", 2) && n_args < 3) {
    metaTables(args);
  } else if (is("list", 2) && n_args < 3) {
    metaTables(args);
  } else if (is("timeout", 5) && n_args == 2) {
    sqlite3_busy_timeout(db_.handle(), static_cast<int>(integerValue(args[1])));
  } else if (is("timer", 5) && n_args == 2) {
    timer_ = readBoolean(args[1]);
  } else if (is("version")) {
    metaVersion();
  } else if (is("width") && n_args > 1) {
    settings_.widths.clear();
    for (size_t i = 1; i < n_args && i <= 100; ++i) {
      settings_.widths.push_back(static_cast<int>(integerValue(args[i])));
    }
  } else if (is("types", 2) && n_args > 1) {
    // The input loop handles `.types SQL` spanning lines; this is the one-line form
    // (a query argument, or `-A`-like use).
    metaTypes(line.substr(line.find(args[0]) + args[0].size()));
  } else if (is("load", 3) && n_args == 2) {
    outcome.rc = metaLoad(args[1]);
  } else if (is("unload", 3) && n_args == 2) {
    outcome.rc = metaUnload(args[1]);
  } else if (is("modules", 4) && n_args == 1) {
    metaModules();
  } else {
    err_ << "Error: unknown command or invalid arguments:  \"" << cmd
         << "\". Enter \".help\" for help\n";
    outcome.rc = 1;
  }
  out_.flush();
  err_.flush();
  return outcome;
}

int Shell::metaAll(const std::string& table) {
  int rc = executeBatch("SELECT * FROM " + table, nullptr, nullptr);
  if (rc != 0) {
    out_.flush();
    err_ << "Error querying table: " << table << "\n";
  }
  return rc;
}

void Shell::metaTables(const std::vector<std::string>& args) {
  std::string text;
  for (const auto& name : tableNames()) {
    if (args.size() == 1 || name.rfind(args[1], 0) == 0) text += "  => " + name + "\n";
  }
  out_ << text;
}

void Shell::metaSchema(const std::vector<std::string>& args) {
  std::map<std::string, std::string> statements;
  for (const auto& table : registry_.tables()) {
    if (args.size() > 1 && table->name.rfind(args[1], 0) != 0) continue;
    statements[table->name] = table->createStatement();
  }
  std::string text;
  for (const auto& [name, statement] : statements) text += statement + ";\n";
  out_ << text;
}

void Shell::metaFeatures() {
  auto flags = db_.query(
      "select * from osquery_flags where (name like 'disable_%' or name like 'enable_%') and "
      "type = 'bool'");
  if (!flags) {
    err_ << "Error: " << flags.status().message() << "\n";
    return;
  }
  for (size_t r = 0; r < flags->rows.size(); ++r) {
    out_ << columnText(*flags, r, "name") << ": " << columnText(*flags, r, "value") << "\n";
  }
}

void Shell::metaVersion() {
  out_ << "osquery " << OQM_OSQUERY_VERSION << "\n";
  out_ << "using SQLite " << sqlite3_libversion() << "\n";
}

void Shell::metaShow() {
  std::string text;
  bool bold = interactive_;
  text += bold ? "\033[1mosquery\033[0m" : "osquery";
  text += " - being built, with love.\n~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n";
  out_ << text;
  metaVersion();

  text = "\nGeneral settings:\n";
  text += setting("Flagfile", flags_.getString("flagfile"));
  std::string config = flags_.getString("config_plugin");
  if (config == "filesystem") {
    config += " (" + flags_.getString("config_path") + ")";
  } else if (config == "tls") {
    config +=
        " (" + flags_.getString("tls_hostname") + flags_.getString("config_tls_endpoint") + ")";
  }
  text += setting("Config", config);
  std::string logger = flags_.getString("logger_plugin");
  if (logger == "filesystem") {
    logger += " (" + flags_.getString("logger_path") + ")";
  } else if (logger == "tls") {
    logger +=
        " (" + flags_.getString("tls_hostname") + flags_.getString("logger_tls_endpoint") + ")";
  }
  text += setting("Logger", logger);
  text += setting("Distributed", flags_.getString("distributed_plugin"));
  text += setting("Database", flags_.getBool("disable_database")
                                  ? "ephemeral"
                                  : "sqlite (" + flags_.getString("database_path") + ")");
  std::vector<std::string> extensions;
  if (auto rows = db_.query("select name from osquery_extensions")) {
    for (size_t r = 0; r < rows->rows.size(); ++r) {
      extensions.push_back(columnText(*rows, r, "name"));
    }
  }
  text += setting("Extensions", joined(extensions, ", "));
  std::vector<std::string> modules;
  for (const auto& m : loader_.modules()) modules.push_back(m.name);
  text += setting("Modules", joined(modules, ", "));
  text += setting("Socket", flags_.getString("extensions_socket"));

  text += "\nShell settings:\n";
  text += setting("echo", echo_ ? "on" : "off");
  text += setting("headers", settings_.header ? "on" : "off");
  text += setting("mode", modeName(settings_.mode));
  text += setting("nullvalue", cString(settings_.nullvalue));
  text += setting("output", flags_.getString("output").empty() || flags_.getString("output") == "-"
                                ? "stdout"
                                : flags_.getString("output"));
  text += setting("separator", cString(settings_.separator));
  std::string widths;
  for (int w : settings_.widths) {
    if (w == 0) break;
    widths += std::to_string(w) + " ";
  }
  text += setting("width", widths);

  text += "\nNon-default flags/options:\n";
  if (auto rows = db_.query("select * from osquery_flags where default_value <> value")) {
    for (size_t r = 0; r < rows->rows.size(); ++r) {
      text += "  " + columnText(*rows, r, "name") + ": " + columnText(*rows, r, "value") + "\n";
    }
  }
  out_ << text;
}

void Shell::metaTypes(const std::string& sql) {
  auto types = db_.columnTypes(sql);
  if (!types) {
    out_ << "Error " << types.status().code() << ": " << types.status().message() << "\n";
    return;
  }
  oqk::QueryResult result;
  result.column_names = {"name", "type"};
  for (const auto& [name, type] : *types) result.rows.push_back({text(name), text(type)});
  ResultPrinter printer(out_, settings_);
  printer.add(result);
  printer.finish();
}

void Shell::metaModules() {
  oqk::QueryResult result;
  result.column_names = {"name", "version", "abi", "path", "tables"};
  for (const auto& m : loader_.modules()) {
    result.rows.push_back({text(m.name), text(m.version),
                           text(std::to_string(m.abi_major) + "." + std::to_string(m.abi_minor)),
                           text(m.path), text(joined(m.tables, ", "))});
  }
  ResultPrinter printer(out_, settings_);
  printer.add(result);
  printer.finish();
}

int Shell::metaLoad(const std::string& path) {
  auto loaded = loader_.load(path);
  if (!loaded) {
    err_ << "Error: " << loaded.status().message() << "\n";
    return 1;
  }
  out_ << "Loaded module " << loaded->name << " " << loaded->version << " from " << loaded->path
       << "\n";
  out_ << "  tables: " << (loaded->tables.empty() ? "(none)" : joined(loaded->tables, ", "))
       << "\n";
  return 0;
}

int Shell::metaUnload(const std::string& name) {
  auto status = loader_.unload(name);
  if (!status) {
    err_ << "Error: " << status.message() << "\n";
    return 1;
  }
  out_ << "Unloaded module " << name << "\n";
  return 0;
}

}  // namespace oqs
