// acpi_tables: every file under the ACPI tables directory (its subdirectories, "data" and
// "dynamic", included), named by its file name as in osquery; the files are root-only, and an
// unreadable one has size -1 and no md5. smbios_tables: one row per SMBIOS structure, its
// size counting the string set and the terminating double NUL.
#include "firmware_tables.h"

#include "md5.h"
#include "smbios.h"
#include "sysfs.h"

namespace oqm_hardware {

namespace {

void listAcpi(const std::string& dir, int depth, oqm::Rows& rows) {
  for (const std::string& name : listDirectory(dir)) {
    if (rows.done()) return;
    const std::string path = dir + "/" + name;
    if (isDirectory(path)) {
      if (depth < 4) listAcpi(path, depth + 1, rows);
      continue;
    }
    auto content = readFile(path);
    auto row = rows.add();
    row.set("name", name);
    if (content) {
      row.set("size", static_cast<int64_t>(content->size())).set("md5", md5Hex(*content));
    } else {
      row.set("size", -1);
    }
  }
}

}  // namespace

void AcpiTablesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  listAcpi(root, 0, rows);
}

SmbiosTablesTable::SmbiosTablesTable() : path(kSmbiosTablePath) {}

void SmbiosTablesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  auto table = readFile(path);
  if (!table) return;
  const bool want_md5 = query.used("md5");
  for (const SmbiosStructure& s : parseSmbios(*table)) {
    if (rows.done()) return;
    auto row = rows.add();
    row.set("number", static_cast<int64_t>(s.index))
        .set("type", s.type)
        .set("description", smbiosTypeDescription(s.type))
        .set("handle", s.handle)
        .set("header_size", s.length)
        .set("size", static_cast<int64_t>(s.raw.size()));
    if (want_md5) row.set("md5", md5Hex(s.raw));
  }
}

}  // namespace oqm_hardware
