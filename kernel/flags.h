// flags.h: osquery's command-line flags, flagfiles and config options, parsed with
// Boost.Program_options in gflags' syntax (--name=value, --name value, boolean --name,
// --name=false, --noname, -name), plus the options modules declare when they load.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kernel/status.h"

namespace oqk {

enum class FlagType { Bool, Int32, Int64, UInt64, String, Double };

// Where a flag may be set, as osquery's FLAG / CLI_FLAG / SHELL_FLAG / HIDDEN_FLAG.
enum class FlagKind { Option, Cli, Shell, Hidden };

struct FlagDefinition {
  std::string name;
  FlagType type;
  std::string default_value;
  std::string description;
  FlagKind kind = FlagKind::Option;
  std::string owner = "core";  // the module that declared it
  bool repeatable = false;     // given several times, the values are joined with ','
};

class Flags {
 public:
  // A registry with every kernel flag of osquery defined (see flag_definitions.cpp).
  Flags();

  void define(FlagDefinition def);
  // Another accepted name for a flag (osquery's db_path for database_path, ...).
  void alias(const std::string& alias, const std::string& target);
  // Defines a module's declared option; fails if a flag of that name exists already.
  Status defineModuleOption(FlagDefinition def);
  void removeModuleOptions(const std::string& owner);

  // Parses argv (argv[0] is the program) and returns the positional arguments in order.
  // `--flagfile FILE` is expanded where it appears. With tolerate_unknown, flags not defined
  // yet are skipped: hosts parse once to learn which modules to load, load them (defining
  // their options), then parse again strictly, so an unknown flag is an error naming it.
  Result<std::vector<std::string>> parseCommandLine(int argc, const char* const argv[],
                                                    bool tolerate_unknown = false);

  // Sets a flag from a config `options` entry or a meta-command; validates the type.
  Status set(const std::string& name, const std::string& value);

  bool exists(const std::string& name) const;
  // Where the flag may be set (Option when unknown).
  FlagKind kindOf(const std::string& name) const;
  std::optional<std::string> get(const std::string& name) const;
  std::string getString(const std::string& name) const;
  bool getBool(const std::string& name) const;
  int64_t getInt(const std::string& name) const;
  // A comma-separated flag (--logger_plugin=a,b; repeated --module values): its items,
  // trimmed, without empty ones.
  std::vector<std::string> getList(const std::string& name) const;
  bool isDefault(const std::string& name) const;
  // Sets a value without marking the flag as given by the user (host-forced defaults).
  void setDefault(const std::string& name, const std::string& value);

  struct Entry {
    FlagDefinition def;
    std::string value;
    bool set_by_user = false;
  };
  std::vector<Entry> all() const;

  // The text of `--help`: flags grouped as osquery prints them.
  std::string helpText(bool shell) const;

  static std::string typeName(FlagType t);
  // Whether `value` is a valid value of a flag of that type (gflags' syntax).
  static bool valueParses(FlagType type, const std::string& value);

 private:
  Status setLocked(const std::string& name, const std::string& value, bool by_user);
  Status expandFlagfile(const std::string& path, std::vector<std::string>& out, int depth) const;
  std::string canonical(const std::string& name) const;

  mutable std::mutex mutex_;
  std::map<std::string, Entry> flags_;
  std::map<std::string, std::string> aliases_;
};

// Fills `flags` with osquery's flags and their defaults.
void defineOsqueryFlags(Flags& flags);

}  // namespace oqk
