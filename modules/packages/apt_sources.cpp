#include "apt_sources.h"

#include <algorithm>

#include "control_file.h"
#include "fs_root.h"
#include "text.h"

namespace oqm_packages {
namespace {

std::string withoutTrailingSlashes(std::string_view uri) {
  while (!uri.empty() && uri.back() == '/') uri.remove_suffix(1);
  return std::string(uri);
}

// A source for `uri` and `suite`; std::nullopt when the URI has no scheme.
std::optional<AptSource> makeSource(std::string_view uri, std::string_view suite) {
  size_t scheme = uri.find("://");
  if (scheme == std::string_view::npos || suite.empty()) return std::nullopt;
  AptSource s;
  s.base_uri = withoutTrailingSlashes(uri);
  if (s.base_uri.size() <= scheme + 3) return std::nullopt;
  s.name = s.base_uri.substr(scheme + 3) + " " + std::string(suite);
  s.suite = std::string(suite);
  return s;
}

}  // namespace

std::vector<AptSource> parseOneLineSources(std::string_view text) {
  std::vector<AptSource> out;
  for (std::string_view line : lines(text)) {
    line = line.substr(0, line.find('#'));
    std::vector<std::string_view> words = splitAny(line, " \t");
    if (words.empty() || words[0] != "deb") continue;
    size_t i = 1;
    // Options: "[arch=amd64 signed-by=/usr/share/keyrings/x.gpg]", possibly spaced out.
    if (i < words.size() && words[i].front() == '[') {
      while (i < words.size() && words[i].find(']') == std::string_view::npos) ++i;
      ++i;
    }
    if (i + 1 >= words.size()) continue;
    if (auto s = makeSource(words[i], words[i + 1])) out.push_back(std::move(*s));
  }
  return out;
}

std::vector<AptSource> parseDeb822Sources(std::string_view text) {
  std::vector<AptSource> out;
  forEachParagraph(text, [&](const Paragraph& p) {
    auto types = p.get("Types");
    if (!types) return true;
    auto type_list = splitAny(*types, " \t\n");
    if (std::find(type_list.begin(), type_list.end(), "deb") == type_list.end()) return true;
    if (auto enabled = p.get("Enabled"); enabled && iequals(*enabled, "no")) return true;
    auto uris = p.get("URIs");
    auto suites = p.get("Suites");
    if (!uris || !suites) return true;
    for (std::string_view uri : splitAny(*uris, " \t\n")) {
      for (std::string_view suite : splitAny(*suites, " \t\n")) {
        if (auto s = makeSource(uri, suite)) out.push_back(std::move(*s));
      }
    }
    return true;
  });
  return out;
}

std::string releaseListPrefix(const AptSource& source) {
  // apt's URItoFileName: drop the scheme and any user:password@, quote what apt quotes, then
  // '/' becomes '_'.
  std::string uri = source.base_uri + "/";
  if (!source.suite.empty() && source.suite.back() == '/') {
    if (source.suite != "./" && source.suite != "/") uri += source.suite;
  } else {
    uri += "dists/" + source.suite + "/";
  }
  size_t scheme = uri.find("://");
  std::string rest = (scheme == std::string::npos) ? uri : uri.substr(scheme + 3);
  size_t slash = rest.find('/');
  size_t at = rest.rfind('@', slash);
  if (at != std::string::npos) rest = rest.substr(at + 1);
  std::string out;
  static constexpr std::string_view kQuoted = "\\|{}[]<>\"^~_=!@#$%^&*";
  for (char c : rest) {
    auto u = static_cast<unsigned char>(c);
    if (kQuoted.find(c) != std::string_view::npos || u <= 0x20 || u >= 0x7f) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else if (c == '/') {
      out += '_';
    } else {
      out += c;
    }
  }
  return out;
}

void applyRelease(std::string_view text, AptSource& source) {
  forEachParagraph(stripClearSignature(text), [&](const Paragraph& p) {
    source.release = p.firstLine("Codename");
    source.version = p.firstLine("Version");
    source.maintainer = p.firstLine("Origin");
    source.components = p.firstLine("Components");
    source.architectures = p.firstLine("Architectures");
    return false;  // the first paragraph is the release; nothing else follows in practice
  });
}

std::vector<AptSource> collectAptSources(const FsRoot& root, const std::string& etc,
                                         const std::string& lists) {
  std::vector<std::pair<std::string, bool>> files;  // path, deb822
  if (isRegularFile(root.real(etc + "/sources.list")))
    files.emplace_back(etc + "/sources.list", false);
  const std::string dir = etc + "/sources.list.d";
  std::vector<std::string> entries = listDirectory(root.real(dir));
  for (const auto& e : entries) {
    if (endsWith(e, ".list")) files.emplace_back(dir + "/" + e, false);
  }
  for (const auto& e : entries) {
    if (endsWith(e, ".sources")) files.emplace_back(dir + "/" + e, true);
  }

  std::vector<AptSource> out;
  for (const auto& [path, deb822] : files) {
    auto text = readFile(root.real(path));
    if (!text) continue;
    for (AptSource& s : deb822 ? parseDeb822Sources(*text) : parseOneLineSources(*text)) {
      s.source = path;
      const std::string prefix = root.real(lists + "/" + releaseListPrefix(s));
      auto release = readFile(prefix + "InRelease");
      if (!release) release = readFile(prefix + "Release");
      if (release) applyRelease(*release, s);
      out.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace oqm_packages
