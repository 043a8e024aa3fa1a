#include "kernel/flags.h"

#include <boost/program_options.hpp>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace po = boost::program_options;

namespace oqk {

namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::optional<bool> parseBool(std::string v) {
  for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (v == "true" || v == "1" || v == "yes" || v == "t" || v == "y" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "f" || v == "n" || v == "off") return false;
  return std::nullopt;
}

// gflags reads integers in base 10 unless they start with 0x (so "010" is ten, not eight).
int integerBase(const std::string& value) {
  size_t i = !value.empty() && (value[0] == '-' || value[0] == '+') ? 1 : 0;
  return value.size() > i + 1 && value[i] == '0' && (value[i + 1] == 'x' || value[i + 1] == 'X')
             ? 16
             : 10;
}

Status unknownFlag(const std::string& name) {
  return Status::error("unknown flag '" + name +
                       "': see --help for the flags this program accepts; a module's options "
                       "are known once the module is loaded");
}

bool parsesAs(FlagType type, const std::string& value) {
  if (type == FlagType::String) return true;
  if (type == FlagType::Bool) return parseBool(value).has_value();
  if (value.empty()) return false;
  char* end = nullptr;
  errno = 0;
  if (type == FlagType::Double) {
    std::strtod(value.c_str(), &end);
  } else if (type == FlagType::UInt64) {
    if (value[0] == '-') return false;
    std::strtoull(value.c_str(), &end, integerBase(value));
  } else {
    long long v = std::strtoll(value.c_str(), &end, integerBase(value));
    if (type == FlagType::Int32 && (v < INT32_MIN || v > INT32_MAX)) return false;
  }
  return errno == 0 && end != nullptr && *end == '\0';
}

}  // namespace

bool Flags::valueParses(FlagType type, const std::string& value) {
  return parsesAs(type, value);
}

Flags::Flags() {
  defineOsqueryFlags(*this);
}

std::string Flags::typeName(FlagType t) {
  switch (t) {
    case FlagType::Bool:
      return "bool";
    case FlagType::Int32:
      return "int32";
    case FlagType::Int64:
      return "int64";
    case FlagType::UInt64:
      return "uint64";
    case FlagType::String:
      return "string";
    case FlagType::Double:
      return "double";
  }
  return "string";
}

void Flags::define(FlagDefinition def) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string name = def.name;
  Entry e{std::move(def), "", false};
  e.value = e.def.default_value;
  flags_[name] = std::move(e);
}

void Flags::alias(const std::string& alias, const std::string& target) {
  std::lock_guard<std::mutex> lock(mutex_);
  aliases_[alias] = target;
}

Status Flags::defineModuleOption(FlagDefinition def) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = flags_.find(def.name);
  if (it != flags_.end()) {
    return Status::error("option '" + def.name + "' is already defined by " + it->second.def.owner);
  }
  std::string name = def.name;
  Entry e{std::move(def), "", false};
  e.value = e.def.default_value;
  flags_[name] = std::move(e);
  return Status::ok();
}

void Flags::removeModuleOptions(const std::string& owner) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = flags_.begin(); it != flags_.end();) {
    it = it->second.def.owner == owner ? flags_.erase(it) : std::next(it);
  }
}

std::string Flags::canonical(const std::string& name) const {
  auto a = aliases_.find(name);
  return a == aliases_.end() ? name : a->second;
}

// A flagfile holds one flag per line (`--name=value`); blank lines and lines starting with
// '#' are skipped; values are taken literally (no quote stripping, no shell expansion).
Status Flags::expandFlagfile(const std::string& path, std::vector<std::string>& out,
                             int depth) const {
  if (depth > 8) return Status::error("flagfile nesting is too deep at " + path);
  std::ifstream in(path);
  if (!in) return Status::error("cannot read flagfile '" + path + "'");
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    // gflags reads `--name value` on one line too; make it one token.
    if (line.find('=') == std::string::npos) {
      size_t ws = line.find_first_of(" \t");
      if (ws != std::string::npos) line = line.substr(0, ws) + "=" + trim(line.substr(ws));
    }
    if (line.rfind("--flagfile=", 0) == 0 || line.rfind("-flagfile=", 0) == 0) {
      auto st = expandFlagfile(line.substr(line.find('=') + 1), out, depth + 1);
      if (!st) return st;
      continue;
    }
    out.push_back(line);
  }
  return Status::ok();
}

