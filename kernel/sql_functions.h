// sql_functions.h: the SQL functions osquery adds to SQLite and that its documentation and
// query packs use: string helpers (split, regex_split, regex_match, concat, concat_ws,
// REGEXP), encodings (to_base64, from_base64, conditional_to_base64), hashes of a string
// (md5, sha1, sha256), network helpers (inet_aton, in_cidr_block, community_id_v1), and the
// math function SQLite lacks (cot). SQLite's own math functions (sqrt, log10, power, ...)
// come with the library.
#pragma once

struct sqlite3;

namespace oqk {

void registerSqlFunctions(sqlite3* db);

}  // namespace oqk
