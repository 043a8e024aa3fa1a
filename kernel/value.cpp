#include "kernel/value.h"

#include <sqlite3.h>

namespace oqk {

std::string Cell::toString() const {
  switch (kind) {
    case Kind::Null:
      return "";
    case Kind::Integer:
      return std::to_string(integer);
    case Kind::Double: {
      // The same text SQLite gives for sqlite3_column_text on a REAL, which is what osquery
      // prints for a double.
      char buf[64];
      sqlite3_snprintf(sizeof(buf), buf, "%!.15g", real);
      return buf;
    }
    case Kind::Text:
    case Kind::Blob:
      return text;
  }
  return "";
}

}  // namespace oqk