Result<std::vector<std::string>> Flags::parseCommandLine(int argc, const char* const argv[],
                                                         bool tolerate_unknown) {
  // 1. Expand flagfiles and rewrite gflags' `--noname` for booleans.
  std::vector<std::string> tokens;
  for (int i = 1; i < argc; ++i) {
    std::string t = argv[i];
    if (t == "--flagfile" || t == "-flagfile") {
      if (i + 1 >= argc) return Status::error("flag '--flagfile' needs a file name");
      auto st = expandFlagfile(argv[++i], tokens, 0);
      if (!st) return st;
      continue;
    }
    if (t.rfind("--flagfile=", 0) == 0 || t.rfind("-flagfile=", 0) == 0) {
      auto st = expandFlagfile(t.substr(t.find('=') + 1), tokens, 0);
      if (!st) return st;
      continue;
    }
    tokens.push_back(t);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  // Rewrite gflags' forms Program_options does not know into `--name=value`:
  //  - a bare boolean `--name` is `--name=true` (it never takes the next argument as its
  //    value: `--json "select 1"` is a flag and a query);
  //  - `--noname` for a boolean is `--name=false`;
  //  - an empty value `--name=` becomes `--name ""`, which Program_options accepts.
  std::vector<std::string> rewritten;
  rewritten.reserve(tokens.size());
  for (auto& t : tokens) {
    if (t.size() < 2 || t[0] != '-' || t == "--") {
      rewritten.push_back(std::move(t));
      continue;
    }
    size_t start = t[1] == '-' ? 2 : 1;
    std::string body = t.substr(start);
    size_t eq = body.find('=');
    if (body.empty() || eq == 0) {
      rewritten.push_back(std::move(t));
      continue;
    }
    if (eq == body.size() - 1) {
      if (flags_.count(canonical(body.substr(0, eq))) != 0) {
        rewritten.push_back("--" + body.substr(0, eq));
        rewritten.push_back("");
        continue;
      }
      if (tolerate_unknown) continue;  // skipped like any unknown flag
      return unknownFlag("--" + body.substr(0, eq));
    }
    if (eq == std::string::npos) {
      auto it = flags_.find(canonical(body));
      if (it != flags_.end() && it->second.def.type == FlagType::Bool) {
        rewritten.push_back("--" + body + "=true");
        continue;
      }
      if (it == flags_.end() && body.rfind("no", 0) == 0) {
        auto negated = flags_.find(canonical(body.substr(2)));
        if (negated != flags_.end() && negated->second.def.type == FlagType::Bool) {
          rewritten.push_back("--" + body.substr(2) + "=false");
          continue;
        }
      }
    }
    rewritten.push_back(std::move(t));
  }
  tokens = std::move(rewritten);

  // 2. Let Program_options split names from values, knowing which flags take a value.
  po::options_description desc;
  for (const auto& [name, e] : flags_) {
    if (e.def.type == FlagType::Bool) {
      desc.add_options()(name.c_str(), po::value<std::string>()->implicit_value("true"));
    } else {
      desc.add_options()(name.c_str(), po::value<std::string>());
    }
  }
  for (const auto& [alias, target] : aliases_) {
    auto it = flags_.find(target);
    if (it == flags_.end()) continue;
    if (it->second.def.type == FlagType::Bool) {
      desc.add_options()(alias.c_str(), po::value<std::string>()->implicit_value("true"));
    } else {
      desc.add_options()(alias.c_str(), po::value<std::string>());
    }
  }
  po::parsed_options parsed(&desc);
  try {
    auto style = po::command_line_style::allow_long | po::command_line_style::long_allow_adjacent |
                 po::command_line_style::long_allow_next |
                 po::command_line_style::allow_long_disguise;
    po::command_line_parser parser(tokens);
    parser.options(desc).style(style);
    if (tolerate_unknown) parser.allow_unregistered();
    parsed = parser.run();
  } catch (const po::unknown_option& e) {
    return unknownFlag(e.get_option_name());
  } catch (const po::error& e) {
    return Status::error(std::string("invalid flags: ") + e.what());
  }

  // 3. Apply values, keeping positionals in order.
  std::vector<std::string> positionals;
  std::map<std::string, std::string> repeated;
  for (const auto& opt : parsed.options) {
    if (opt.position_key >= 0 || opt.string_key.empty()) {
      for (const auto& v : opt.value) positionals.push_back(v);
      continue;
    }
    if (opt.unregistered) continue;
    std::string name = canonical(opt.string_key);
    std::string value = opt.value.empty() ? "true" : opt.value.front();
    auto it = flags_.find(name);
    if (it != flags_.end() && it->second.def.repeatable) {
      auto [r, fresh] = repeated.try_emplace(name, value);
      if (!fresh) r->second += "," + value;
      continue;
    }
    auto st = setLocked(name, value, true);
    if (!st) return st;
  }
  for (const auto& [name, value] : repeated) {
    auto st = setLocked(name, value, true);
    if (!st) return st;
  }
  return positionals;
}

Status Flags::setLocked(const std::string& name, const std::string& value, bool by_user) {
  auto it = flags_.find(name);
  if (it == flags_.end()) return Status::error("unknown flag '" + name + "'");
  Entry& e = it->second;
  if (!parsesAs(e.def.type, value)) {
    return Status::error("invalid value '" + value + "' for flag '" + name + "' (expected " +
                         typeName(e.def.type) + ")");
  }
  e.value = e.def.type == FlagType::Bool ? (*parseBool(value) ? "true" : "false") : value;
  if (by_user) e.set_by_user = true;
  return Status::ok();
}

Status Flags::set(const std::string& name, const std::string& value) {
  std::lock_guard<std::mutex> lock(mutex_);
  return setLocked(canonical(name), value, true);
}

void Flags::setDefault(const std::string& name, const std::string& value) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = flags_.find(canonical(name));
  if (it != flags_.end() && parsesAs(it->second.def.type, value)) {
    it->second.value =
        it->second.def.type == FlagType::Bool ? (*parseBool(value) ? "true" : "false") : value;
  }
}

