#include "control_file.h"

#include "text.h"

namespace oqm_packages {

std::optional<std::string> Paragraph::get(std::string_view field) const {
  for (const auto& [name, raw] : fields_) {
    if (!iequals(name, field)) continue;
    if (raw.find('\n') == std::string_view::npos) return std::string(trim(raw));
    std::string value;
    bool first = true;
    for (std::string_view line : lines(raw)) {
      if (!first) value.push_back('\n');
      value.append(trim(line));
      first = false;
    }
    return value;
  }
  return std::nullopt;
}

std::optional<std::string> Paragraph::firstLine(std::string_view field) const {
  for (const auto& [name, raw] : fields_) {
    if (iequals(name, field)) return std::string(trim(raw.substr(0, raw.find('\n'))));
  }
  return std::nullopt;
}

void Paragraph::addLine(std::string_view line) {
  if (line.front() == '#') return;
  if (line.front() == ' ' || line.front() == '\t') {
    if (fields_.empty()) return;
    // Extend the previous value's view to the end of this line; both lie in the same text.
    std::string_view& raw = fields_.back().second;
    raw = std::string_view(raw.data(), static_cast<size_t>(line.data() + line.size() - raw.data()));
    return;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return;
  fields_.emplace_back(trim(line.substr(0, colon)), line.substr(colon + 1));
}

std::vector<Paragraph> parseControl(std::string_view text) {
  std::vector<Paragraph> out;
  forEachParagraph(text, [&](const Paragraph& p) {
    out.push_back(p);
    return true;
  });
  return out;
}

std::string_view stripClearSignature(std::string_view text) {
  constexpr std::string_view kBegin = "-----BEGIN PGP SIGNED MESSAGE-----";
  constexpr std::string_view kSignature = "-----BEGIN PGP SIGNATURE-----";
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || text.substr(start, kBegin.size()) != kBegin) return text;
  // The armor headers ("Hash: SHA512") end at the first blank line.
  size_t pos = start;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) return {};
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (trim(line).empty()) break;
  }
  size_t end = text.find(kSignature, pos);
  if (end == std::string_view::npos) end = text.size();
  return text.substr(pos, end - pos);
}

}  // namespace oqm_packages
