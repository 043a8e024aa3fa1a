#include "kernel/table_bridge.h"

#include <glog/logging.h>
#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <sstream>

namespace oqk {
namespace {

// ---------------------------------------------------------------------------------------------
// The plan xBestIndex hands to xFilter (as idxStr): which columns the statement reads, whether
// a REQUIRED column is left unconstrained, and what each xFilter argument is.

struct PlannedArgument {
  int column = -1;  // -1 for LIMIT / OFFSET
  int op = 0;
  bool in_list = false;  // the argument is a whole IN list (sqlite3_vtab_in_first/next)
};

struct Plan {
  uint64_t columns_used = 0;  // sqlite3_index_info.colUsed
  bool missing_required = false;
  std::vector<PlannedArgument> arguments;

  std::string encode() const {
    std::ostringstream out;
    out << columns_used << ' ' << (missing_required ? 1 : 0);
    for (const auto& a : arguments) out << ' ' << a.column << ':' << a.op << ':' << a.in_list;
    return out.str();
  }

  static Plan decode(const char* text) {
    Plan plan;
    if (text == nullptr) return plan;
    std::istringstream in(text);
    int missing = 0;
    in >> plan.columns_used >> missing;
    plan.missing_required = missing != 0;
    std::string item;
    while (in >> item) {
      PlannedArgument a;
      int in_list = 0;
      if (std::sscanf(item.c_str(), "%d:%d:%d", &a.column, &a.op, &in_list) == 3) {
        a.in_list = in_list != 0;
        plan.arguments.push_back(a);
      }
    }
    return plan;
  }
};

bool isPushableOperator(int op) {
  switch (op) {
    case SQLITE_INDEX_CONSTRAINT_EQ:
    case SQLITE_INDEX_CONSTRAINT_GT:
    case SQLITE_INDEX_CONSTRAINT_LE:
    case SQLITE_INDEX_CONSTRAINT_LT:
    case SQLITE_INDEX_CONSTRAINT_GE:
    case SQLITE_INDEX_CONSTRAINT_LIKE:
    case SQLITE_INDEX_CONSTRAINT_GLOB:
    case SQLITE_INDEX_CONSTRAINT_REGEXP:
    case SQLITE_INDEX_CONSTRAINT_NE:
      return true;
    default:
      return false;
  }
}

bool isRangeOperator(int op) {
  return op == SQLITE_INDEX_CONSTRAINT_GT || op == SQLITE_INDEX_CONSTRAINT_LE ||
         op == SQLITE_INDEX_CONSTRAINT_LT || op == SQLITE_INDEX_CONSTRAINT_GE;
}

constexpr uint32_t kPushdownColumns =
    OQM_COLUMN_INDEX | OQM_COLUMN_REQUIRED | OQM_COLUMN_ADDITIONAL | OQM_COLUMN_OPTIMIZED;

// ---------------------------------------------------------------------------------------------
// SQLite objects

struct TableClient {
  std::shared_ptr<const TableDefinition> table;
  TableBridge* bridge;
};

struct VirtualTable {
  sqlite3_vtab base;  // first: SQLite hands us &base
  TableClient* client;
};

struct Cursor {
  sqlite3_vtab_cursor base;  // first
  std::shared_ptr<const RowSet> rows;
  size_t row = 0;
  // Where each table column sits in the stored rows; -1 for a column the statement does not
  // read (it is neither stored nor asked of the table).
  std::vector<int> slots;
};

// The columns a plan reads (colUsed: bit i for column i, bit 63 for every column from 63 on),
// and their positions in the stored rows.
void columnsUsed(uint64_t columns_used, size_t n_columns, std::vector<uint8_t>& used,
                 std::vector<int>& slots) {
  used.assign(n_columns, 0);
  slots.assign(n_columns, -1);
  int next = 0;
  for (size_t i = 0; i < n_columns; ++i) {
    uint64_t bit = i < 63 ? (uint64_t{1} << i) : (uint64_t{1} << 63);
    if ((columns_used & bit) == 0) continue;
    used[i] = 1;
    slots[i] = next++;
  }
}

void destroyClient(void* p) {
  delete static_cast<TableClient*>(p);
}

int xConnect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char** err) {
  auto* client = static_cast<TableClient*>(aux);
  int rc = sqlite3_declare_vtab(db, client->table->createStatement().c_str());
  if (rc != SQLITE_OK) {
    *err = sqlite3_mprintf("cannot declare table %s: %s", client->table->name.c_str(),
                           sqlite3_errmsg(db));
    return rc;
  }
  auto* vtab = new VirtualTable{};
  vtab->client = client;
  *out = &vtab->base;
  return SQLITE_OK;
}

int xDisconnect(sqlite3_vtab* vtab) {
  delete reinterpret_cast<VirtualTable*>(vtab);
  return SQLITE_OK;
}

int xBestIndex(sqlite3_vtab* vtab, sqlite3_index_info* info) {
  const TableDefinition& table = *reinterpret_cast<VirtualTable*>(vtab)->client->table;
  Plan plan;
  plan.columns_used = info->colUsed;
  bool required_constrained = false;
  bool narrowing_constraint = false;
  int where_terms = 0;
  int argv_index = 0;

  for (int i = 0; i < info->nConstraint; ++i) {
    const auto& c = info->aConstraint[i];
    if (c.op == SQLITE_INDEX_CONSTRAINT_LIMIT || c.op == SQLITE_INDEX_CONSTRAINT_OFFSET) continue;
    ++where_terms;
    if (!c.usable || c.iColumn < 0 || c.iColumn >= static_cast<int>(table.columns.size())) {
      continue;
    }
    const ColumnDefinition& column = table.columns[c.iColumn];
    if ((column.flags & kPushdownColumns) == 0 || !isPushableOperator(c.op)) continue;
    // Text compares by collation, which a table cannot know: ranges on TEXT stay in SQLite.
    if (column.type == OQM_TYPE_TEXT && isRangeOperator(c.op)) continue;

    PlannedArgument argument{c.iColumn, c.op, false};
    if (c.op == SQLITE_INDEX_CONSTRAINT_EQ) argument.in_list = sqlite3_vtab_in(info, i, 1) != 0;
    info->aConstraintUsage[i].argvIndex = ++argv_index;
    info->aConstraintUsage[i].omit = 0;  // SQLite re-checks every row: constraints are hints
    plan.arguments.push_back(argument);
    if (column.flags & OQM_COLUMN_REQUIRED) required_constrained = true;
    if (column.flags & (OQM_COLUMN_INDEX | OQM_COLUMN_REQUIRED | OQM_COLUMN_ADDITIONAL)) {
      narrowing_constraint = true;
    }
  }

  // LIMIT/OFFSET reach the table only when nothing filters, orders or groups its rows
  // afterwards: SQLite offers them even with an ORDER BY it still has to apply.
  if (where_terms == 0 && info->nOrderBy == 0 && sqlite3_vtab_distinct(info) == 0) {
    for (int i = 0; i < info->nConstraint; ++i) {
      const auto& c = info->aConstraint[i];
      if (!c.usable) continue;
      if (c.op != SQLITE_INDEX_CONSTRAINT_LIMIT && c.op != SQLITE_INDEX_CONSTRAINT_OFFSET) continue;
      info->aConstraintUsage[i].argvIndex = ++argv_index;
      plan.arguments.push_back(PlannedArgument{-1, c.op, false});
    }
  }

  plan.missing_required = table.hasRequiredColumns() && !required_constrained;
  if (plan.missing_required) {
    info->estimatedCost = 1e12;
    info->estimatedRows = 1000000000;
  } else if (narrowing_constraint) {
    info->estimatedCost = 1;
    info->estimatedRows = 10;
  } else {
    info->estimatedCost = 1e6;
    info->estimatedRows = 100000;
  }
  info->idxStr = sqlite3_mprintf("%s", plan.encode().c_str());
  info->needToFreeIdxStr = 1;
  return SQLITE_OK;
}

int xOpen(sqlite3_vtab*, sqlite3_vtab_cursor** out) {
  auto* cursor = new Cursor{};
  *out = &cursor->base;
  return SQLITE_OK;
}

int xClose(sqlite3_vtab_cursor* cursor) {
  delete reinterpret_cast<Cursor*>(cursor);
  return SQLITE_OK;
}

// A constraint value owned by the kernel for the duration of one generate call.
struct OwnedConstraint {
  uint32_t column;
  uint32_t op;
  Cell value;
};

Cell cellOf(sqlite3_value* v) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
      return Cell::ofInteger(sqlite3_value_int64(v));
    case SQLITE_FLOAT:
      return Cell::ofDouble(sqlite3_value_double(v));
    case SQLITE_TEXT:
      return Cell::ofText(std::string(reinterpret_cast<const char*>(sqlite3_value_text(v)),
                                      static_cast<size_t>(sqlite3_value_bytes(v))));
    case SQLITE_BLOB: {
      Cell c;
      c.kind = Cell::Kind::Blob;
      const void* data = sqlite3_value_blob(v);
      c.text.assign(static_cast<const char*>(data), static_cast<size_t>(sqlite3_value_bytes(v)));
      return c;
    }
    default:
      return Cell::null();
  }
}

