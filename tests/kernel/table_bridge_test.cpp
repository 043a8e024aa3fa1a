// Tests of the SQLite bridge through Database: typed values, pushdown (IN lists, LIMIT),
// REQUIRED columns, read-only tables, the per-statement cache and registry following.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "kernel/database.h"
#include "kernel/registry.h"

namespace oqk {
namespace {

// A table whose generate records every query it receives and produces rows n = 1..count with
// the value of each column computed from n.
struct RecordingTable {
  int count = 5;
  std::vector<std::vector<oqm_constraint>> seen_constraints;
  std::vector<std::string> seen_texts;  // text constraint values, copied
  std::vector<int64_t> seen_limits;
  std::vector<std::vector<uint8_t>> seen_used;
  int calls = 0;
  bool fail = false;

  static int32_t generate(void* ud, const oqm_query* q, const oqm_row_sink* out, oqm_error* err) {
    auto* self = static_cast<RecordingTable*>(ud);
    ++self->calls;
    if (self->fail) {
      oqm_error_set(err, "the source is unavailable");
      return OQM_ERROR;
    }
    self->seen_constraints.emplace_back(q->constraints, q->constraints + q->n_constraints);
    for (uint32_t i = 0; i < q->n_constraints; ++i) {
      const oqm_value& v = q->constraints[i].value;
      if (v.type == OQM_VALUE_TEXT) self->seen_texts.emplace_back(v.text, v.length);
    }
    self->seen_limits.push_back(q->limit);
    self->seen_used.emplace_back(q->columns_used, q->columns_used + q->n_columns);
    for (int n = 1; n <= self->count; ++n) {
      out->begin(out->ctx);
      out->set_integer(out->ctx, 0, n);  // n INTEGER
      std::string word = "w" + std::to_string(n);
      out->set_text(out->ctx, 1, word.data(), word.size());  // word TEXT
      std::string hex = "0x" + std::to_string(n * 10);
      out->set_text(out->ctx, 2, hex.data(), hex.size());  // parsed BIGINT (base 0)
      out->set_double(out->ctx, 3, n / 2.0);               // half DOUBLE
      if (n % 2 == 0) out->set_text(out->ctx, 4, "", 0);   // empty text -> NULL
      if (out->end(out->ctx) == OQM_STOP) break;
    }
    return OQM_OK;
  }
};

std::shared_ptr<TableDefinition> makeTable(const std::string& name, RecordingTable* impl,
                                           uint32_t n_flags = OQM_COLUMN_INDEX,
                                           uint32_t word_flags = 0) {
  auto t = std::make_shared<TableDefinition>();
  t->name = name;
  t->columns = {{"n", OQM_TYPE_INTEGER, n_flags, ""},
                {"word", OQM_TYPE_TEXT, word_flags, ""},
                {"parsed", OQM_TYPE_BIGINT, 0, ""},
                {"half", OQM_TYPE_DOUBLE, 0, ""},
                {"maybe", OQM_TYPE_INTEGER, 0, ""}};
  t->user_data = impl;
  t->generate = &RecordingTable::generate;
  t->owner.gate = std::make_shared<LeaseGate>();
  return t;
}

class BridgeTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(registry.addTable(makeTable("numbers", &impl))); }
  QueryResult run(const std::string& sql) {
    auto r = db.query(sql);
    EXPECT_TRUE(r.isOk()) << sql << ": " << r.status().message();
    return r.isOk() ? r.value() : QueryResult{};
  }

  Registry registry;
  RecordingTable impl;
  Database db{registry};
};

TEST_F(BridgeTest, ValuesHaveTheDeclaredTypes) {
  auto r = run("SELECT n, word, parsed, half, maybe FROM numbers WHERE n = 2");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0].kind, Cell::Kind::Integer);
  EXPECT_EQ(r.rows[0][1].kind, Cell::Kind::Text);
  EXPECT_EQ(r.rows[0][1].text, "w2");
  EXPECT_EQ(r.rows[0][2].kind, Cell::Kind::Integer);
  EXPECT_EQ(r.rows[0][2].integer, 0x20);
  EXPECT_EQ(r.rows[0][3].kind, Cell::Kind::Double);
  EXPECT_DOUBLE_EQ(r.rows[0][3].real, 1.0);
  EXPECT_TRUE(r.rows[0][4].isNull());  // empty text on an INTEGER column
  auto types = run("SELECT typeof(n), typeof(word), typeof(half) FROM numbers LIMIT 1");
  EXPECT_EQ(types.rows[0][0].text, "integer");
  EXPECT_EQ(types.rows[0][1].text, "text");
  EXPECT_EQ(types.rows[0][2].text, "real");
}

