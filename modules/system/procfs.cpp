#include "procfs.h"

#include <cmath>
#include <cstdlib>

#include "util.h"

namespace oqm_system {

std::vector<KernelModule> parseModules(std::string_view text) {
  std::vector<KernelModule> out;
  for (std::string_view line : lines(text)) {
    auto f = splitAny(line, " \t");
    if (f.size() < 6) continue;
    for (auto& word : f) {
      if (!word.empty() && word.back() == ',') word.remove_suffix(1);
    }
    KernelModule m;
    m.name = std::string(f[0]);
    m.size = toInt(f[1]).value_or(0);
    m.used_by = std::string(f[3]);
    m.status = std::string(f[4]);
    m.address = std::string(f[5]);
    out.push_back(std::move(m));
  }
  return out;
}

std::map<std::string, int64_t> parseMeminfo(std::string_view text) {
  std::map<std::string, int64_t> out;
  for (std::string_view line : lines(text)) {
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    auto words = splitAny(line.substr(colon + 1), " \t");
    if (words.empty()) continue;
    auto value = toInt(words[0]);
    if (!value) continue;
    const bool kb = words.size() > 1 && words[1] == "kB";
    out[std::string(trim(line.substr(0, colon)))] = kb ? *value * 1024 : *value;
  }
  return out;
}

std::vector<CpuTimes> parseCpuTimes(std::string_view text) {
  std::vector<CpuTimes> out;
  for (std::string_view line : lines(text)) {
    auto w = splitAny(line, " \t");
    if (w.size() < 8 || w[0].size() <= 3 || w[0].substr(0, 3) != "cpu") continue;
    auto core = toInt(w[0].substr(3));
    if (!core) continue;
    auto at = [&w](size_t i) -> int64_t { return i < w.size() ? toInt(w[i]).value_or(0) : 0; };
    CpuTimes t;
    t.core = *core;
    t.user = at(1);
    t.nice = at(2);
    t.system = at(3);
    t.idle = at(4);
    t.iowait = at(5);
    t.irq = at(6);
    t.softirq = at(7);
    t.steal = at(8);
    t.guest = at(9);
    t.guest_nice = at(10);
    out.push_back(t);
  }
  return out;
}

std::optional<int64_t> parseUptime(std::string_view text) {
  auto words = splitAny(text, " \t\n");
  if (words.empty()) return std::nullopt;
  std::string first(words[0]);
  char* end = nullptr;
  double seconds = std::strtod(first.c_str(), &end);
  if (end != first.c_str() + first.size() || !std::isfinite(seconds) || seconds < 0) {
    return std::nullopt;
  }
  return static_cast<int64_t>(seconds);
}

std::optional<std::array<double, 3>> parseLoadavg(std::string_view text) {
  auto words = splitAny(text, " \t\n");
  if (words.size() < 3) return std::nullopt;
  std::array<double, 3> out{};
  for (size_t i = 0; i < 3; ++i) {
    std::string word(words[i]);
    char* end = nullptr;
    out[i] = std::strtod(word.c_str(), &end);
    if (end != word.c_str() + word.size()) return std::nullopt;
  }
  return out;
}

namespace {

// Decodes the \ooo escapes the kernel writes for space, tab, newline and backslash.
std::string unescapeOctal(std::string_view text) {
  auto isOct = [](char c) { return c >= '0' && c <= '7'; };
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size() && isOct(text[i + 1]) && isOct(text[i + 2]) &&
        isOct(text[i + 3])) {
      out.push_back(static_cast<char>(((text[i + 1] - '0') << 6) | ((text[i + 2] - '0') << 3) |
                                      (text[i + 3] - '0')));
      i += 3;
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

}  // namespace

std::vector<MountEntry> parseMounts(std::string_view text) {
  std::vector<MountEntry> out;
  for (std::string_view line : lines(text)) {
    std::string_view t = trim(line);
    if (t.empty() || t.front() == '#') continue;
    auto f = splitAny(t, " \t");
    if (f.size() < 3) continue;
    MountEntry m;
    m.device = unescapeOctal(f[0]);
    m.path = unescapeOctal(f[1]);
    m.type = unescapeOctal(f[2]);
    m.flags = f.size() > 3 ? unescapeOctal(f[3]) : std::string();
    out.push_back(std::move(m));
  }
  return out;
}

KernelCmdline parseCmdline(std::string_view text) {
  KernelCmdline out;
  for (std::string_view word : splitAny(text, " \t\n")) {
    if (word.substr(0, 11) == "BOOT_IMAGE=") {
      out.path = std::string(word.substr(11));
    } else if (word.substr(0, 5) == "root=") {
      out.device = std::string(word.substr(5));
    } else {
      if (!out.arguments.empty()) out.arguments.push_back(' ');
      out.arguments.append(word);
    }
  }
  return out;
}

std::optional<std::string> parseProcVersion(std::string_view text) {
  auto words = splitAny(text, " \t\n");
  if (words.size() > 2 && words[1] == "version") return std::string(words[2]);
  return std::nullopt;
}

std::vector<KernelKey> parseKeys(std::string_view text) {
  std::vector<KernelKey> out;
  for (std::string_view line : lines(text)) {
    // Eight leading fields, then the description (which may itself hold spaces).
    std::string_view rest = trim(line);
    std::string_view fields[8];
    size_t n = 0;
    for (; n < 8 && !rest.empty(); ++n) {
      size_t end = rest.find_first_of(" \t");
      fields[n] = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : trim(rest.substr(end));
    }
    if (n < 8) continue;
    auto usage = toInt(fields[2]);
    auto uid = toInt(fields[5]);
    auto gid = toInt(fields[6]);
    if (!usage || !uid || !gid) continue;
    KernelKey k;
    k.serial_number = std::string(fields[0]);
    k.flags = std::string(fields[1]);
    k.usage = *usage;
    k.timeout = std::string(fields[3]);
    k.permissions = std::string(fields[4]);
    k.uid = *uid;
    k.gid = *gid;
    k.type = std::string(fields[7]);
    k.description = std::string(rest);
    out.push_back(std::move(k));
  }
  return out;
}

std::vector<SharedMemorySegment> parseSysvShm(std::string_view text) {
  std::vector<SharedMemorySegment> out;
  for (std::string_view line : lines(text)) {
    auto f = splitAny(line, " \t");
    if (f.size() < 14) continue;
    int64_t v[14];
    bool ok = true;
    for (size_t i = 0; i < 14 && ok; ++i) {
      if (i == 2) continue;
      auto n = toInt(f[i]);
      ok = n.has_value();
      v[i] = n.value_or(0);
    }
    uint32_t mode = 0;
    for (char c : f[2]) {
      if (c < '0' || c > '7') ok = false;
      mode = mode * 8 + static_cast<uint32_t>(c - '0');
    }
    if (!ok) continue;  // the header line, or something that is not a segment
    SharedMemorySegment s;
    s.key = v[0];
    s.shmid = v[1];
    s.mode = mode;
    s.size = v[3];
    s.creator_pid = v[4];
    s.last_pid = v[5];
    s.attached = v[6];
    s.uid = v[7];
    s.gid = v[8];
    s.creator_uid = v[9];
    s.creator_gid = v[10];
    s.atime = v[11];
    s.dtime = v[12];
    s.ctime = v[13];
    out.push_back(s);
  }
  return out;
}

std::string octalPermissions(uint32_t mode) {
  std::string out(4, '0');
  for (int i = 3; i >= 0; --i) {
    out[static_cast<size_t>(i)] = static_cast<char>('0' + (mode & 7));
    mode >>= 3;
  }
  return out;
}

}  // namespace oqm_system
