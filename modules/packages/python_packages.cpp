#include "python_packages.h"

#include "fs_root.h"
#include "text.h"

namespace oqm_packages {

void parsePythonMetadata(std::string_view text, PythonPackage& pkg) {
  for (std::string_view line : lines(text)) {
    if (trim(line).empty()) break;  // the description body follows the headers
    if (line.front() == ' ' || line.front() == '\t') continue;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = trim(line.substr(0, colon));
    std::string value(trim(line.substr(colon + 1)));
    std::optional<std::string>* field = nullptr;
    if (key == "Name")
      field = &pkg.name;
    else if (key == "Version")
      field = &pkg.version;
    else if (key == "Summary")
      field = &pkg.summary;
    else if (key == "Author")
      field = &pkg.author;
    else if (key == "License")
      field = &pkg.license;
    if (field != nullptr && !field->has_value()) *field = std::move(value);
  }
}

std::vector<PythonPackage> listSitePackages(const FsRoot& root, const std::string& site,
                                            int64_t uid) {
  std::vector<PythonPackage> out;
  std::string dir = site;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  for (const auto& entry : listDirectory(root.real(dir))) {
    const bool dist_info = endsWith(entry, ".dist-info");
    if (!dist_info && !endsWith(entry, ".egg-info")) continue;
    const std::string path = dir + "/" + entry;
    std::string metadata;
    if (isDirectory(root.real(path))) {
      metadata = path + (dist_info ? "/METADATA" : "/PKG-INFO");
    } else if (!dist_info && isRegularFile(root.real(path))) {
      metadata = path;
    } else {
      continue;
    }
    PythonPackage pkg;
    pkg.path = path;
    pkg.directory = site;
    pkg.uid = uid;
    if (auto text = readFile(root.real(metadata), 1u << 20)) parsePythonMetadata(*text, pkg);
    out.push_back(std::move(pkg));
  }
  return out;
}

std::vector<std::string> systemSiteDirectories(const FsRoot& root) {
  std::vector<std::string> out;
  for (const char* pattern :
       {"/usr/local/lib/python*/dist-packages", "/usr/local/lib/python*/site-packages",
        "/usr/local/lib64/python*/site-packages", "/usr/lib/python*/dist-packages",
        "/usr/lib/python*/site-packages"}) {
    for (auto& d : root.glob(pattern, true)) out.push_back(std::move(d));
  }
  return out;
}

std::vector<std::string> userSiteDirectories(const FsRoot& root, const std::string& home) {
  std::vector<std::string> out;
  if (home.empty() || home == "/") return out;
  for (const char* pattern :
       {"/.local/lib/python*/site-packages", "/.pyenv/versions/*/lib/python*/site-packages"}) {
    for (auto& d : root.glob(home + pattern, true)) out.push_back(std::move(d));
  }
  return out;
}

}  // namespace oqm_packages
