#include "sysctl.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <set>

#include "util.h"

namespace oqm_system {
namespace {

// The key in the form this module names parameters: path components joined with '.', with
// no escaping of dots inside a component (net.ipv4.conf.eth0.100.rp_filter for the directory
// eth0.100). sysctl.d(5) keys whose first separator is '/' are path-like and are joined so.
std::string normalizeKey(std::string_view key) {
  key = trim(key);
  if (!key.empty() && key.front() == '-') key.remove_prefix(1);
  std::string out(trim(key));
  size_t slash = out.find('/');
  size_t dot = out.find('.');
  if (slash != std::string::npos && (dot == std::string::npos || slash < dot)) {
    std::replace(out.begin(), out.end(), '/', '.');
  }
  return out;
}

struct Entry {
  std::string name;
  bool is_dir;
};

std::vector<Entry> listDir(const std::string& path) {
  std::vector<Entry> out;
  DIR* d = opendir(path.c_str());
  if (d == nullptr) return out;
  while (struct dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    bool is_dir = false;
    if (e->d_type == DT_DIR) {
      is_dir = true;
    } else if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
      struct stat st {};
      is_dir = stat((path + "/" + name).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    }
    out.push_back({std::move(name), is_dir});
  }
  closedir(d);
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return out;
}

void walk(const std::string& path, const std::string& name,
          const std::function<void(const std::string&, const std::string&)>& visit, int depth) {
  if (depth > 32) return;
  for (const auto& e : listDir(path)) {
    const std::string child_path = path + "/" + e.name;
    const std::string child_name = name.empty() ? e.name : name + "." + e.name;
    if (e.is_dir) {
      walk(child_path, child_name, visit, depth + 1);
    } else {
      visit(child_name, child_path);
    }
  }
}

}  // namespace

void parseSysctlConf(std::string_view text, std::map<std::string, std::string>& config) {
  for (std::string_view line : lines(text)) {
    line = trim(line);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key = normalizeKey(line.substr(0, eq));
    if (key.empty()) continue;
    config[key] = std::string(trim(line.substr(eq + 1)));
  }
}

std::map<std::string, std::string> loadSysctlConfig(const std::vector<std::string>& dirs,
                                                    const std::string& conf_file) {
  // File name -> path of the copy that wins.
  std::map<std::string, std::string> files;
  for (const auto& dir : dirs) {
    for (const auto& e : listDir(dir)) {
      if (e.is_dir || e.name.size() <= 5 || e.name.substr(e.name.size() - 5) != ".conf") {
        continue;
      }
      files.emplace(e.name, dir + "/" + e.name);
    }
  }
  std::map<std::string, std::string> config;
  for (const auto& [name, path] : files) {
    if (auto text = readFile(path, 1u << 20)) parseSysctlConf(*text, config);
  }
  if (!conf_file.empty()) {
    if (auto text = readFile(conf_file, 1u << 20)) parseSysctlConf(*text, config);
  }
  return config;
}

std::string sysctlName(std::string_view relative_path) {
  std::string out;
  for (std::string_view part : splitAny(relative_path, "/")) {
    if (!out.empty()) out.push_back('.');
    out.append(part);
  }
  return out;
}

void walkSysctl(const std::string& root, const std::string& start,
                const std::function<void(const std::string&, const std::string&)>& visit) {
  // A dotted name becomes a path; every '.' turns into '/', so no ".." can remain.
  std::string relative;
  for (std::string_view part : splitAny(start, ".")) {
    relative.push_back('/');
    relative.append(part);
  }
  if (!start.empty() && relative.empty()) return;
  const std::string path = root + relative;
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return;
  const std::string name = sysctlName(relative);
  if (S_ISDIR(st.st_mode)) {
    walk(path, name, visit, 0);
  } else if (!name.empty()) {
    visit(name, path);
  }
}

std::optional<std::string> readSysctlValue(const std::string& path) {
  auto text = readFile(path, 1u << 20);
  if (!text) return std::nullopt;
  return std::string(trim(*text));
}

}  // namespace oqm_system
