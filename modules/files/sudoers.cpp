// osquery semantics: osquery/tables/system/posix/sudoers.cpp. sudo 1.9's "@include" and
// "@includedir" spellings are handled like the "#" ones (osquery would report them as rules
// with the header "@includedir").
#include "sudoers.h"

#include <algorithm>
#include <string_view>

#include "path_glob.h"
#include "text_util.h"

namespace oqm_files {
namespace {

// sudoers(5): no more than 128 files may be nested.
constexpr int kMaxNesting = 128;

// "#includedir DIR" / "@includedir DIR" -> DIR in `argument`; same for include.
bool includeDirective(std::string_view line, std::string_view keyword, std::string_view& argument) {
  if (line.size() < 1 + keyword.size() || (line[0] != '#' && line[0] != '@')) return false;
  if (line.substr(1, keyword.size()) != keyword) return false;
  std::string_view rest = line.substr(1 + keyword.size());
  if (rest.empty() || (rest[0] != ' ' && rest[0] != '\t')) return false;
  argument = trim(rest);
  return !argument.empty();
}

void readFile(const std::string& path, int level, std::vector<SudoersRule>& out) {
  if (level > kMaxNesting) return;
  auto text = readTextFile(path);
  if (!text) return;
  for (std::string_view raw : splitAny(*text, "\n")) {
    std::string_view line = trim(raw);
    if (line.empty()) continue;
    std::string_view argument;
    if (includeDirective(line, "includedir", argument)) {
      std::string dir(argument);
      out.push_back({path, "includedir", dir});
      std::vector<std::string> files;
      listDirectory(dir, [&](const FoundEntry& entry) {
        std::string_view name(entry.name);
        if (!entry.is_dir && name.find('.') == std::string_view::npos && name.back() != '~') {
          files.push_back(entry.path);
        }
        return true;
      });
      std::sort(files.begin(), files.end());
      for (const auto& file : files) readFile(file, level + 1, out);
    } else if (includeDirective(line, "include", argument)) {
      std::string file(argument);
      if (file[0] != '/') file = parentPath(path) + "/" + file;
      out.push_back({path, "include", file});
      readFile(file, level + 1, out);
    } else if (line[0] != '#') {
      auto words = splitAny(line);
      out.push_back({path, std::string(words[0]), join(words, " ", 1)});
    }
  }
}

}  // namespace

std::vector<SudoersRule> readSudoers(const std::string& path) {
  std::vector<SudoersRule> out;
  readFile(path, 1, out);
  return out;
}

void SudoersTable::generate(const oqm::Query&, oqm::Rows& rows) {
  for (const auto& rule : readSudoers()) {
    if (rows.done()) return;
    rows.add()
        .set("source", rule.source)
        .set("header", rule.header)
        .set("rule_details", rule.rule_details);
  }
}

}  // namespace oqm_files
