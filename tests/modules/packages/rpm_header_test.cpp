#include "rpm_header.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "test_util.h"

using namespace oqm_packages;
using oqm_packages_test::host;
using oqm_packages_test::TempDir;

namespace {

// Builds a stored header (headerExport layout) from tags, as rpm writes them: big-endian
// index entries, strings NUL-terminated, integers aligned to their size in the data store.
class HeaderBuilder {
 public:
  HeaderBuilder& text(uint32_t tag, const std::string& value, uint32_t type = 6) {
    add(tag, type, 1, 1, std::vector<uint8_t>(value.begin(), value.end()), true);
    return *this;
  }
  HeaderBuilder& int32(uint32_t tag, uint32_t value) {
    add(tag, 4, 1, 4,
        {uint8_t(value >> 24), uint8_t(value >> 16), uint8_t(value >> 8), uint8_t(value)}, false);
    return *this;
  }
  HeaderBuilder& int64(uint32_t tag, uint64_t value) {
    std::vector<uint8_t> bytes;
    for (int shift = 56; shift >= 0; shift -= 8) bytes.push_back(uint8_t(value >> shift));
    add(tag, 5, 1, 8, bytes, false);
    return *this;
  }
  std::vector<uint8_t> build() const {
    std::vector<uint8_t> out;
    put(out, static_cast<uint32_t>(index_.size() / 16));
    put(out, static_cast<uint32_t>(store_.size()));
    out.insert(out.end(), index_.begin(), index_.end());
    out.insert(out.end(), store_.begin(), store_.end());
    return out;
  }

 private:
  static void put(std::vector<uint8_t>& out, uint32_t v) {
    out.insert(out.end(), {uint8_t(v >> 24), uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v)});
  }
  void add(uint32_t tag, uint32_t type, uint32_t count, size_t align,
           const std::vector<uint8_t>& data, bool nul) {
    while (store_.size() % align != 0) store_.push_back(0);
    put(index_, tag);
    put(index_, type);
    put(index_, static_cast<uint32_t>(store_.size()));
    put(index_, count);
    store_.insert(store_.end(), data.begin(), data.end());
    if (nul) store_.push_back(0);
  }
  std::vector<uint8_t> index_, store_;
};

std::vector<uint8_t> bashHeader() {
  return HeaderBuilder()
      .text(kRpmTagName, "bash")
      .int32(kRpmTagEpoch, 1)
      .text(kRpmTagVersion, "5.1.8")
      .text(kRpmTagRelease, "9.el9")
      .text(kRpmTagSha1Header, "0123456789abcdef0123456789abcdef01234567")
      .int32(kRpmTagInstallTime, 1700000000)
      .int32(kRpmTagSize, 7738634)
      .text(kRpmTagVendor, "Red Hat, Inc.")
      .text(kRpmTagGroup, "Unspecified", 9)
      .text(kRpmTagArch, "x86_64")
      .text(kRpmTagSourceRpm, "bash-5.1.8-9.el9.src.rpm")
      .build();
}

TEST(RpmHeader, AllColumns) {
  auto blob = bashHeader();
  auto pkg = parseRpmHeader(blob.data(), blob.size());
  ASSERT_TRUE(pkg.has_value());
  EXPECT_EQ(pkg->name, "bash");
  EXPECT_EQ(pkg->version, "5.1.8");
  EXPECT_EQ(pkg->release, "9.el9");
  EXPECT_EQ(pkg->epoch, 1);
  EXPECT_EQ(pkg->source, "bash-5.1.8-9.el9.src.rpm");
  EXPECT_EQ(pkg->size, 7738634);
  EXPECT_EQ(pkg->sha1, "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(pkg->arch, "x86_64");
  EXPECT_EQ(pkg->install_time, 1700000000);
  EXPECT_EQ(pkg->vendor, "Red Hat, Inc.");
  EXPECT_EQ(pkg->package_group, "Unspecified");
}

TEST(RpmHeader, MissingTagsAndLongSize) {
  auto blob =
      HeaderBuilder().text(kRpmTagName, "big").int64(kRpmTagLongSize, 5000000000ull).build();
  auto pkg = parseRpmHeader(blob.data(), blob.size());
  ASSERT_TRUE(pkg.has_value());
  EXPECT_EQ(pkg->size, 5000000000ll);
  EXPECT_FALSE(pkg->epoch.has_value());
  EXPECT_FALSE(pkg->version.has_value());
}

TEST(RpmHeader, MalformedBlobsAreRejected) {
  auto blob = bashHeader();
  EXPECT_FALSE(parseRpmHeader(blob.data(), 7).has_value());
  EXPECT_FALSE(parseRpmHeader(blob.data(), blob.size() - 1).has_value());  // truncated store
  auto nameless = HeaderBuilder().text(kRpmTagVersion, "1").build();
  EXPECT_FALSE(parseRpmHeader(nameless.data(), nameless.size()).has_value());
  // A string running off the end of the store.
  auto unterminated = HeaderBuilder().text(kRpmTagName, "x").build();
  unterminated.pop_back();
  unterminated[7] -= 1;  // store length one shorter: the NUL is gone
  EXPECT_FALSE(parseRpmHeader(unterminated.data(), unterminated.size()).has_value());
}

void writeRpmDb(const std::string& path, const std::vector<std::vector<uint8_t>>& blobs) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, "
                         "blob BLOB NOT NULL)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  for (const auto& blob : blobs) {
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "INSERT INTO Packages (blob) VALUES (?)", -1, &stmt, nullptr),
              SQLITE_OK);
    sqlite3_bind_blob(stmt, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
}

TEST(RpmSqliteDb, ReadsEveryWellFormedHeader) {
  TempDir dir;
  auto other = HeaderBuilder().text(kRpmTagName, "glibc").text(kRpmTagVersion, "2.34").build();
  writeRpmDb(dir.path() + "/rpmdb.sqlite", {bashHeader(), {1, 2, 3}, other});
  auto pkgs = readRpmSqliteDb(dir.path());
  ASSERT_EQ(pkgs.size(), 2u);
  EXPECT_EQ(pkgs[0].name, "bash");
  EXPECT_EQ(pkgs[1].name, "glibc");
}

TEST(RpmSqliteDb, NoDatabaseIsZeroPackages) {
  TempDir dir;
  EXPECT_TRUE(readRpmSqliteDb(dir.path()).empty());
  EXPECT_TRUE(readRpmSqliteDb(dir.path() + "/missing").empty());
}

TEST(RpmSqliteDb, NotAnRpmDatabaseIsAnError) {
  TempDir dir;
  dir.write("rpmdb.sqlite", "this is not sqlite");
  EXPECT_THROW(readRpmSqliteDb(dir.path()), std::runtime_error);
}

TEST(RpmPackagesTable, HostWithoutDatabaseHasNoRows) {
  for (const char* d : kRpmDbDirs) {
    if (access((std::string(d) + "/rpmdb.sqlite").c_str(), F_OK) == 0) {
      GTEST_SKIP() << "this host has an rpm database";
    }
  }
  EXPECT_TRUE(host().query("rpm_packages").empty());
}

}  // namespace
