#include "kernel/collations.h"

#include <sqlite3.h>

#include <cctype>
#include <string>

namespace oqk {
namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isAlpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool isAlnum(char c) {
  return isDigit(c) || isAlpha(c);
}

int sign(long v) {
  return v < 0 ? -1 : (v > 0 ? 1 : 0);
}

// Compares two digit runs by value (leading zeros ignored) without overflow.
int compareNumbers(std::string_view a, std::string_view b) {
  while (!a.empty() && a.front() == '0') a.remove_prefix(1);
  while (!b.empty() && b.front() == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return sign(a.compare(b));
}

// dpkg's character order: '~' before everything (even the end), letters before non-letters.
int dpkgOrder(char c) {
  if (isDigit(c)) return 0;
  if (isAlpha(c)) return c;
  if (c == '~') return -1;
  if (c != '\0') return c + 256;
  return 0;
}

int dpkgPartCompare(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    int first_diff = 0;
    while ((i < a.size() && !isDigit(a[i])) || (j < b.size() && !isDigit(b[j]))) {
      int ac = dpkgOrder(i < a.size() ? a[i] : '\0');
      int bc = dpkgOrder(j < b.size() ? b[j] : '\0');
      if (ac != bc) return ac < bc ? -1 : 1;
      ++i;
      ++j;
    }
    while (i < a.size() && a[i] == '0') ++i;
    while (j < b.size() && b[j] == '0') ++j;
    while (i < a.size() && isDigit(a[i]) && j < b.size() && isDigit(b[j])) {
      if (first_diff == 0) first_diff = a[i] - b[j];
      ++i;
      ++j;
    }
    if (i < a.size() && isDigit(a[i])) return 1;
    if (j < b.size() && isDigit(b[j])) return -1;
    if (first_diff != 0) return sign(first_diff);
  }
  return 0;
}

struct DebianVersion {
  std::string_view epoch, upstream, revision;
};

DebianVersion splitDebian(std::string_view v) {
  DebianVersion d;
  if (auto colon = v.find(':'); colon != std::string_view::npos) {
    d.epoch = v.substr(0, colon);
    v.remove_prefix(colon + 1);
  }
  if (auto dash = v.rfind('-'); dash != std::string_view::npos) {
    d.revision = v.substr(dash + 1);
    v = v.substr(0, dash);
  }
  d.upstream = v;
  return d;
}

int rpmSegmentsCompare(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    while (i < a.size() && !isAlnum(a[i]) && a[i] != '~' && a[i] != '^') ++i;
    while (j < b.size() && !isAlnum(b[j]) && b[j] != '~' && b[j] != '^') ++j;
    // '~' sorts before everything, '^' after the end but before anything else.
    bool at = i < a.size() && a[i] == '~', bt = j < b.size() && b[j] == '~';
    if (at || bt) {
      if (!(at && bt)) return at ? -1 : 1;
      ++i;
      ++j;
      continue;
    }
    bool ac = i < a.size() && a[i] == '^', bc = j < b.size() && b[j] == '^';
    if (ac || bc) {
      if (i >= a.size()) return -1;
      if (j >= b.size()) return 1;
      if (!(ac && bc)) return ac ? -1 : 1;
      ++i;
      ++j;
      continue;
    }
    if (i >= a.size() || j >= b.size()) break;
    size_t si = i, sj = j;
    bool numeric = isDigit(a[i]);
    if (numeric) {
      while (i < a.size() && isDigit(a[i])) ++i;
      while (j < b.size() && isDigit(b[j])) ++j;
    } else {
      while (i < a.size() && isAlpha(a[i])) ++i;
      while (j < b.size() && isAlpha(b[j])) ++j;
    }
    std::string_view sa = a.substr(si, i - si), sb = b.substr(sj, j - sj);
    if (sb.empty()) return numeric ? 1 : -1;  // numeric segments are newer than alpha ones
    int c = numeric ? compareNumbers(sa, sb) : sign(sa.compare(sb));
    if (c != 0) return c;
  }
  if (i >= a.size() && j >= b.size()) return 0;
  return i < a.size() ? 1 : -1;
}

template <int (*Compare)(std::string_view, std::string_view)>
int collate(void*, int la, const void* a, int lb, const void* b) {
  return Compare(std::string_view(static_cast<const char*>(a), static_cast<size_t>(la)),
                 std::string_view(static_cast<const char*>(b), static_cast<size_t>(lb)));
}

}  // namespace

int compareVersions(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    while (i < a.size() && !isAlnum(a[i])) ++i;
    while (j < b.size() && !isAlnum(b[j])) ++j;
    if (i >= a.size() || j >= b.size()) break;
    size_t si = i, sj = j;
    while (i < a.size() && isAlnum(a[i]) && isDigit(a[i]) == isDigit(a[si])) ++i;
    while (j < b.size() && isAlnum(b[j]) && isDigit(b[j]) == isDigit(b[sj])) ++j;
    std::string_view sa = a.substr(si, i - si), sb = b.substr(sj, j - sj);
    int c = (isDigit(sa[0]) && isDigit(sb[0])) ? compareNumbers(sa, sb) : sign(sa.compare(sb));
    if (c != 0) return c;
  }
  bool more_a = i < a.size(), more_b = j < b.size();
  return more_a == more_b ? 0 : (more_a ? 1 : -1);
}

int compareDpkgVersions(std::string_view a, std::string_view b) {
  DebianVersion x = splitDebian(a), y = splitDebian(b);
  if (int c = compareNumbers(x.epoch, y.epoch); c != 0) return c;
  if (int c = dpkgPartCompare(x.upstream, y.upstream); c != 0) return c;
  return dpkgPartCompare(x.revision, y.revision);
}

int compareRpmVersions(std::string_view a, std::string_view b) {
  DebianVersion x = splitDebian(a), y = splitDebian(b);  // same [epoch:]version[-release] shape
  if (int c = compareNumbers(x.epoch, y.epoch); c != 0) return c;
  if (int c = rpmSegmentsCompare(x.upstream, y.upstream); c != 0) return c;
  return rpmSegmentsCompare(x.revision, y.revision);
}

void registerVersionCollations(sqlite3* db) {
  sqlite3_create_collation_v2(db, "version", SQLITE_UTF8, nullptr, &collate<compareVersions>,
                              nullptr);
  sqlite3_create_collation_v2(db, "version_dpkg", SQLITE_UTF8, nullptr,
                              &collate<compareDpkgVersions>, nullptr);
  sqlite3_create_collation_v2(db, "version_rhel", SQLITE_UTF8, nullptr,
                              &collate<compareRpmVersions>, nullptr);
}

}  // namespace oqk
