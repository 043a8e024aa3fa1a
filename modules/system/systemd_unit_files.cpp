#include "systemd_unit_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include "keyfile.h"
#include "util.h"

namespace oqm_system {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kUnitSuffixes[] = {".service", ".socket",    ".target", ".device",
                                              ".mount",   ".automount", ".swap",   ".timer",
                                              ".path",    ".slice",     ".scope"};

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// "foo@.service" (a template) and "foo@bar.service" (an instance) split at '@'.
struct UnitName {
  std::string_view prefix;    // "foo"
  std::string_view instance;  // "bar" (empty for a template or a plain unit)
  std::string_view suffix;    // ".service"
  bool templated = false;     // has an '@'
};

UnitName splitUnitName(std::string_view id) {
  UnitName n;
  size_t dot = id.rfind('.');
  n.suffix = id.substr(dot);
  std::string_view stem = id.substr(0, dot);
  size_t at = stem.find('@');
  n.templated = at != std::string_view::npos;
  n.prefix = stem.substr(0, at);
  if (n.templated) n.instance = stem.substr(at + 1);
  return n;
}

// systemd's unit_name_unescape: '-' is '/', "\xNN" is the byte NN.
std::string unescapeUnitName(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '-') {
      out += '/';
    } else if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] == 'x') {
      auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      int hi = hex(text[i + 2]), lo = hex(text[i + 3]);
      if (hi < 0 || lo < 0) {
        out += text[i];
        continue;
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 3;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The unit specifiers of systemd.unit(5) that depend only on the name; others stay as written.
std::string expandSpecifiers(std::string_view text, std::string_view id) {
  UnitName n = splitUnitName(id);
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%' || i + 1 >= text.size()) {
      out += text[i];
      continue;
    }
    char c = text[++i];
    switch (c) {
      case '%':
        out += '%';
        break;
      case 'n':
        out += id;
        break;
      case 'N':
        out += id.substr(0, id.size() - n.suffix.size());
        break;
      case 'p':
        out += n.prefix;
        break;
      case 'P':
        out += unescapeUnitName(n.prefix);
        break;
      case 'i':
        out += n.instance;
        break;
      case 'I':
        out += unescapeUnitName(n.instance);
        break;
      default:
        out += '%';
        out += c;
    }
  }
  return out;
}

// Where a name was first found on the search path.
struct Found {
  std::string path;      // the entry in the search directory
  std::string fragment;  // the file it resolves to
  size_t dir_index = 0;
  bool masked = false;
};

bool isRuntimeDir(const std::string& dir) {
  return startsWith(dir, "/run/");
}

std::string fileStateForDirectory(const std::string& dir) {
  if (startsWith(dir, "/run/systemd/transient")) return "transient";
  if (startsWith(dir, "/run/systemd/generator")) return "generated";
  return {};
}

bool hasInstallSection(const std::vector<KeyFileEntry>& entries) {
  for (const auto& e : entries) {
    if (e.section != "Install" || e.value.empty()) continue;
    if (e.key == "WantedBy" || e.key == "RequiredBy" || e.key == "UpheldBy" || e.key == "Alias" ||
        e.key == "Also") {
      return true;
    }
  }
  return false;
}

}  // namespace

UnitDirectories defaultUnitDirectories() {
  UnitDirectories d;
  d.search = {"/etc/systemd/system.control", "/run/systemd/system.control",
              "/run/systemd/transient",      "/run/systemd/generator.early",
              "/etc/systemd/system",         "/etc/systemd/system.attached",
              "/run/systemd/system",         "/run/systemd/system.attached",
              "/run/systemd/generator",      "/usr/local/lib/systemd/system",
              "/lib/systemd/system",         "/usr/lib/systemd/system",
              "/run/systemd/generator.late"};
  d.config = {{"/etc/systemd/system", false}, {"/run/systemd/system", true}};
  return d;
}

bool isUnitFileName(std::string_view name) {
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  std::string_view suffix = name.substr(dot);
  return std::find(std::begin(kUnitSuffixes), std::end(kUnitSuffixes), suffix) !=
         std::end(kUnitSuffixes);
}