TEST_F(BridgeTest, EqualityOnAnIndexColumnIsPushedDown) {
  run("SELECT * FROM numbers WHERE n = 3");
  ASSERT_EQ(impl.seen_constraints.size(), 1u);
  ASSERT_EQ(impl.seen_constraints[0].size(), 1u);
  EXPECT_EQ(impl.seen_constraints[0][0].column, 0u);
  EXPECT_EQ(impl.seen_constraints[0][0].op, static_cast<uint32_t>(OQM_OP_EQ));
  EXPECT_EQ(impl.seen_constraints[0][0].value.integer, 3);
}

TEST_F(BridgeTest, AnInListArrivesWholeInOneCall) {
  auto r = run("SELECT n FROM numbers WHERE n IN (1, 3, 4) ORDER BY n");
  EXPECT_EQ(impl.calls, 1);
  ASSERT_EQ(impl.seen_constraints[0].size(), 3u);
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[2][0].integer, 4);
}

TEST_F(BridgeTest, ConstraintsOnPlainColumnsStayInSqlite) {
  auto r = run("SELECT n FROM numbers WHERE word = 'w2'");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_TRUE(impl.seen_constraints[0].empty());
}

TEST_F(BridgeTest, SqliteRechecksWhatTheTableIgnores) {
  // The table ignores constraints entirely and returns 5 rows; SQLite filters.
  auto r = run("SELECT n FROM numbers WHERE n > 3");
  ASSERT_EQ(r.rows.size(), 2u);
}

TEST_F(BridgeTest, LimitReachesTheTableOnlyWithoutWhere) {
  auto r = run("SELECT n FROM numbers LIMIT 2 OFFSET 1");
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0][0].integer, 2);
  EXPECT_EQ(impl.seen_limits.back(), 3);
  run("SELECT n FROM numbers WHERE half > 1 LIMIT 1");
  EXPECT_EQ(impl.seen_limits.back(), -1);
  auto last = run("SELECT n FROM numbers ORDER BY n DESC LIMIT 1");
  EXPECT_EQ(impl.seen_limits.back(), -1);
  EXPECT_EQ(last.rows[0][0].integer, 5);
  auto distinct = run("SELECT DISTINCT word FROM numbers LIMIT 2");
  EXPECT_EQ(distinct.rows.size(), 2u);
}

TEST_F(BridgeTest, UsedColumnsAreReported) {
  run("SELECT word FROM numbers");
  ASSERT_EQ(impl.seen_used.size(), 1u);
  EXPECT_EQ(impl.seen_used[0], (std::vector<uint8_t>{0, 1, 0, 0, 0}));
}

TEST_F(BridgeTest, AJoinDoesNotRegenerateTheSameScan) {
  // SQLite rescans the inner side once per outer row; each rescan has the same table,
  // constraints and columns, so the statement's cache serves it.
  auto r = run("SELECT a.word, b.word FROM numbers a CROSS JOIN numbers b");
  EXPECT_EQ(r.rows.size(), 25u);
  EXPECT_EQ(impl.calls, 1);
  impl.calls = 0;
  run("SELECT (SELECT count(n) FROM numbers), (SELECT max(n) FROM numbers)");
  EXPECT_EQ(impl.calls, 1);
  impl.calls = 0;
  // Different constraints are different scans.
  run("SELECT a.n, b.n FROM numbers a JOIN numbers b ON a.n = b.n");
  EXPECT_EQ(impl.calls, 6);  // the outer scan, then one per distinct n
}

TEST_F(BridgeTest, OnlyUsedColumnsAreKeptAndCountStillCountsRows) {
  auto count = run("SELECT count(*) FROM numbers");
  EXPECT_EQ(count.rows[0][0].integer, 5);
  auto words = run("SELECT word FROM numbers WHERE n = 4");
  ASSERT_EQ(words.rows.size(), 1u);
  EXPECT_EQ(words.rows[0][0].text, "w4");
  auto mixed = run("SELECT half, word FROM numbers ORDER BY n DESC LIMIT 1");
  EXPECT_DOUBLE_EQ(mixed.rows[0][0].real, 2.5);
  EXPECT_EQ(mixed.rows[0][1].text, "w5");
}

TEST_F(BridgeTest, EachStatementGeneratesAnew) {
  run("SELECT count(*) FROM numbers");
  run("SELECT count(*) FROM numbers");
  EXPECT_EQ(impl.calls, 2);
}

TEST_F(BridgeTest, WritesAreRefused) {
  auto r = db.query("INSERT INTO numbers (n) VALUES (1)");
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().message(), "table numbers may not be modified");
  EXPECT_EQ(r.status().code(), SQLITE_ERROR);
  r = db.query("DELETE FROM numbers");
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().message(), "table numbers may not be modified");
}

TEST_F(BridgeTest, AGenerateErrorFailsTheStatementWithItsMessage) {
  impl.fail = true;
  auto r = db.query("SELECT * FROM numbers");
  ASSERT_FALSE(r.isOk());
  EXPECT_NE(r.status().message().find("the source is unavailable"), std::string::npos);
}

