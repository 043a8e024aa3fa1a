#include "os_release.h"

#include <regex>

#include "util.h"

namespace oqm_system {
namespace {

// Removes the quotes around an os-release value and undoes its backslash escapes.
std::string unquote(std::string_view value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front()) {
    const char quote = value.front();
    value = value.substr(1, value.size() - 2);
    std::string out;
    out.reserve(value.size());
    for (size_t i = 0; i < value.size(); ++i) {
      if (quote == '"' && value[i] == '\\' && i + 1 < value.size()) {
        out.push_back(value[++i]);
      } else {
        out.push_back(value[i]);
      }
    }
    return out;
  }
  return std::string(value);
}

}  // namespace

void applyOsRelease(std::string_view text, OsVersion& out) {
  for (std::string_view line : lines(text)) {
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    std::string_view key = trim(line.substr(0, eq));
    std::string value = unquote(trim(line.substr(eq + 1)));
    if (key == "NAME") {
      out.name = value;
    } else if (key == "VERSION") {
      out.version = value;
    } else if (key == "BUILD_ID") {
      out.build = value;
    } else if (key == "ID") {
      out.platform = value;
    } else if (key == "ID_LIKE") {
      out.platform_like = value;
    } else if (key == "VERSION_ID") {
      out.version_id = value;
      // At most three parts; "1.2.3.4" leaves "3.4" in patch, as osquery does.
      std::string_view rest = *out.version_id;
      std::string* parts[] = {&out.major, &out.minor, &out.patch};
      for (size_t i = 0; i < 3 && !rest.empty(); ++i) {
        size_t dot = (i < 2) ? rest.find('.') : std::string_view::npos;
        *parts[i] = std::string(rest.substr(0, dot));
        rest = (dot == std::string_view::npos) ? std::string_view() : rest.substr(dot + 1);
      }
    } else if (key.find("CODENAME") != std::string_view::npos) {
      // VERSION_CODENAME, or a distribution's own (UBUNTU_CODENAME, ...).
      out.codename = value;
    }
  }
}

OsVersion parseOsRelease(std::string_view text) {
  OsVersion v;
  applyOsRelease(text, v);
  return v;
}

void applyLegacyRelease(std::string_view text, OsVersion& out) {
  // Runs of whitespace collapsed to one space, the ends trimmed (boost::trim_all).
  std::string content = oqm_support::join(splitAny(text), " ");
  static const std::regex rx(R"(([\w+\s]+) .* ([0-9]+)\.([0-9]+)\.?(\w+)?)");
  std::smatch m;
  if (std::regex_search(content, m, rx)) {
    out.name = m[1].str();
    out.major = m[2].str();
    out.minor = m[3].str();
    out.patch = m[4].matched && m[4].length() > 0 ? m[4].str() : "0";
  }
  out.version = content;
  out.build = "";
  if (out.platform.empty() && oqm_support::toLower(out.name).find("centos") != std::string::npos) {
    out.platform = "centos";
  }
}

OsVersion parseOsVersionDir(const std::string& dir, const std::string& fallback_os_release) {
  OsVersion v;
  auto os_release = readFile(dir + "/os-release");
  if (!os_release && !fallback_os_release.empty()) os_release = readFile(fallback_os_release);
  if (os_release && !os_release->empty()) applyOsRelease(*os_release, v);
  if (auto oracle = readFile(dir + "/oracle-release")) {
    // Oracle Linux also ships redhat-release; its os-release platform (ol) is kept.
    applyLegacyRelease(*oracle, v);
  } else if (auto redhat = readFile(dir + "/redhat-release")) {
    v.platform = "rhel";
    v.platform_like = "rhel";
    applyLegacyRelease(*redhat, v);
  } else if (auto gentoo = readFile(dir + "/gentoo-release")) {
    v.platform = "gentoo";
    v.platform_like = "gentoo";
    applyLegacyRelease(*gentoo, v);
  }
  return v;
}

}  // namespace oqm_system
