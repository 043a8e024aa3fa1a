#include "rpm_header.h"

#include <sqlite3.h>

#include <memory>
#include <stdexcept>

#include "text.h"

namespace oqm_packages {
namespace {

// rpm's tag value types (rpmTagType).
enum : uint32_t {
  kTypeInt16 = 3,
  kTypeInt32 = 4,
  kTypeInt64 = 5,
  kTypeString = 6,
  kTypeStringArray = 8,
  kTypeI18nString = 9,
};

uint32_t be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

struct HeaderView {
  const uint8_t* index;
  uint32_t entries;
  const uint8_t* store;
  uint32_t store_size;

  // The entry for `tag`: {type, offset, count}; false when absent or out of bounds.
  bool find(uint32_t tag, uint32_t& type, uint32_t& offset, uint32_t& count) const {
    for (uint32_t i = 0; i < entries; ++i) {
      const uint8_t* e = index + 16u * i;
      if (be32(e) != tag) continue;
      type = be32(e + 4);
      offset = be32(e + 8);
      count = be32(e + 12);
      return offset < store_size;
    }
    return false;
  }

  // A STRING, or the first string of an I18NSTRING / STRING_ARRAY.
  std::optional<std::string> text(uint32_t tag) const {
    uint32_t type, offset, count;
    if (!find(tag, type, offset, count)) return std::nullopt;
    if (type != kTypeString && type != kTypeI18nString && type != kTypeStringArray) {
      return std::nullopt;
    }
    const char* begin = reinterpret_cast<const char*>(store + offset);
    size_t max = store_size - offset;
    size_t n = 0;
    while (n < max && begin[n] != '\0') ++n;
    if (n == max) return std::nullopt;  // unterminated: corrupt
    return std::string(begin, n);
  }

  std::optional<int64_t> number(uint32_t tag) const {
    uint32_t type, offset, count;
    if (!find(tag, type, offset, count) || count == 0) return std::nullopt;
    const uint8_t* p = store + offset;
    size_t left = store_size - offset;
    switch (type) {
      case kTypeInt16:
        if (left < 2) return std::nullopt;
        return static_cast<int64_t>((uint32_t{p[0]} << 8) | p[1]);
      case kTypeInt32:
        if (left < 4) return std::nullopt;
        return static_cast<int64_t>(be32(p));
      case kTypeInt64:
        if (left < 8) return std::nullopt;
        return static_cast<int64_t>((uint64_t{be32(p)} << 32) | be32(p + 4));
      default:
        return std::nullopt;
    }
  }
};

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementCloser {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

}  // namespace

std::optional<RpmPackage> parseRpmHeader(const uint8_t* data, size_t size) {
  if (data == nullptr || size < 8) return std::nullopt;
  uint32_t entries = be32(data);
  uint32_t store_size = be32(data + 4);
  // rpm's own limits (HEADER_TAGS_MAX, HEADER_DATA_MAX) keep these sane.
  if (entries == 0 || entries > 0xffff || store_size > (256u << 20)) return std::nullopt;
  uint64_t needed = 8 + uint64_t{entries} * 16 + store_size;
  if (needed > size) return std::nullopt;
  HeaderView h{data + 8, entries, data + 8 + size_t{entries} * 16, store_size};

  auto name = h.text(kRpmTagName);
  if (!name || name->empty()) return std::nullopt;
  RpmPackage pkg;
  pkg.name = std::move(*name);
  pkg.version = h.text(kRpmTagVersion);
  pkg.release = h.text(kRpmTagRelease);
  pkg.source = h.text(kRpmTagSourceRpm);
  pkg.size = h.number(kRpmTagSize);
  if (!pkg.size) pkg.size = h.number(kRpmTagLongSize);
  pkg.sha1 = h.text(kRpmTagSha1Header);
  pkg.arch = h.text(kRpmTagArch);
  pkg.epoch = h.number(kRpmTagEpoch);
  pkg.install_time = h.number(kRpmTagInstallTime);
  pkg.vendor = h.text(kRpmTagVendor);
  pkg.package_group = h.text(kRpmTagGroup);
  return pkg;
}

std::vector<RpmPackage> readRpmSqliteDb(const std::string& dir) {
  const std::string path = dir + "/rpmdb.sqlite";
  std::vector<RpmPackage> out;
  if (!isRegularFile(path)) return out;

  // Read-only; rpm keeps the database in WAL mode, which a reader without write access to the
  // directory can only open as immutable (then it sees the last checkpoint).
  std::unique_ptr<sqlite3, SqliteCloser> db;
  for (const char* options : {"?mode=ro", "?mode=ro&immutable=1"}) {
    sqlite3* raw = nullptr;
    std::string uri = "file:" + path + options;
    int rc = sqlite3_open_v2(uri.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    db.reset(raw);
    if (rc != SQLITE_OK) continue;
    sqlite3_busy_timeout(raw, 1000);
    sqlite3_stmt* probe = nullptr;
    rc = sqlite3_prepare_v2(raw, "SELECT blob FROM Packages", -1, &probe, nullptr);
    sqlite3_finalize(probe);
    if (rc == SQLITE_OK) break;
    db.reset();
  }
  if (!db) throw std::runtime_error("cannot read the rpm database " + path);

  sqlite3_stmt* raw_stmt = nullptr;
  if (sqlite3_prepare_v2(db.get(), "SELECT blob FROM Packages ORDER BY hnum", -1, &raw_stmt,
                         nullptr) != SQLITE_OK) {
    throw std::runtime_error("cannot read the rpm database " + path + ": " +
                             sqlite3_errmsg(db.get()));
  }
  std::unique_ptr<sqlite3_stmt, StatementCloser> stmt(raw_stmt);
  int rc;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    const void* blob = sqlite3_column_blob(stmt.get(), 0);
    int n = sqlite3_column_bytes(stmt.get(), 0);
    if (blob == nullptr || n <= 0) continue;
    if (auto pkg = parseRpmHeader(static_cast<const uint8_t*>(blob), static_cast<size_t>(n))) {
      out.push_back(std::move(*pkg));
    }
  }
  if (rc != SQLITE_DONE) {
    throw std::runtime_error("error reading the rpm database " + path + ": " +
                             sqlite3_errmsg(db.get()));
  }
  return out;
}

}  // namespace oqm_packages