oqm_value oqmValueOf(const Cell& cell) {
  oqm_value v{};
  v.size = sizeof(oqm_value);
  switch (cell.kind) {
    case Cell::Kind::Null:
      v.type = OQM_VALUE_NULL;
      break;
    case Cell::Kind::Integer:
      v.type = OQM_VALUE_INTEGER;
      v.integer = cell.integer;
      break;
    case Cell::Kind::Double:
      v.type = OQM_VALUE_DOUBLE;
      v.real = cell.real;
      break;
    case Cell::Kind::Text:
    case Cell::Kind::Blob:
      v.type = cell.kind == Cell::Kind::Text ? OQM_VALUE_TEXT : OQM_VALUE_BLOB;
      v.text = cell.text.data();
      v.length = cell.text.size();
      break;
  }
  return v;
}

// The cache key of one scan: same table, constraints, columns and limit give the same rows.
std::string cacheKey(const TableDefinition& table, const Plan& plan,
                     const std::vector<OwnedConstraint>& constraints, int64_t limit) {
  std::string key = table.name;
  key += '\0' + std::to_string(plan.columns_used) + '\0' + std::to_string(limit);
  for (const auto& c : constraints) {
    key += '\0' + std::to_string(c.column) + ':' + std::to_string(c.op) + ':' +
           std::to_string(static_cast<int>(c.value.kind)) + ':';
    key += c.value.kind == Cell::Kind::Integer  ? std::to_string(c.value.integer)
           : c.value.kind == Cell::Kind::Double ? std::to_string(c.value.real)
                                                : c.value.text;
  }
  return key;
}