std::string unitObjectPath(std::string_view id) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "/org/freedesktop/systemd1/unit/";
  for (size_t i = 0; i < id.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(id[i]);
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum && !(i == 0 && c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else {
      out += '_';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::vector<SystemdUnit> scanUnitFiles(const UnitDirectories& dirs) {
  std::map<std::string, Found> units;      // plain units and instances, by id
  std::map<std::string, Found> templates;  // "foo@.service"

  for (size_t d = 0; d < dirs.search.size(); ++d) {
    std::error_code ec;
    fs::directory_iterator it(dirs.search[d], ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!isUnitFileName(name)) continue;
      UnitName n = splitUnitName(name);
      auto& table = (n.templated && n.instance.empty()) ? templates : units;
      if (table.count(name) != 0) continue;  // hidden by an earlier directory
      std::string path = it->path().string();
      struct stat lst {};
      if (::lstat(path.c_str(), &lst) != 0) continue;
      Found f;
      f.path = path;
      f.dir_index = d;
      if (S_ISLNK(lst.st_mode)) {
        std::error_code link_ec;
        fs::path target = fs::read_symlink(path, link_ec);
        if (!link_ec && target == "/dev/null") {
          f.masked = true;
        } else {
          fs::path resolved = fs::canonical(path, link_ec);
          if (link_ec) continue;  // a dangling link loads nothing
          // A link under another name is an alias of its target, not a unit of its own.
          if (resolved.filename().string() != name) continue;
          f.fragment = resolved.string();
        }
      } else if (S_ISREG(lst.st_mode)) {
        f.masked = lst.st_size == 0;  // systemd treats an empty unit file as a mask
        f.fragment = path;
      } else {
        continue;
      }
      table.emplace(name, std::move(f));
    }
  }

  // Enablement links; they also bring instances of templates into being.
  std::map<std::string, std::string> enabled;  // id -> enabled / enabled-runtime
  for (const auto& config : dirs.config) {
    std::error_code ec;
    fs::directory_iterator it(config.path, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::string dir_name = it->path().filename().string();
      bool wants_dir = dir_name.ends_with(".wants") || dir_name.ends_with(".requires") ||
                       dir_name.ends_with(".upholds");
      if (!wants_dir || !it->is_directory(ec)) continue;
      std::error_code inner_ec;
      fs::directory_iterator link(it->path(), inner_ec);
      for (; !inner_ec && link != end; link.increment(inner_ec)) {
        std::string name = link->path().filename().string();
        if (!isUnitFileName(name)) continue;
        enabled.emplace(name, config.runtime ? "enabled-runtime" : "enabled");
        UnitName n = splitUnitName(name);
        if (!n.templated || n.instance.empty() || units.count(name) != 0) continue;
        std::string template_name = std::string(n.prefix) + "@" + std::string(n.suffix);
        auto t = templates.find(template_name);
        if (t != templates.end()) units.emplace(name, t->second);
      }
    }
  }

  std::vector<SystemdUnit> out;
  out.reserve(units.size());
  for (const auto& [id, f] : units) {
    SystemdUnit u;
    u.id = id;
    const std::string& dir = dirs.search[f.dir_index];
    if (f.masked) {
      u.load_state = "masked";
      u.unit_file_state = isRuntimeDir(dir) ? "masked-runtime" : "masked";
      u.fragment_path = f.path;
      u.description = id;
      out.push_back(std::move(u));
      continue;
    }
    u.load_state = "loaded";
    u.fragment_path = f.fragment;
    auto text = readFile(f.fragment, 1u << 20);
    auto entries = parseKeyFile(text ? std::string_view(*text) : std::string_view(), true);
    u.description = expandSpecifiers(lastValue(entries, "Unit", "Description").value_or(""), id);
    if (u.description.empty()) u.description = id;
    u.source_path = lastValue(entries, "Unit", "SourcePath").value_or("");
    u.user = lastValue(entries, "Service", "User").value_or("");
    u.unit_file_state = fileStateForDirectory(dir);
    if (u.unit_file_state.empty()) {
      auto e = enabled.find(id);
      if (e != enabled.end()) {
        u.unit_file_state = e->second;
      } else {
        u.unit_file_state = hasInstallSection(entries) ? "disabled" : "static";
      }
    }
    out.push_back(std::move(u));
  }
  return out;
}

}  // namespace oqm_system
