#include "dpkg_status.h"

#include <algorithm>

#include "control_file.h"
#include "text.h"

namespace oqm_packages {

std::string debianRevision(std::string_view version) {
  size_t dash = version.rfind('-');
  if (dash == std::string_view::npos) return "";
  return std::string(version.substr(dash + 1));
}

std::vector<DebPackage> parseDpkgStatus(std::string_view text) {
  std::vector<DebPackage> out;
  forEachParagraph(text, [&](const Paragraph& p) {
    auto name = p.firstLine("Package");
    auto status = p.firstLine("Status");
    if (!name || name->empty() || !status) return true;
    auto words = splitAny(*status, " \t");
    if (words.size() < 3 || words[2] == "not-installed") return true;
    DebPackage pkg;
    pkg.name = std::move(*name);
    pkg.version = p.firstLine("Version").value_or("");
    pkg.source = p.firstLine("Source");
    if (auto size = p.firstLine("Installed-Size")) pkg.size = toInt(*size);
    pkg.arch = p.firstLine("Architecture");
    pkg.revision = debianRevision(pkg.version);
    pkg.status = std::move(*status);
    pkg.maintainer = p.firstLine("Maintainer");
    pkg.section = p.firstLine("Section");
    pkg.priority = p.firstLine("Priority");
    out.push_back(std::move(pkg));
    return true;
  });
  std::stable_sort(out.begin(), out.end(), [](const DebPackage& a, const DebPackage& b) {
    if (a.name != b.name) return a.name < b.name;
    return a.arch.value_or("") < b.arch.value_or("");
  });
  return out;
}

std::vector<DebPackage> readDpkgDatabase(const std::string& admindir) {
  auto text = readFile(admindir + "/status");
  if (!text) return {};
  return parseDpkgStatus(*text);
}

}  // namespace oqm_packages
