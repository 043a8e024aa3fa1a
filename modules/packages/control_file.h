// control_file.h: deb822 "control" syntax (deb-control(5)), the format of the dpkg status
// file, apt's *.sources files and repository Release files: paragraphs separated by blank
// lines, each a list of "Field: value" with continuation lines that start with a space or tab.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oqm_packages {

// One paragraph: views into the parsed text, which must outlive it. Parsing copies nothing,
// so the thousands of paragraphs of a dpkg status file cost one pass over the text.
class Paragraph {
 public:
  // The value of `field` (names compare case-insensitively, as deb822 says); for a multi-line
  // field, the first line's value and each continuation line (trimmed) joined by '\n'.
  std::optional<std::string> get(std::string_view field) const;
  // Only the value on the field's own line (the synopsis of a multi-line field).
  std::optional<std::string> firstLine(std::string_view field) const;

  bool empty() const { return fields_.empty(); }
  size_t size() const { return fields_.size(); }

 private:
  template <typename Visit>
  friend void forEachParagraph(std::string_view text, Visit&& visit);
  friend std::vector<Paragraph> parseControl(std::string_view text);

  // Adds a line (a field or a continuation); returns false if it is neither.
  void addLine(std::string_view line);
  void clear() { fields_.clear(); }

  // name, and the raw value: from after the ':' to the end of the last continuation line.
  std::vector<std::pair<std::string_view, std::string_view>> fields_;
};

// Parses every paragraph of `text`. Lines starting with '#' are comments (allowed in apt's
// .sources files; never at column 0 in dpkg's files), lines without a ':' that are not
// continuations are ignored.
std::vector<Paragraph> parseControl(std::string_view text);

// Calls `visit(const Paragraph&)` for each paragraph without building the list; `visit`
// returns false to stop.
template <typename Visit>
void forEachParagraph(std::string_view text, Visit&& visit) {
  size_t pos = 0;
  Paragraph current;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      if (!current.empty()) {
        if (!visit(static_cast<const Paragraph&>(current))) return;
        current.clear();
      }
      continue;
    }
    current.addLine(line);
  }
  if (!current.empty()) visit(static_cast<const Paragraph&>(current));
}

// The signed text of an OpenPGP clear-signed message (InRelease), or `text` itself when it is
// not signed.
std::string_view stripClearSignature(std::string_view text);

}  // namespace oqm_packages