bool Flags::exists(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return flags_.count(canonical(name)) != 0;
}

FlagKind Flags::kindOf(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = flags_.find(canonical(name));
  return it == flags_.end() ? FlagKind::Option : it->second.def.kind;
}

std::optional<std::string> Flags::get(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = flags_.find(canonical(name));
  if (it == flags_.end()) return std::nullopt;
  return it->second.value;
}

std::string Flags::getString(const std::string& name) const {
  return get(name).value_or("");
}

bool Flags::getBool(const std::string& name) const {
  auto v = get(name);
  return v && parseBool(*v).value_or(false);
}

std::vector<std::string> Flags::getList(const std::string& name) const {
  const std::string text = getString(name);
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(start, comma - start);
    size_t b = item.find_first_not_of(" \t");
    size_t e = item.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    start = comma + 1;
  }
  return out;
}

int64_t Flags::getInt(const std::string& name) const {
  auto v = get(name);
  if (!v || v->empty()) return 0;
  return std::strtoll(v->c_str(), nullptr, integerBase(*v));
}

bool Flags::isDefault(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = flags_.find(canonical(name));
  return it == flags_.end() || !it->second.set_by_user;
}

std::vector<Flags::Entry> Flags::all() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Entry> out;
  out.reserve(flags_.size());
  for (const auto& [name, e] : flags_) out.push_back(e);
  return out;
}

std::string Flags::helpText(bool shell) const {
  std::ostringstream out;
  auto section = [&](const char* title, FlagKind kind) {
    out << title << "\n";
    for (const auto& e : all()) {
      if (e.def.kind != kind) continue;
      std::string head = "    --" + e.def.name;
      if (e.def.type != FlagType::Bool) head += " VALUE";
      out << head;
      if (head.size() < 38)
        out << std::string(38 - head.size(), ' ');
      else
        out << "  ";
      out << e.def.description << "\n";
    }
    out << "\n";
  };
  section("osquery command line flags:", FlagKind::Cli);
  section("osquery configuration options (set by config or CLI flags):", FlagKind::Option);
  if (shell) section("osquery shell-only CLI flags:", FlagKind::Shell);
  return out.str();
}

}  // namespace oqk
