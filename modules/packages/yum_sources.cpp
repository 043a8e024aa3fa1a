#include "yum_sources.h"

#include "fs_root.h"
#include "text.h"

namespace oqm_packages {
namespace {

std::optional<std::string>* fieldOf(YumSource& repo, std::string_view key) {
  if (key == "name") return &repo.name;
  if (key == "baseurl") return &repo.baseurl;
  if (key == "mirrorlist") return &repo.mirrorlist;
  if (key == "metalink") return &repo.metalink;
  if (key == "enabled") return &repo.enabled;
  if (key == "gpgcheck") return &repo.gpgcheck;
  if (key == "gpgkey") return &repo.gpgkey;
  return nullptr;
}

}  // namespace

YumFile parseYumFile(std::string_view text) {
  YumFile out;
  YumSource* repo = nullptr;  // the section being read; nullptr for [main] and before any
  bool in_main = false;
  std::optional<std::string>* last = nullptr;  // the value a continuation line extends
  for (std::string_view raw : lines(text)) {
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (raw.front() == ' ' || raw.front() == '\t') {
      if (last != nullptr && last->has_value()) {
        (*last)->push_back(' ');
        (*last)->append(line);
      }
      continue;
    }
    last = nullptr;
    if (line.front() == '[') {
      size_t close = line.find(']');
      std::string section(
          trim(line.substr(1, close == std::string_view::npos ? line.npos : close - 1)));
      in_main = (section == "main");
      repo = nullptr;
      if (!in_main) {
        out.repos.push_back(YumSource{});
        repo = &out.repos.back();
        repo->section = std::move(section);
      }
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = trim(line.substr(0, eq));
    std::string value(trim(line.substr(eq + 1)));
    if (in_main && key == "reposdir") {
      out.reposdir = std::move(value);
    } else if (repo != nullptr) {
      if (auto* field = fieldOf(*repo, key)) {
        *field = std::move(value);
        last = field;
      }
    }
  }
  return out;
}

std::vector<YumSource> collectYumSources(const FsRoot& root, const std::string& conf) {
  std::vector<YumSource> out;
  std::string reposdirs = "/etc/yum.repos.d";
  auto append = [&out](const std::string& path, YumFile file) {
    for (auto& repo : file.repos) {
      repo.source = path;
      out.push_back(std::move(repo));
    }
  };
  if (auto text = readFile(root.real(conf))) {
    YumFile file = parseYumFile(*text);
    if (file.reposdir) reposdirs = *file.reposdir;
    append(conf, std::move(file));
  }
  // reposdir may list several directories, separated by spaces or commas.
  for (std::string_view dir : splitAny(reposdirs, " \t,")) {
    std::string d(dir);
    while (d.size() > 1 && d.back() == '/') d.pop_back();
    for (const auto& entry : listDirectory(root.real(d))) {
      if (!endsWith(entry, ".repo")) continue;
      const std::string path = d + "/" + entry;
      if (auto text = readFile(root.real(path))) append(path, parseYumFile(*text));
    }
  }
  return out;
}

}  // namespace oqm_packages
