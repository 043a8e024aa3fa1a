// credentials.cpp: osquery's AWS credential chain and the shared credentials/config files.
#include "credentials.h"

#include <oqm_support/files.h>
#include <oqm_support/text.h>

#include <cstdlib>

namespace oqm_aws {
namespace {

using oqm_support::trim;

constexpr const char* kEnvNames[] = {"AWS_ACCESS_KEY_ID",
                                     "AWS_SECRET_ACCESS_KEY",
                                     "AWS_SESSION_TOKEN",
                                     "AWS_PROFILE",
                                     "AWS_SHARED_CREDENTIALS_FILE",
                                     "AWS_CONFIG_FILE",
                                     "AWS_EC2_METADATA_SERVICE_ENDPOINT",
                                     "AWS_EC2_METADATA_DISABLED"};

bool isBlank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

// The line without a trailing comment: '#' or ';' preceded by white space.
std::string_view stripInlineComment(std::string_view line) {
  for (size_t i = 1; i < line.size(); ++i) {
    if ((line[i] == '#' || line[i] == ';') && isBlank(line[i - 1])) return line.substr(0, i);
  }
  return line;
}

std::string envOr(const CredentialInputs& in, const std::string& name) {
  auto it = in.env.find(name);
  return it == in.env.end() ? std::string() : it->second;
}

std::string homeFile(const CredentialInputs& in, const char* relative) {
  if (in.home.empty()) return {};
  std::string path = in.home;
  if (path.back() != '/') path.push_back('/');
  return path + relative;
}

// Credentials from one INI section: both the id and the secret, or nothing.
std::optional<Credentials> credentialsFrom(const std::map<std::string, std::string>* section) {
  if (section == nullptr) return std::nullopt;
  Credentials c;
  auto get = [&](const char* key) {
    auto it = section->find(key);
    return it == section->end() ? std::string() : it->second;
  };
  c.access_key_id = get("aws_access_key_id");
  c.secret_access_key = get("aws_secret_access_key");
  c.session_token = get("aws_session_token");
  if (c.empty()) return std::nullopt;
  return c;
}

std::string describe(const IniFile& f) {
  if (f.path.empty()) return "(no path: $HOME unset)";
  return f.path + (f.found ? "" : " (not found)");
}

// A profile from the credentials file ("[name]"), then the config file ("[profile name]",
// "[default]"). `tried` receives a description of where it looked.
std::optional<Credentials> profileCredentials(const std::string& profile, const IniFile& creds,
                                              const IniFile& config, std::string* tried) {
  if (auto c = credentialsFrom(creds.section(profile))) return c;
  if (auto c = credentialsFrom(configProfileSection(config, profile))) return c;
  *tried = "profile " + profile + " in " + describe(creds) + " and " + describe(config);
  return std::nullopt;
}

}  // namespace

IniSections parseIni(std::string_view text) {
  IniSections out;
  std::map<std::string, std::string>* current = nullptr;
  bool nested = false;  // inside "key =" followed by indented sub-settings
  for (std::string_view raw : oqm_support::lines(text, /*strip_cr=*/true)) {
    bool indented = !raw.empty() && (raw.front() == ' ' || raw.front() == '\t');
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    line = trim(stripInlineComment(line));
    if (line.front() == '[') {
      size_t close = line.find(']');
      if (close == std::string_view::npos) {
        current = nullptr;  // malformed header: ignore what follows until the next section
        continue;
      }
      current = &out[std::string(trim(line.substr(1, close - 1)))];
      nested = false;
      continue;
    }
    if (indented && nested) continue;
    size_t eq = line.find('=');
    if (current == nullptr || eq == std::string_view::npos) continue;
    std::string key = oqm_support::toLower(trim(line.substr(0, eq)));
    std::string_view value = trim(line.substr(eq + 1));
    nested = value.empty();
    if (!key.empty()) (*current)[key] = std::string(value);
  }
  return out;
}

const std::map<std::string, std::string>* IniFile::section(const std::string& name) const {
  auto it = sections.find(name);
  return it == sections.end() ? nullptr : &it->second;
}

IniFile readIniFile(const std::string& path) {
  IniFile f;
  f.path = path;
  if (path.empty()) return f;
  auto text = oqm_support::readFile(path);
  if (!text) return f;
  f.found = true;
  f.sections = parseIni(*text);
  return f;
}

std::string credentialsFilePath(const CredentialInputs& inputs) {
  std::string p = envOr(inputs, "AWS_SHARED_CREDENTIALS_FILE");
  return p.empty() ? homeFile(inputs, ".aws/credentials") : p;
}

std::string configFilePath(const CredentialInputs& inputs) {
  std::string p = envOr(inputs, "AWS_CONFIG_FILE");
  return p.empty() ? homeFile(inputs, ".aws/config") : p;
}

const std::map<std::string, std::string>* configProfileSection(const IniFile& config,
                                                               const std::string& profile) {
  if (const auto* s = config.section("profile " + profile)) return s;
  return profile == "default" ? config.section("default") : nullptr;
}

std::string defaultProfileName(const CredentialInputs& inputs) {
  std::string p = envOr(inputs, "AWS_PROFILE");
  return p.empty() ? "default" : p;
}

std::optional<ResolvedCredentials> resolveCredentials(const CredentialInputs& in,
                                                      std::string* error) {
  ResolvedCredentials r;
  std::vector<std::string> tried;

  // 1. Flags.
  bool has_id = !in.flag_access_key_id.empty(), has_secret = !in.flag_secret_access_key.empty();
  if (has_id && has_secret) {
    r.credentials = {in.flag_access_key_id, in.flag_secret_access_key, in.flag_session_token};
    r.source = "flags";
    return r;
  }
  if (has_id != has_secret) {
    r.warnings.push_back("Cannot use AWS credentials: ID or secret missing");
  } else if (!in.flag_session_token.empty()) {
    r.warnings.push_back(
        "Cannot use --aws_session_token without --aws_access_key_id and --aws_secret_access_key");
  }
  tried.push_back("--aws_access_key_id/--aws_secret_access_key");

  IniFile creds = readIniFile(credentialsFilePath(in));
  IniFile config = readIniFile(configFilePath(in));

  // 2. The named profile.
  if (!in.profile.empty()) {
    std::string where;
    if (auto c = profileCredentials(in.profile, creds, config, &where)) {
      r.credentials = std::move(*c);
      r.source = "profile " + in.profile;
      return r;
    }
    r.warnings.push_back("AWS profile " + in.profile + " has no credentials (" + where + ")");
    tried.push_back(std::move(where));
  }

  // 3. The environment.
  Credentials env{envOr(in, "AWS_ACCESS_KEY_ID"), envOr(in, "AWS_SECRET_ACCESS_KEY"),
                  envOr(in, "AWS_SESSION_TOKEN")};
  if (!env.empty()) {
    r.credentials = std::move(env);
    r.source = "environment";
    return r;
  }
  tried.push_back("environment (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)");

  // 4. The default profile.
  std::string fallback = defaultProfileName(in);
  std::string where;
  if (auto c = profileCredentials(fallback, creds, config, &where)) {
    r.credentials = std::move(*c);
    r.source = "profile " + fallback;
    return r;
  }
  tried.push_back(std::move(where));

  if (error != nullptr) {
    std::string msg;
    for (const auto& w : r.warnings) msg += w + ". ";
    msg += "No AWS credentials found; tried: ";
    for (size_t i = 0; i < tried.size(); ++i) msg += (i ? "; " : "") + tried[i];

    *error = std::move(msg);
  }
  return std::nullopt;
}

std::map<std::string, std::string> environmentForAws() {
  std::map<std::string, std::string> env;
  for (const char* name : kEnvNames) {
    if (const char* v = std::getenv(name)) env[name] = v;
  }
  return env;
}

}  // namespace oqm_aws
