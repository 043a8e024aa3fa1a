#include "npm_packages.h"

#include <rapidjson/document.h>
#include <sys/stat.h>

#include <set>
#include <utility>

#include "fs_root.h"
#include "text.h"

namespace oqm_packages {
namespace {

std::optional<std::string> stringMember(const rapidjson::Value& object, const char* key) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return std::nullopt;
  if (!it->value.IsString()) return std::string();
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

}  // namespace

bool parsePackageJson(std::string_view text, NpmPackage& pkg) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject()) return false;
  pkg.name = stringMember(doc, "name");
  pkg.version = stringMember(doc, "version");
  pkg.description = stringMember(doc, "description");
  pkg.homepage = stringMember(doc, "homepage");
  if (auto it = doc.FindMember("author"); it != doc.MemberEnd()) {
    if (it->value.IsString()) {
      pkg.author = std::string(it->value.GetString(), it->value.GetStringLength());
    } else if (it->value.IsObject()) {
      pkg.author = stringMember(it->value, "name");
    }
  }
  if (auto it = doc.FindMember("license"); it != doc.MemberEnd()) {
    if (it->value.IsString()) {
      pkg.license = std::string(it->value.GetString(), it->value.GetStringLength());
    } else if (it->value.IsObject()) {
      if (auto url = it->value.FindMember("url");
          url != it->value.MemberEnd() && url->value.IsString()) {
        pkg.license = std::string(url->value.GetString(), url->value.GetStringLength());
      }
    }
  }
  return true;
}

std::vector<NpmPackage> listNodePackages(const FsRoot& root, const std::string& directory,
                                         int64_t max_depth) {
  std::vector<NpmPackage> out;
  std::set<std::pair<dev_t, ino_t>> visited;
  std::vector<std::pair<std::string, int64_t>> pending{{directory, 0}};
  while (!pending.empty()) {
    auto [dir, depth] = std::move(pending.back());
    pending.pop_back();
    struct stat st {};
    if (::stat(root.real(dir).c_str(), &st) != 0 || !visited.emplace(st.st_dev, st.st_ino).second) {
      continue;
    }
    const std::string modules = (dir == "/" ? "" : dir) + "/node_modules";
    std::vector<std::string> package_dirs;
    for (const auto& entry : listDirectory(root.real(modules))) {
      if (entry.front() == '@') {
        for (const auto& scoped : listDirectory(root.real(modules + "/" + entry))) {
          package_dirs.push_back(modules + "/" + entry + "/" + scoped);
        }
      } else if (entry.front() != '.') {
        package_dirs.push_back(modules + "/" + entry);
      }
    }
    for (const auto& package_dir : package_dirs) {
      const std::string manifest = package_dir + "/package.json";
      auto text = readFile(root.real(manifest), 16u << 20);
      if (!text) continue;
      NpmPackage pkg;
      parsePackageJson(*text, pkg);
      pkg.path = manifest;
      pkg.directory = directory;
      pkg.depth = depth;
      out.push_back(std::move(pkg));
      if ((max_depth < 0 || depth < max_depth) &&
          isDirectory(root.real(package_dir + "/node_modules"))) {
        pending.emplace_back(package_dir, depth + 1);
      }
    }
  }
  return out;
}

std::vector<std::string> defaultNodeDirectories(const FsRoot& root) {
  std::vector<std::string> out;
  for (const char* pattern : {"/usr/local/lib", "/opt/homebrew/lib", "/usr/lib",
                              "/home/*/.npm-global/lib", "/home/*/.nvm/versions/node/*/lib"}) {
    for (auto& d : root.glob(pattern, true)) {
      if (isDirectory(root.real(d + "/node_modules"))) out.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace oqm_packages
