// osquery semantics (osquery/tables/system/posix/magic.cpp): one row per `path = ...` value that
// names a readable file; a magic cookie per call, loaded with the default database or with the
// `magic_db_files` value.
#include "magic_table.h"

#include <magic.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <string>

namespace oqm_files {
namespace {

struct CookieCloser {
  void operator()(magic_t cookie) const { magic_close(cookie); }
};
using Cookie = std::unique_ptr<std::remove_pointer_t<magic_t>, CookieCloser>;

std::optional<std::string> describe(magic_t cookie, int flags, const std::string& path) {
  if (magic_setflags(cookie, flags) != 0) return std::nullopt;
  const char* text = magic_file(cookie, path.c_str());
  if (text == nullptr) return std::nullopt;
  return std::string(text);
}

}  // namespace

void MagicTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  auto databases = query.eq<std::string>("magic_db_files");
  std::optional<std::string> database;
  if (!databases.empty()) database = databases.front();

  Cookie cookie(magic_open(MAGIC_NONE));
  if (cookie == nullptr) throw oqm::Error("magic: cannot create a libmagic cookie");
  if (magic_load(cookie.get(), database ? database->c_str() : nullptr) != 0) {
    throw oqm::Error(std::string("magic: cannot load the magic database: ") +
                     magic_error(cookie.get()));
  }
  for (const auto& path : query.eq<std::string>("path")) {
    if (rows.done()) return;
    if (::access(path.c_str(), R_OK) != 0) continue;
    auto data = describe(cookie.get(), MAGIC_NONE, path);
    auto mime_type = describe(cookie.get(), MAGIC_MIME_TYPE, path);
    auto mime_encoding = describe(cookie.get(), MAGIC_MIME_ENCODING, path);
    oqm::Row row = rows.add();
    row.set("path", path)
        .set("data", data)
        .set("mime_type", mime_type)
        .set("mime_encoding", mime_encoding);
    if (database) row.set("magic_db_files", *database);
  }
}

}  // namespace oqm_files
