#include "kernel/config.h"

// SHA-1 through OpenSSL's one-shot digest functions (deprecated in 3.0, kept until 4.0) rather
// than EVP: the first EVP call loads OpenSSL's provider tables, 2 MB resident for the life of
// the daemon, and a config load is often the only hashing an idle daemon does.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "kernel/collations.h"

namespace oqk {
namespace {

using rapidjson::Value;

constexpr uint64_t kMaxInterval = 604800;  // one week

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string sha1Hex(const std::string& data) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA_CTX context;
  SHA1_Init(&context);
  SHA1_Update(&context, data.data(), data.size());
  SHA1_Final(digest, &context);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < SHA_DIGEST_LENGTH; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

std::string toJson(const Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return buffer.GetString();
}

int depthOf(const Value& v) {
  int deepest = 0;
  if (v.IsObject()) {
    for (const auto& m : v.GetObject()) deepest = std::max(deepest, depthOf(m.value));
    return deepest + 1;
  }
  if (v.IsArray()) {
    for (const auto& e : v.GetArray()) deepest = std::max(deepest, depthOf(e));
    return deepest + 1;
  }
  return 0;
}

// osquery accepts booleans as JSON booleans or as strings ("true"/"t", any case), and numbers
// as JSON numbers or numeric strings.
std::optional<bool> asBool(const Value& v) {
  if (v.IsBool()) return v.GetBool();
  if (v.IsString()) {
    std::string s = lower(v.GetString());
    return s == "true" || s == "t";
  }
  if (v.IsNumber()) return v.GetDouble() != 0;
  return std::nullopt;
}

std::optional<uint64_t> asUnsigned(const Value& v) {
  if (v.IsUint64()) return v.GetUint64();
  if (v.IsInt64()) return v.GetInt64() < 0 ? std::nullopt : std::optional<uint64_t>(v.GetInt64());
  if (v.IsDouble())
    return v.GetDouble() < 0 ? std::nullopt : std::optional<uint64_t>(v.GetDouble());
  if (v.IsString()) {
    std::string s = trim(v.GetString());
    if (s.empty() || !std::all_of(s.begin(), s.end(), ::isdigit)) return std::nullopt;
    try {
      return std::stoull(s);
    } catch (...) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::string asText(const Value& v) {
  if (v.IsString()) return v.GetString();
  if (v.IsNull()) return "";
  return toJson(v);
}

std::vector<std::string> stringList(const Value& v) {
  std::vector<std::string> out;
  if (v.IsArray()) {
    for (const auto& e : v.GetArray()) {
      if (e.IsString()) out.emplace_back(e.GetString());
    }
  } else if (v.IsString()) {
    out.emplace_back(v.GetString());
  }
  return out;
}

// The restrictions a pack or a query may carry.
struct Restrictions {
  std::string platform, version;
  uint64_t shard = 0;
};

Restrictions restrictionsOf(const Value& object) {
  Restrictions r;
  if (auto it = object.FindMember("platform"); it != object.MemberEnd())
    r.platform = asText(it->value);
  if (auto it = object.FindMember("version"); it != object.MemberEnd())
    r.version = asText(it->value);
  if (auto it = object.FindMember("shard"); it != object.MemberEnd()) {
    r.shard = asUnsigned(it->value).value_or(0);
  }
  return r;
}

// Why a pack or query does not apply to this host, or nothing when it does.
std::optional<std::string> excludedBy(const Restrictions& r, const ConfigEnvironment& env) {
  if (!ConfigParser::platformMatches(r.platform, env.platform)) {
    return "platform " + r.platform + " is not " + env.platform;
  }
  if (!r.version.empty() && r.version != "null" && compareVersions(env.version, r.version) < 0) {
    return "it needs version " + r.version + " but this is " + env.version;
  }
  if (r.shard > 0 && r.shard < static_cast<uint64_t>(env.machine_shard)) {
    return "shard " + std::to_string(r.shard) + " is below this machine's shard " +
           std::to_string(env.machine_shard);
  }
  return std::nullopt;
}

bool hasReservedName(const std::string& name) {
  for (const char* prefix : {"query.", "cache.", "config_views."}) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  auto ends = [&](const std::string& suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends("epoch") || ends("counter");
}

class SourceParser {
 public:
  SourceParser(ConfigData& out, Flags& flags, const ConfigEnvironment& env,
               const PackResolver& resolver, std::set<std::string>& scheduled_names)
      : out_(out), flags_(flags), env_(env), resolver_(resolver), names_(scheduled_names) {}

  Status parse(const std::string& source, const Value& root) {
    // The options parser always runs first: later keys may depend on flags.
    if (auto it = root.FindMember("options"); it != root.MemberEnd() && it->value.IsObject()) {
      applyOptions(it->value);
    }
    if (auto it = root.FindMember("schedule"); it != root.MemberEnd() && it->value.IsObject()) {
      addQueries(mainPack(source), it->value);
    }
    if (auto it = root.FindMember("packs"); it != root.MemberEnd() && it->value.IsObject()) {
      for (const auto& p : it->value.GetObject()) {
        Status s = addPack(source, p.name.GetString(), p.value);
        if (!s) return s;
      }
    }
    parseAuxiliary(root);
    return Status::ok();
  }

  // Keys that packs may carry too: decorators (top level only), file paths, events, views.
  void parseAuxiliary(const Value& root) {
    if (auto it = root.FindMember("decorators"); it != root.MemberEnd() && it->value.IsObject()) {
      parseDecorators(it->value);
    }
    auto categories = [](const Value& v, std::map<std::string, std::vector<std::string>>& into,
                         bool rewrite_percent) {
      if (!v.IsObject()) return;
      for (const auto& m : v.GetObject()) {
        for (std::string path : stringList(m.value)) {
          if (rewrite_percent) std::replace(path.begin(), path.end(), '%', '*');
          into[m.name.GetString()].push_back(path);
        }
      }
    };
    if (auto it = root.FindMember("file_paths"); it != root.MemberEnd()) {
      categories(it->value, out_.file_paths, true);
    }
    if (auto it = root.FindMember("file_paths_query"); it != root.MemberEnd()) {
      categories(it->value, out_.file_paths_query, false);
    }
    if (auto it = root.FindMember("exclude_paths"); it != root.MemberEnd()) {
      categories(it->value, out_.exclude_paths, true);
    }
    if (auto it = root.FindMember("file_accesses"); it != root.MemberEnd()) {
      for (auto& c : stringList(it->value)) out_.file_accesses.push_back(c);
    }
    if (auto it = root.FindMember("events"); it != root.MemberEnd() && it->value.IsObject()) {
      if (auto e = it->value.FindMember("enable_subscribers"); e != it->value.MemberEnd()) {
        for (auto& s : stringList(e->value)) out_.enable_subscribers.push_back(s);
      }
      if (auto d = it->value.FindMember("disable_subscribers"); d != it->value.MemberEnd()) {
        for (auto& s : stringList(d->value)) out_.disable_subscribers.push_back(s);
      }
    }
    if (auto it = root.FindMember("views"); it != root.MemberEnd() && it->value.IsObject()) {
      for (const auto& v : it->value.GetObject()) {
        if (v.value.IsString()) out_.views[v.name.GetString()] = v.value.GetString();
      }
    }
  }

 private:
  void warn(std::string message) { out_.warnings.push_back(std::move(message)); }

  void applyOptions(const Value& options) {
    for (const auto& o : options.GetObject()) {
      std::string name = o.name.GetString();
      std::string value =
          o.value.IsBool() ? (o.value.GetBool() ? "true" : "false") : asText(o.value);
      if (name.rfind("custom_", 0) == 0 && !flags_.exists(name)) {
        flags_.define(FlagDefinition{name, FlagType::String, "",
                                     "A custom option set by the config", FlagKind::Option,
                                     "config"});
      }
      if (!flags_.exists(name)) {
        warn("Cannot set unknown or invalid flag: " + name);
        continue;
      }
      if (flags_.kindOf(name) == FlagKind::Cli || flags_.kindOf(name) == FlagKind::Shell) {
        warn("The CLI only flag --" + name +
             " set via config file will be ignored, please use a flagfile or pass it to the "
             "process at startup");
        continue;
      }
      Status s = flags_.set(name, value);
      if (!s) warn("Cannot set unknown or invalid flag: " + name + ": " + s.message());
    }
  }

  Pack& mainPack(const std::string& source) {
    for (auto& p : out_.packs) {
      if (p.name == "main") return p;
    }
    out_.packs.insert(out_.packs.begin(), Pack{"main", source, {}, {}});
    return out_.packs.front();
  }

  void addQueries(Pack& pack, const Value& queries) {
    for (const auto& q : queries.GetObject()) {
      std::string short_name = q.name.GetString();
      std::string name = pack.name == "main" ? short_name
                                             : "pack" + env_.pack_delimiter + pack.name +
                                                   env_.pack_delimiter + short_name;
      const Value& body = q.value;
      if (!body.IsObject()) {
        warn("Query " + name + " is not an object and is skipped");
        continue;
      }
      auto query = body.FindMember("query");
      if (query == body.MemberEnd() || !query->value.IsString()) {
        warn("Query " + name + " has no query string and is skipped");
        continue;
      }
      if (hasReservedName(short_name)) {
        warn("Query name " + short_name + " is reserved and is skipped");
        continue;
      }
      if (!names_.insert(name).second) {
        warn("Query name " + name + " is a duplicate and is skipped");
        continue;
      }
      if (auto why = excludedBy(restrictionsOf(body), env_)) {
        warn("Query " + name + " does not apply to this host: " + *why);
        continue;
      }
      ScheduledQuery sq;
      sq.name = name;
      sq.short_name = short_name;
      sq.pack = pack.name;
      sq.query = query->value.GetString();
      sq.interval = env_.default_interval;
      if (auto it = body.FindMember("interval"); it != body.MemberEnd()) {
        sq.interval = asUnsigned(it->value).value_or(0);
      }
      if (sq.interval == 0 || sq.interval > kMaxInterval) {
        warn("Query has invalid interval: " + name + ": " + std::to_string(sq.interval));
        names_.erase(name);
        continue;
      }
      if (auto it = body.FindMember("removed"); it != body.MemberEnd()) {
        sq.removed = asBool(it->value).value_or(true);
      }
      if (auto it = body.FindMember("snapshot"); it != body.MemberEnd()) {
        sq.snapshot = asBool(it->value).value_or(false);
      }
      if (auto it = body.FindMember("denylist"); it != body.MemberEnd()) {
        sq.denylist = asBool(it->value).value_or(true);
      }
      if (auto it = body.FindMember("startup_priority"); it != body.MemberEnd()) {
        sq.startup_priority = asUnsigned(it->value).value_or(UINT64_MAX);
      }
      pack.queries.push_back(std::move(sq));
    }
    std::sort(pack.queries.begin(), pack.queries.end(), [](const auto& a, const auto& b) {
      return std::tie(a.startup_priority, a.short_name) <
             std::tie(b.startup_priority, b.short_name);
    });
  }

  Status addPack(const std::string& source, const std::string& name, const Value& value) {
    if (value.IsString()) {
      if (!resolver_) {
        warn("Pack " + name + " is given by locator but no config plugin resolves packs");
        return Status::ok();
      }
      auto resolved = resolver_(name, value.GetString());
      if (!resolved) {
        warn("Pack " + name + " cannot be read: " + resolved.status().message());
        return Status::ok();
      }
      for (const auto& [pack_name, text] : resolved.value()) {
        auto stripped = ConfigParser::stripComments(text);
        if (!stripped) return stripped.status();
        rapidjson::Document doc;
        doc.Parse(stripped.value().c_str());
        if (doc.HasParseError() || !doc.IsObject()) {
          warn("Pack " + pack_name + " is not a JSON object and is skipped");
          continue;
        }
        addPackObject(source, pack_name, doc);
      }
      return Status::ok();
    }
    if (!value.IsObject()) {
      warn("Pack " + name + " is neither an object nor a locator and is skipped");
      return Status::ok();
    }
    addPackObject(source, name, value);
    return Status::ok();
  }

  void addPackObject(const std::string& source, const std::string& name, const Value& object) {
    if (auto why = excludedBy(restrictionsOf(object), env_)) {
      warn("Pack " + name + " does not apply to this host: " + *why);
      return;
    }
    for (const auto& p : out_.packs) {
      if (p.name == name) {
        warn("Pack " + name + " is a duplicate and is skipped");
        return;
      }
    }
    Pack pack{name, source, {}, {}};
    if (auto it = object.FindMember("discovery"); it != object.MemberEnd()) {
      pack.discovery = stringList(it->value);
    }
    if (auto it = object.FindMember("queries"); it != object.MemberEnd() && it->value.IsObject()) {
      addQueries(pack, it->value);
    }
    out_.packs.push_back(std::move(pack));
    parseAuxiliaryOfPack(object);
  }

  void parseAuxiliaryOfPack(const Value& object) {
    // Packs may carry file paths, events and views, but not decorators or options.
    rapidjson::Document copy;
    copy.CopyFrom(object, copy.GetAllocator());
    copy.RemoveMember("decorators");
    parseAuxiliary(copy);
  }

  void parseDecorators(const Value& decorators) {
    if (auto it = decorators.FindMember("load"); it != decorators.MemberEnd()) {
      for (auto& q : stringList(it->value)) out_.decorators.load.push_back(q);
    }
    if (auto it = decorators.FindMember("always"); it != decorators.MemberEnd()) {
      for (auto& q : stringList(it->value)) out_.decorators.always.push_back(q);
    }
    if (auto it = decorators.FindMember("interval");
        it != decorators.MemberEnd() && it->value.IsObject()) {
      for (const auto& m : it->value.GetObject()) {
        auto seconds = asUnsigned(rapidjson::Value(m.name.GetString(), m.name.GetStringLength()));
        if (!seconds || *seconds == 0 || *seconds % 60 != 0) {
          warn(std::string("Decorator interval ") + m.name.GetString() +
               " is not a multiple of 60 seconds and is skipped");
          continue;
        }
        for (auto& q : stringList(m.value)) out_.decorators.interval[*seconds].push_back(q);
      }
    }
  }

  ConfigData& out_;
  Flags& flags_;
  const ConfigEnvironment& env_;
  const PackResolver& resolver_;
  std::set<std::string>& names_;
};

}  // namespace

std::vector<const ScheduledQuery*> ConfigData::allQueries() const {
  std::vector<const ScheduledQuery*> out;
  for (const auto& p : packs) {
    for (const auto& q : p.queries) out.push_back(&q);
  }
  return out;
}

int ConfigEnvironment::shardOf(const std::string& hostname) {
  std::string hex = sha1Hex(hostname);
  int first = std::stoi(hex.substr(0, 2), nullptr, 16);
  return first * 100 / 255;
}

bool ConfigParser::platformMatches(const std::string& wanted, const std::string& platform) {
  std::string w = lower(trim(wanted));
  if (w.empty() || w == "null" || w.find("any") != std::string::npos ||
      w.find("all") != std::string::npos) {
    return true;
  }
  if (platform == "linux") {
    for (const char* name : {"linux", "ubuntu", "centos", "posix"}) {
      if (w.find(name) != std::string::npos) return true;
    }
    return false;
  }
  return w.find(platform) != std::string::npos;
}

Result<std::string> ConfigParser::stripComments(const std::string& raw) {
  std::string out;
  out.reserve(raw.size());
  std::istringstream in(raw);
  std::string line;
  while (std::getline(in, line)) {
    std::string t = trim(line);
    if (t.empty() || t[0] == '#' || t.rfind("//", 0) == 0) continue;
    if (!t.empty() && t.back() == '\\') {
      t.pop_back();  // a backslash-newline joins the lines
      out += t;
      continue;
    }
    out += t;
    out += '\n';
  }
  if (out.size() > kMaxSize) {
    return Status::error("Error parsing the config JSON: the config size exceeds the limit of " +
                         std::to_string(kMaxSize) + " bytes");
  }
  return out;
}

Result<ConfigData> ConfigParser::parse(
    const std::vector<std::pair<std::string, std::string>>& sources, Flags& flags,
    const ConfigEnvironment& environment, const PackResolver& resolve_pack) {
  ConfigData data;
  std::set<std::string> scheduled_names;
  std::string hashes;
  for (const auto& [source, raw] : sources) {
    auto stripped = stripComments(raw);
    if (!stripped) return stripped.status();
    rapidjson::Document doc;
    doc.Parse(stripped.value().c_str());
    if (doc.HasParseError()) {
      return Status::error("Error parsing the config JSON: " +
                           std::string(rapidjson::GetParseError_En(doc.GetParseError())) +
                           " (source " + source + ", offset " +
                           std::to_string(doc.GetErrorOffset()) + ")");
    }
    if (depthOf(doc) > kMaxDepth)
      return Status::error("Configuration has too many nesting levels!");
    if (!doc.IsObject()) {
      return Status::error("Error parsing the config JSON: the root of source " + source +
                           " is not an object");
    }
    hashes += sha1Hex(raw);
    SourceParser parser(data, flags, environment, resolve_pack, scheduled_names);
    Status s = parser.parse(source, doc);
    if (!s) return s;
  }
  data.hash = sha1Hex(hashes);
  return data;
}

}  // namespace oqk
