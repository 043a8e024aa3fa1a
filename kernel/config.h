// config.h: osquery's JSON configuration — comment stripping, limits, and the top-level keys
// (options, schedule, packs, decorators, file_paths, exclude_paths, file_accesses, events,
// views) — turned into what the scheduler and the event work need. Reading the sources (the
// filesystem config plugin, a module) and running queries are not done here: sources arrive as
// text, packs given by name are resolved through a callback, and discovery queries are kept for
// the scheduler to run.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kernel/flags.h"
#include "kernel/status.h"

namespace oqk {

struct ScheduledQuery {
  std::string name;        // as scheduled and logged: the short name, or pack_<pack>_<name>
  std::string short_name;  // the key in its schedule or pack
  std::string pack;        // "main" for the top-level schedule
  std::string query;
  uint64_t interval = 3600;
  bool removed = true;
  bool snapshot = false;
  bool denylist = true;
  uint64_t startup_priority = UINT64_MAX;
};

struct Pack {
  std::string name;
  std::string source;
  std::vector<std::string> discovery;   // every one must return a row for the pack to run
  std::vector<ScheduledQuery> queries;  // sorted by (startup_priority, name)
};

struct Decorators {
  std::vector<std::string> load;
  std::vector<std::string> always;
  std::map<uint64_t, std::vector<std::string>> interval;  // seconds (a multiple of 60) → SQL
};

struct ConfigData {
  std::vector<Pack> packs;  // "main" first when there is a schedule
  Decorators decorators;
  std::map<std::string, std::vector<std::string>> file_paths;
  std::map<std::string, std::vector<std::string>> file_paths_query;
  std::map<std::string, std::vector<std::string>> exclude_paths;
  std::vector<std::string> file_accesses;
  std::vector<std::string> enable_subscribers;
  std::vector<std::string> disable_subscribers;
  std::map<std::string, std::string> views;
  std::string hash;                   // osquery_info.config_hash: SHA1 of the sources' SHA1s
  std::vector<std::string> warnings;  // what was skipped and why, for the status log

  std::vector<const ScheduledQuery*> allQueries() const;
};

// What the config is checked against: this host's platform, version and shard.
struct ConfigEnvironment {
  std::string platform = "linux";
  std::string version;  // the running osquery version (packs' "version" must be <= it)
  int machine_shard = 0;
  std::string pack_delimiter = "_";
  uint64_t default_interval = 3600;

  // The machine's shard as osquery computes it: SHA1(hostname), first byte × 100 / 255.
  static int shardOf(const std::string& hostname);
};

// Resolves a pack given as a string (a path for the filesystem plugin) to JSON text per pack
// name; the name "*" with a glob gives one pack per matching file.
using PackResolver = std::function<Result<std::vector<std::pair<std::string, std::string>>>(
    const std::string& name, const std::string& locator)>;

class ConfigParser {
 public:
  static constexpr size_t kMaxSize = 4 * 1024 * 1024;
  static constexpr int kMaxDepth = 32;

  // Drops comment lines (first non-blank characters `#` or `//`) and backslash-newlines, as
  // osquery does before parsing; fails over the size limit.
  static Result<std::string> stripComments(const std::string& raw);

  // Parses the sources (name → raw text, in order) into ConfigData. `options` are applied to
  // `flags` (they override the command line, except CLI-only flags). A source that fails to
  // parse fails the whole config, with the sentence osquery gives.
  static Result<ConfigData> parse(const std::vector<std::pair<std::string, std::string>>& sources,
                                  Flags& flags, const ConfigEnvironment& environment,
                                  const PackResolver& resolve_pack = nullptr);

  // osquery's checkPlatform: empty, "any", "all" or a list naming linux/ubuntu/centos/posix.
  static bool platformMatches(const std::string& wanted, const std::string& platform);
};

}  // namespace oqk
