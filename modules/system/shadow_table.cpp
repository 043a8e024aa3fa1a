// osquery reads the same data through getspent(3)/getspnam(3); reading the file directly gives
// the same rows for local accounts without NSS. The hash itself is never reported: only its
// scheme (hash_alg) and what its prefix says about the account (password_status). Without
// permission to read /etc/shadow the table is empty, as osquery's.
#include "shadow_table.h"

#include <set>
#include <string>

#include "shadow.h"

namespace oqm_system {

void ShadowTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  const bool by_name = query.hasEq("username");
  std::set<std::string> names;
  for (auto& n : query.eq<std::string>("username")) names.insert(std::move(n));
  if (by_name && names.empty()) return;

  for (const auto& e : parseShadow()) {
    if (rows.done()) break;
    if (by_name && names.count(e.name) == 0) continue;
    oqm::Row row = rows.add();
    row.set("password_status", passwordStatus(e.password));
    std::string_view alg = hashAlgorithm(e.password);
    if (!alg.empty()) row.set("hash_alg", alg);
    row.set("last_change", e.last_change)
        .set("min", e.min)
        .set("max", e.max)
        .set("warning", e.warning)
        .set("inactive", e.inactive)
        .set("expire", e.expire)
        .set("flag", e.flag)
        .set("username", e.name);
  }
}

}  // namespace oqm_system