TEST(BridgeRequired, ARequiredColumnMustBeConstrained) {
  Registry registry;
  RecordingTable impl;
  ASSERT_TRUE(registry.addTable(makeTable("needy", &impl, OQM_COLUMN_REQUIRED)));
  Database db(registry);
  auto r = db.query("SELECT * FROM needy");
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().message(),
            "Table needy was queried without a required column in the WHERE clause");
  EXPECT_EQ(r.status().code(), SQLITE_CONSTRAINT);
  EXPECT_EQ(impl.calls, 0);
  auto ok = db.query("SELECT * FROM needy WHERE n = 1");
  ASSERT_TRUE(ok.isOk()) << ok.status().message();
  EXPECT_EQ(ok.value().rows.size(), 1u);
  // In a join, the planner feeds the required column from the other side.
  auto joined =
      db.query("SELECT x.value FROM json_each('[2,3]') x JOIN needy ON needy.n = x.value");
  ASSERT_TRUE(joined.isOk()) << joined.status().message();
  EXPECT_EQ(joined.value().rows.size(), 2u);
}

TEST(BridgeRegistry, TablesFollowTheRegistry) {
  Registry registry;
  RecordingTable impl;
  Database db(registry);
  EXPECT_FALSE(db.query("SELECT * FROM later").isOk());
  auto t = makeTable("later", &impl);
  t->owner.id = 7;
  ASSERT_TRUE(registry.addTable(t));
  EXPECT_TRUE(db.query("SELECT * FROM later").isOk());
  registry.removeTablesOf(7);
  auto r = db.query("SELECT * FROM later");
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().message(), "no such table: later");
}

TEST(BridgeRegistry, AClosedGateRefusesTheScan) {
  Registry registry;
  RecordingTable impl;
  auto t = makeTable("closing", &impl);
  auto gate = t->owner.gate;
  ASSERT_TRUE(registry.addTable(t));
  Database db(registry);
  gate->closeAndWait();
  auto r = db.query("SELECT * FROM closing");
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(impl.calls, 0);
}

TEST(Database, ExecuteReportsTheLineOfTheFailingStatement) {
  Registry registry;
  Database db(registry);
  int results = 0;
  auto e = db.execute("SELECT 1;\nSELECT 2;\n\nSELEC 3;", [&](const QueryResult&) { ++results; });
  EXPECT_FALSE(e.status.isOk());
  EXPECT_EQ(e.line, 4);
  EXPECT_EQ(results, 2);
  EXPECT_EQ(e.status.message(), "near \"SELEC\": syntax error");
}

TEST(Database, StatementsWithoutColumnsProduceNoResult) {
  Registry registry;
  Database db(registry);
  int results = 0;
  auto e = db.execute("CREATE TEMP TABLE t(x); INSERT INTO t VALUES (1); SELECT x FROM t WHERE 0;",
                      [&](const QueryResult& r) {
                        ++results;
                        EXPECT_EQ(r.column_names, std::vector<std::string>{"x"});
                      });
  EXPECT_TRUE(e.status.isOk()) << e.status.message();
  EXPECT_EQ(results, 1);
}

TEST(Database, VersionCollations) {
  Registry registry;
  Database db(registry);
  auto r = db.query(
      "SELECT '1.10' > '1.9' COLLATE version, '1:1.0' > '2.0' COLLATE version_dpkg, "
      "'1.0~rc1' < '1.0' COLLATE version_dpkg, '1.0-2.el8' > '1.0-10.el8' COLLATE version_rhel");
  ASSERT_TRUE(r.isOk()) << r.status().message();
  EXPECT_EQ(r.value().rows[0][0].integer, 1);
  EXPECT_EQ(r.value().rows[0][1].integer, 1);
  EXPECT_EQ(r.value().rows[0][2].integer, 1);
  EXPECT_EQ(r.value().rows[0][3].integer, 0);
}

TEST(Database, ColumnTypesComeFromTheSchema) {
  Registry registry;
  RecordingTable impl;
  ASSERT_TRUE(registry.addTable(makeTable("numbers", &impl)));
  Database db(registry);
  auto types = db.columnTypes("SELECT n, word, half, 1 + 1 AS two FROM numbers");
  ASSERT_TRUE(types.isOk()) << types.status().message();
  ASSERT_EQ(types.value().size(), 4u);
  EXPECT_EQ(types.value()[0].second, "INTEGER");
  EXPECT_EQ(types.value()[1].second, "TEXT");
  EXPECT_EQ(types.value()[2].second, "DOUBLE");
  EXPECT_EQ(types.value()[3].second, "BIGINT");
}

}  // namespace
}  // namespace oqk