// ---------------------------------------------------------------------------------------------
// The row sink: converts what a table produces to its declared column types, as osquery does.

std::optional<int64_t> parseInteger(const char* text, size_t length, bool is_unsigned) {
  std::string s(text, length);
  if (s.empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  int64_t value;
  if (is_unsigned && s[0] != '-') {
    value = static_cast<int64_t>(std::strtoull(s.c_str(), &end, 0));
  } else {
    value = std::strtoll(s.c_str(), &end, 0);
  }
  if (errno != 0 || end == s.c_str()) return std::nullopt;
  while (*end == ' ' || *end == '\n' || *end == '\t') ++end;
  if (*end != '\0') return std::nullopt;
  return value;
}

std::optional<double> parseDouble(const char* text, size_t length) {
  std::string s(text, length);
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(s.c_str(), &end);
  if (end == s.c_str()) return std::nullopt;
  while (*end == ' ' || *end == '\n' || *end == '\t') ++end;
  if (*end != '\0') return std::nullopt;
  return value;
}

std::string formatDouble(double v) {
  char buf[64];
  sqlite3_snprintf(sizeof(buf), buf, "%!.15g", v);
  return buf;
}

bool isIntegerType(uint32_t type) {
  return type == OQM_TYPE_INTEGER || type == OQM_TYPE_BIGINT || type == OQM_TYPE_UNSIGNED_BIGINT;
}

struct RowCollector {
  const TableDefinition* table;
  std::shared_ptr<RowSet> rows;
  std::vector<Cell> current;
  bool in_row = false;
  int64_t limit = -1;
  const std::atomic<bool>* interrupted;
  const std::vector<int>* slots;

  Cell* cell(uint32_t column) {
    if (!in_row || column >= slots->size() || (*slots)[column] < 0) return nullptr;
    return &current[static_cast<size_t>((*slots)[column])];
  }
  uint32_t type(uint32_t column) const { return table->columns[column].type; }

  static RowCollector* of(void* ctx) { return static_cast<RowCollector*>(ctx); }

  static void begin(void* ctx) {
    auto* self = of(ctx);
    self->current.assign(self->rows->columns, Cell::null());
    self->in_row = true;
  }
  static void setInteger(void* ctx, uint32_t column, int64_t value) {
    auto* self = of(ctx);
    Cell* c = self->cell(column);
    if (c == nullptr) return;
    uint32_t t = self->type(column);
    if (isIntegerType(t)) {
      *c = Cell::ofInteger(value);
    } else if (t == OQM_TYPE_DOUBLE) {
      *c = Cell::ofDouble(static_cast<double>(value));
    } else {
      *c = Cell::ofText(std::to_string(value));
    }
  }
  static void setDouble(void* ctx, uint32_t column, double value) {
    auto* self = of(ctx);
    Cell* c = self->cell(column);
    if (c == nullptr) return;
    uint32_t t = self->type(column);
    if (t == OQM_TYPE_DOUBLE) {
      *c = Cell::ofDouble(value);
    } else if (isIntegerType(t)) {
      *c = Cell::ofInteger(static_cast<int64_t>(value));
    } else {
      *c = Cell::ofText(formatDouble(value));
    }
  }
  static void setText(void* ctx, uint32_t column, const char* text, size_t length) {
    auto* self = of(ctx);
    Cell* c = self->cell(column);
    if (c == nullptr) return;
    if (text == nullptr) length = 0;
    uint32_t t = self->type(column);
    if (isIntegerType(t)) {
      auto v = parseInteger(text, length, t == OQM_TYPE_UNSIGNED_BIGINT);
      *c = v ? Cell::ofInteger(*v) : Cell::null();
    } else if (t == OQM_TYPE_DOUBLE) {
      auto v = parseDouble(text, length);
      *c = v ? Cell::ofDouble(*v) : Cell::null();
    } else {
      *c = Cell::ofText(std::string(text == nullptr ? "" : text, length));
      if (t == OQM_TYPE_BLOB) c->kind = Cell::Kind::Blob;
    }
  }
  static void setBlob(void* ctx, uint32_t column, const void* data, size_t length) {
    auto* self = of(ctx);
    Cell* c = self->cell(column);
    if (c == nullptr) return;
    *c = Cell::ofText(std::string(static_cast<const char*>(data), data == nullptr ? 0 : length));
    if (self->type(column) == OQM_TYPE_BLOB) c->kind = Cell::Kind::Blob;
  }
  static int32_t end(void* ctx) {
    auto* self = of(ctx);
    if (!self->in_row) return OQM_OK;
    self->in_row = false;
    for (auto& c : self->current) self->rows->cells.push_back(std::move(c));
    self->rows->row_count++;
    if (self->limit >= 0 && static_cast<int64_t>(self->rows->rows()) >= self->limit) {
      return OQM_STOP;
    }
    if (self->interrupted != nullptr && self->interrupted->load(std::memory_order_relaxed)) {
      return OQM_STOP;
    }
    return OQM_OK;
  }
};

int fail(sqlite3_vtab* vtab, int rc, const std::string& message) {
  sqlite3_free(vtab->zErrMsg);
  vtab->zErrMsg = sqlite3_mprintf("%s", message.c_str());
  return rc;
}

int xFilter(sqlite3_vtab_cursor* base, int, const char* idx_str, int argc, sqlite3_value** argv) {
  auto* cursor = reinterpret_cast<Cursor*>(base);
  auto* vtab = reinterpret_cast<VirtualTable*>(base->pVtab);
  TableClient* client = vtab->client;
  const TableDefinition& table = *client->table;
  cursor->rows.reset();
  cursor->row = 0;

  Plan plan = Plan::decode(idx_str);
  if (plan.missing_required) {
    std::string message =
        "Table " + table.name + " was queried without a required column in the WHERE clause";
    LOG(WARNING) << message;
    return fail(&vtab->base, SQLITE_CONSTRAINT, message);
  }

  std::vector<OwnedConstraint> constraints;
  int64_t limit = -1, offset = 0;
  for (int i = 0; i < argc && i < static_cast<int>(plan.arguments.size()); ++i) {
    const PlannedArgument& a = plan.arguments[i];
    if (a.column < 0) {
      int64_t v = sqlite3_value_int64(argv[i]);
      if (a.op == SQLITE_INDEX_CONSTRAINT_LIMIT) limit = v;
      if (a.op == SQLITE_INDEX_CONSTRAINT_OFFSET) offset = v < 0 ? 0 : v;
      continue;
    }
    if (a.in_list) {
      sqlite3_value* item = nullptr;
      int rc = sqlite3_vtab_in_first(argv[i], &item);
      for (; rc == SQLITE_OK && item != nullptr; rc = sqlite3_vtab_in_next(argv[i], &item)) {
        constraints.push_back({static_cast<uint32_t>(a.column), OQM_OP_EQ, cellOf(item)});
      }
      if (rc != SQLITE_OK && rc != SQLITE_DONE) return rc;
    } else {
      constraints.push_back(
          {static_cast<uint32_t>(a.column), static_cast<uint32_t>(a.op), cellOf(argv[i])});
    }
  }
  if (limit >= 0) limit += offset;

  std::vector<uint8_t> used;
  columnsUsed(plan.columns_used, table.columns.size(), used, cursor->slots);

  std::string key = cacheKey(table, plan, constraints, limit);
  auto& cache = client->bridge->cache();
  if (auto it = cache.find(key); it != cache.end()) {
    cursor->rows = it->second;
    return SQLITE_OK;
  }

  std::vector<oqm_constraint> query_constraints;
  query_constraints.reserve(constraints.size());
  for (const auto& c : constraints) {
    query_constraints.push_back(
        oqm_constraint{sizeof(oqm_constraint), c.column, c.op, oqmValueOf(c.value)});
  }
  oqm_query query{};
  query.size = sizeof(oqm_query);
  query.n_constraints = static_cast<uint32_t>(query_constraints.size());
  query.constraints = query_constraints.data();
  query.n_columns = static_cast<uint32_t>(used.size());
  query.columns_used = used.data();
  query.limit = limit;

  RowCollector collector{
      &table,        std::make_shared<RowSet>(), {}, false, limit, &client->bridge->interrupted(),
      &cursor->slots};
  collector.rows->columns = static_cast<size_t>(
      std::count_if(cursor->slots.begin(), cursor->slots.end(), [](int s) { return s >= 0; }));
  oqm_row_sink sink{sizeof(oqm_row_sink),     &collector,
                    &RowCollector::begin,     &RowCollector::setInteger,
                    &RowCollector::setDouble, &RowCollector::setText,
                    &RowCollector::setBlob,   &RowCollector::end};
  char message[1024] = {0};
  oqm_error error{sizeof(oqm_error), sizeof(message), message};

  int32_t rc;
  {
    // The module's code stays mapped while the lease is held (see LeaseGate).
    std::optional<LeaseGate::Lease> lease =
        table.owner.gate ? table.owner.gate->acquire() : std::optional<LeaseGate::Lease>();
    if (table.owner.gate) {
      if (!lease) {
        return fail(&vtab->base, SQLITE_ERROR,
                    "table " + table.name + " is being unloaded with module " + table.owner.name);
      }
    }
    rc = table.generate(table.user_data, &query, &sink, &error);
  }
  if (rc != OQM_OK) {
    std::string text = message[0] != '\0' ? message : "table generate failed";
    return fail(&vtab->base, SQLITE_ERROR, "Error generating table " + table.name + ": " + text);
  }
  cursor->rows = collector.rows;
  cache.emplace(std::move(key), collector.rows);
  return SQLITE_OK;
}

int xNext(sqlite3_vtab_cursor* base) {
  ++reinterpret_cast<Cursor*>(base)->row;
  return SQLITE_OK;
}

int xEof(sqlite3_vtab_cursor* base) {
  auto* cursor = reinterpret_cast<Cursor*>(base);
  return cursor->rows == nullptr || cursor->row >= cursor->rows->rows();
}

int xColumn(sqlite3_vtab_cursor* base, sqlite3_context* ctx, int column) {
  auto* cursor = reinterpret_cast<Cursor*>(base);
  if (cursor->rows == nullptr || column < 0 ||
      static_cast<size_t>(column) >= cursor->slots.size() || cursor->slots[column] < 0) {
    sqlite3_result_null(ctx);
    return SQLITE_OK;
  }
  const Cell& cell = cursor->rows->at(cursor->row, static_cast<size_t>(cursor->slots[column]));
  // The row set lives in the statement's cache until the statement ends: no copies needed.
  switch (cell.kind) {
    case Cell::Kind::Null:
      sqlite3_result_null(ctx);
      break;
    case Cell::Kind::Integer:
      sqlite3_result_int64(ctx, cell.integer);
      break;
    case Cell::Kind::Double:
      sqlite3_result_double(ctx, cell.real);
      break;
    case Cell::Kind::Text:
      sqlite3_result_text(ctx, cell.text.data(), static_cast<int>(cell.text.size()), SQLITE_STATIC);
      break;
    case Cell::Kind::Blob:
      sqlite3_result_blob(ctx, cell.text.data(), static_cast<int>(cell.text.size()), SQLITE_STATIC);
      break;
  }
  return SQLITE_OK;
}

int xRowid(sqlite3_vtab_cursor* base, sqlite3_int64* rowid) {
  *rowid = static_cast<sqlite3_int64>(reinterpret_cast<Cursor*>(base)->row);
  return SQLITE_OK;
}

// Eponymous-only (no xCreate): each table exists under its own name in every schema without a
// CREATE VIRTUAL TABLE. No xUpdate: writes fail with "table X may not be modified".
const sqlite3_module kModule = {
    /* iVersion */ 2,
    /* xCreate */ nullptr,
    /* xConnect */ xConnect,
    /* xBestIndex */ xBestIndex,
    /* xDisconnect */ xDisconnect,
    /* xDestroy */ xDisconnect,
    /* xOpen */ xOpen,
    /* xClose */ xClose,
    /* xFilter */ xFilter,
    /* xNext */ xNext,
    /* xEof */ xEof,
    /* xColumn */ xColumn,
    /* xRowid */ xRowid,
    /* xUpdate */ nullptr,
    /* xBegin */ nullptr,
    /* xSync */ nullptr,
    /* xCommit */ nullptr,
    /* xRollback */ nullptr,
    /* xFindFunction */ nullptr,
    /* xRename */ nullptr,
    /* xSavepoint */ nullptr,
    /* xRelease */ nullptr,
    /* xRollbackTo */ nullptr,
    /* xShadowName */ nullptr,
};

}  // namespace

TableBridge::TableBridge(sqlite3* db) : db_(db) {}

TableBridge::~TableBridge() {
  // The modules' client data is freed by SQLite when the connection closes.
}

Status TableBridge::attach(std::shared_ptr<const TableDefinition> table) {
  const std::string name = table->name;
  auto* client = new TableClient{std::move(table), this};
  // Replaces (and frees) any module of that name: sqlite3_create_module_v2 takes ownership of
  // client even when it fails.
  int rc = sqlite3_create_module_v2(db_, name.c_str(), &kModule, client, destroyClient);
  if (rc != SQLITE_OK) {
    return Status::error("cannot attach table " + name + ": " + sqlite3_errmsg(db_), rc);
  }
  attached_[name] = client->table;
  return Status::ok();
}

void TableBridge::detach(const std::string& name) {
  if (attached_.erase(name) == 0) return;
  sqlite3_create_module_v2(db_, name.c_str(), nullptr, nullptr, nullptr);
}

}  // namespace oqk
