// Every output mode of the shell, byte for byte, against osquery's printer and shell callback.
#include "hosts/osqueryi/output_format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "hosts/osqueryi/result_printer.h"
#include "hosts/osqueryi/text_width.h"

namespace oqs {
namespace {

using oqk::Cell;
using oqk::QueryResult;

Cell T(const std::string& s) {
  return Cell::ofText(s);
}
Cell I(int64_t v) {
  return Cell::ofInteger(v);
}
Cell D(double v) {
  return Cell::ofDouble(v);
}
Cell N() {
  return Cell::null();
}

QueryResult result(std::vector<std::string> columns, std::vector<std::vector<Cell>> rows) {
  QueryResult r;
  r.column_names = std::move(columns);
  r.rows = std::move(rows);
  return r;
}

std::string pretty(const QueryResult& r, const std::string& nullvalue = "") {
  std::vector<const std::vector<Cell>*> rows;
  for (const auto& row : r.rows) rows.push_back(&row);
  std::ostringstream out;
  printPrettyTable(out, r.column_names, rows, nullvalue);
  return out.str();
}

std::string json(const QueryResult& r, JsonStyle style, bool typed = false,
                 const std::string& nullvalue = "") {
  std::vector<JsonRow> rows;
  for (const auto& row : r.rows) rows.push_back({&r.column_names, &row});
  std::ostringstream out;
  printJson(out, rows, style, typed, nullvalue);
  return out.str();
}

template <typename F>
std::string print(F f, const QueryResult& r, const OutputSettings& s) {
  std::ostringstream out;
  f(out, r, s);
  return out.str();
}

OutputSettings settingsFor(OutputMode mode) {
  OutputSettings s;
  s.mode = mode;
  if (mode == OutputMode::Csv) s.separator = ",";
  return s;
}

// --- text width ---------------------------------------------------------------------------

TEST(TextWidth, CountsCodePointsNotBytes) {
  EXPECT_EQ(displayLength(""), 0u);
  EXPECT_EQ(displayLength("abc"), 3u);
  EXPECT_EQ(displayLength("h\xC3\xA9llo"), 5u);              // héllo
  EXPECT_EQ(displayLength("\xE6\x97\xA5\xE6\x9C\xAC"), 2u);  // 日本
  EXPECT_EQ(displayLength("\xF0\x9F\x90\x8C"), 1u);          // one emoji
}

TEST(TextWidth, FitsLeftAndRightAlignedAndCuts) {
  EXPECT_EQ(fitToWidth("ab", 4), "ab  ");
  EXPECT_EQ(fitToWidth("ab", -4), "  ab");
  EXPECT_EQ(fitToWidth("abcdef", 3), "abc");
  EXPECT_EQ(fitToWidth("\xC3\xA9\xC3\xA9\xC3\xA9", 2), "\xC3\xA9\xC3\xA9");
  EXPECT_EQ(fitToWidth("\xC3\xA9", 3), "\xC3\xA9  ");
  EXPECT_EQ(padLeft("ab", 5), "   ab");
  EXPECT_EQ(padLeft("abcdef", 3), "abcdef");
}

// --- pretty -------------------------------------------------------------------------------

TEST(PrettyTable, SelectOneAsOsqueryPrintsIt) {
  EXPECT_EQ(pretty(result({"1"}, {{I(1)}})), "+---+\n| 1 |\n+---+\n| 1 |\n+---+\n");
}

TEST(PrettyTable, WidthIsTheLongestOfNameAndValues) {
  auto r = result({"name", "n"}, {{T("a"), I(100)}, {T("longer value"), I(2)}});
  EXPECT_EQ(pretty(r),
            "+--------------+-----+\n"
            "| name         | n   |\n"
            "+--------------+-----+\n"
            "| a            | 100 |\n"
            "| longer value | 2   |\n"
            "+--------------+-----+\n");
}

TEST(PrettyTable, ZeroRowsPrintNothing) {
  EXPECT_EQ(pretty(result({"a", "b"}, {})), "");
}

TEST(PrettyTable, NullShowsTheNullValue) {
  auto r = result({"a", "b"}, {{N(), T("x")}});
  EXPECT_EQ(pretty(r), "+---+---+\n| a | b |\n+---+---+\n|   | x |\n+---+---+\n");
  EXPECT_EQ(pretty(r, "NULL"),
            "+------+---+\n| a    | b |\n+------+---+\n| NULL | x |\n+------+---+\n");
}

TEST(PrettyTable, UnicodeWidthsCountCodePoints) {
  // "héllo" is 5 code points (6 bytes), "日本" 2 (6 bytes): padding follows code points.
  auto r = result({"word"}, {{T("h\xC3\xA9llo")}, {T("\xE6\x97\xA5\xE6\x9C\xAC")}});
  EXPECT_EQ(pretty(r),
            "+-------+\n"
            "| word  |\n"
            "+-------+\n"
            "| h\xC3\xA9llo |\n"
            "| \xE6\x97\xA5\xE6\x9C\xAC    |\n"
            "+-------+\n");
}

TEST(PrettyTable, UnicodeColumnName) {
  auto r = result({"\xC3\xA9t\xC3\xA9"}, {{I(1)}});
  EXPECT_EQ(pretty(r), "+-----+\n| \xC3\xA9t\xC3\xA9 |\n+-----+\n| 1   |\n+-----+\n");
}

TEST(PrettyTable, DoublesAsSQLitePrintsThem) {
  auto r = result({"d"}, {{D(1.0)}, {D(0.5)}});
  EXPECT_EQ(pretty(r), "+-----+\n| d   |\n+-----+\n| 1.0 |\n| 0.5 |\n+-----+\n");
}

// --- json ---------------------------------------------------------------------------------

TEST(Json, OneRowAsOsqueryTestsExpect) {
  // tools/tests/test_osqueryi.py: `osqueryi "select 0" --json` prints [\n  {"0":"0"}\n]\n
  EXPECT_EQ(json(result({"0"}, {{I(0)}}), JsonStyle::Compact), "[\n  {\"0\":\"0\"}\n]\n");
}

TEST(Json, KeysSortedValuesStringsRowsJoined) {
  auto r = result({"b", "a"}, {{I(1), T("x")}, {I(2), T("y")}});
  EXPECT_EQ(json(r, JsonStyle::Compact),
            "[\n  {\"a\":\"x\",\"b\":\"1\"},\n  {\"a\":\"y\",\"b\":\"2\"}\n]\n");
}

TEST(Json, ZeroRowsGiveAnEmptyLineInsideBrackets) {
  EXPECT_EQ(json(result({"a"}, {}), JsonStyle::Compact), "[\n\n]\n");
}

TEST(Json, NullIsTheNullValueString) {
  auto r = result({"a"}, {{N()}});
  EXPECT_EQ(json(r, JsonStyle::Compact), "[\n  {\"a\":\"\"}\n]\n");
  EXPECT_EQ(json(r, JsonStyle::Compact, false, "none"), "[\n  {\"a\":\"none\"}\n]\n");
}

TEST(Json, EscapingAsRapidjson) {
  EXPECT_EQ(jsonString("a\"b\\c/d"), "\"a\\\"b\\\\c/d\"");
  EXPECT_EQ(jsonString("\n\t\r\b\f"), "\"\\n\\t\\r\\b\\f\"");
  EXPECT_EQ(jsonString(std::string("\x01\x1f", 2)), "\"\\u0001\\u001F\"");
  EXPECT_EQ(jsonString("\x7f"), "\"\x7f\"");
  EXPECT_EQ(jsonString("h\xC3\xA9"), "\"h\xC3\xA9\"");  // non-ASCII passes through raw
  auto r = result({"k\"ey"}, {{T("line1\nline2")}});
  EXPECT_EQ(json(r, JsonStyle::Compact), "[\n  {\"k\\\"ey\":\"line1\\nline2\"}\n]\n");
}

TEST(Json, RepeatedColumnNameKeepsTheLastValue) {
  auto r = result({"a", "a"}, {{I(1), I(2)}});
  EXPECT_EQ(json(r, JsonStyle::Compact), "[\n  {\"a\":\"2\"}\n]\n");
}

TEST(JsonPretty, OneRowAsOsqueryTestsExpect) {
  EXPECT_EQ(json(result({"0"}, {{I(0)}}), JsonStyle::Pretty), "[\n  {\n    \"0\": \"0\"\n  }\n]\n");
}

TEST(JsonPretty, SeveralRowsAndKeys) {
  auto r = result({"b", "a"}, {{I(1), N()}, {I(2), T("y")}});
  EXPECT_EQ(json(r, JsonStyle::Pretty),
            "[\n"
            "  {\n    \"a\": \"\",\n    \"b\": \"1\"\n  },\n"
            "  {\n    \"a\": \"y\",\n    \"b\": \"2\"\n  }\n"
            "]\n");
}

TEST(JsonPretty, ZeroRowsGiveEmptyBrackets) {
  EXPECT_EQ(json(result({"a"}, {}), JsonStyle::Pretty), "[]\n");
}

TEST(JsonTyped, NumbersAndNull) {
  auto r = result({"i", "d", "n", "t", "neg"}, {{I(42), D(1.5), N(), T("7"), I(-3)}});
  EXPECT_EQ(json(r, JsonStyle::Compact, true),
            "[\n  {\"d\":1.5,\"i\":42,\"n\":null,\"neg\":-3,\"t\":\"7\"}\n]\n");
}

TEST(JsonTyped, NullIgnoresTheNullValue) {
  EXPECT_EQ(json(result({"n"}, {{N()}}), JsonStyle::Compact, true, "NULL"),
            "[\n  {\"n\":null}\n]\n");
}

TEST(JsonTyped, WholeDoublesStayDoublesAndInfinityIsNull) {
  auto r =
      result({"a", "b", "c"}, {{D(2.0), D(std::numeric_limits<double>::infinity()), D(1e100)}});
  EXPECT_EQ(json(r, JsonStyle::Compact, true), "[\n  {\"a\":2.0,\"b\":null,\"c\":1.0e+100}\n]\n");
}

TEST(JsonTyped, Pretty) {
  EXPECT_EQ(json(result({"a", "b"}, {{I(1), N()}}), JsonStyle::Pretty, true),
            "[\n  {\n    \"a\": 1,\n    \"b\": null\n  }\n]\n");
}

// --- line ---------------------------------------------------------------------------------

TEST(Line, NamesRightAlignedToAtLeastFive) {
  auto r = result({"a", "bb"}, {{I(1), T("x")}});
  EXPECT_EQ(print([](auto& o, auto& r, auto& s) { printLines(o, r, s.nullvalue); }, r,
                  settingsFor(OutputMode::Line)),
            "    a = 1\n   bb = x\n");
}

TEST(Line, LongestNameSetsTheWidthBlankLineBetweenRows) {
  auto r = result({"pid", "long_name"}, {{I(1), N()}, {I(2), T("v")}});
  auto s = settingsFor(OutputMode::Line);
  s.nullvalue = "NULL";
  EXPECT_EQ(print([](auto& o, auto& r, auto& s) { printLines(o, r, s.nullvalue); }, r, s),
            "      pid = 1\nlong_name = NULL\n\n      pid = 2\nlong_name = v\n");
}

TEST(Line, ZeroRowsPrintNothing) {
  std::ostringstream out;
  printLines(out, result({"a"}, {}), "");
  EXPECT_EQ(out.str(), "");
}

// --- list ---------------------------------------------------------------------------------

TEST(List, HeaderThenRowsJoinedBySeparatorUnquoted) {
  auto r = result({"a", "b"}, {{I(1), T("x|y \"q\"")}, {N(), T("")}});
  auto s = settingsFor(OutputMode::List);
  EXPECT_EQ(print(printList, r, s), "a|b\n1|x|y \"q\"\n|\n");
  s.header = false;
  s.separator = "::";
  s.nullvalue = "-";
  EXPECT_EQ(print(printList, r, s), "1::x|y \"q\"\n-::\n");
}

TEST(List, ZeroRowsPrintNothingNotEvenTheHeader) {
  EXPECT_EQ(print(printList, result({"a"}, {}), settingsFor(OutputMode::List)), "");
}

// --- csv ----------------------------------------------------------------------------------

TEST(Csv, PlainValuesUnquoted) {
  auto r = result({"a", "b"}, {{I(1), T("abc")}});
  EXPECT_EQ(print(printCsv, r, settingsFor(OutputMode::Csv)), "a,b\n1,abc\n");
}

TEST(Csv, QuotesSeparatorQuoteNewlineAndDoublesQuotes) {
  auto r = result({"v"}, {{T("a,b")}, {T("say \"hi\"")}, {T("two\nlines")}, {T("it's")}});
  EXPECT_EQ(print(printCsv, r, settingsFor(OutputMode::Csv)),
            "v\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"two\nlines\"\n\"it's\"\n");
}

TEST(Csv, QuotesSpacesControlAndNonAsciiAsOsquery) {
  auto r = result({"v"}, {{T("a b")}, {T("tab\there")}, {T("h\xC3\xA9")}});
  EXPECT_EQ(print(printCsv, r, settingsFor(OutputMode::Csv)),
            "v\n\"a b\"\n\"tab\there\"\n\"h\xC3\xA9\"\n");
}

TEST(Csv, NullIsTheNullValueUnquoted) {
  auto r = result({"a", "b"}, {{N(), I(1)}});
  auto s = settingsFor(OutputMode::Csv);
  EXPECT_EQ(print(printCsv, r, s), "a,b\n,1\n");
  s.nullvalue = "N A";  // even with a space in it
  EXPECT_EQ(print(printCsv, r, s), "a,b\nN A,1\n");
}

TEST(Csv, HeaderIsQuotedByTheSameRules) {
  auto r = result({"my col", "b"}, {{I(1), I(2)}});
  EXPECT_EQ(print(printCsv, r, settingsFor(OutputMode::Csv)), "\"my col\",b\n1,2\n");
}

TEST(Csv, OtherSeparatorsQuoteWhenTheyAppear) {
  auto r = result({"v"}, {{T("a;b")}, {T("a,b")}, {T("a::b")}, {T("a:b")}});
  auto s = settingsFor(OutputMode::Csv);
  s.separator = ";";
  EXPECT_EQ(print(printCsv, r, s), "v\n\"a;b\"\na,b\na::b\na:b\n");
  s.separator = "::";
  EXPECT_EQ(print(printCsv, r, s), "v\na;b\na,b\n\"a::b\"\na:b\n");
}

TEST(Csv, NoHeaderAndZeroRows) {
  auto s = settingsFor(OutputMode::Csv);
  s.header = false;
  EXPECT_EQ(print(printCsv, result({"a"}, {{I(1)}}), s), "1\n");
  EXPECT_EQ(print(printCsv, result({"a"}, {}), settingsFor(OutputMode::Csv)), "");
}

// --- column -------------------------------------------------------------------------------

TEST(Column, WidthIsAtLeastTenNameOrFirstValue) {
  auto r = result({"a", "a_long_column_name"}, {{I(1), T("x")}, {I(2), T("y")}});
  EXPECT_EQ(print(printColumns, r, settingsFor(OutputMode::Column)),
            "a           a_long_column_name\n"
            "----------  ------------------\n"
            "1           x                 \n"
            "2           y                 \n");
}

TEST(Column, LaterLongerValuesAreCut) {
  auto r = result({"v"}, {{T("short")}, {T("a value longer than ten")}});
  EXPECT_EQ(print(printColumns, r, settingsFor(OutputMode::Column)),
            "v         \n----------\nshort     \na value lo\n");
}

TEST(Column, FirstValueWidensAndNullUsesNullValue) {
  auto r = result({"v", "w"}, {{T("twelve chars"), N()}});
  auto s = settingsFor(OutputMode::Column);
  s.nullvalue = "NULL";
  EXPECT_EQ(print(printColumns, r, s),
            "v             w         \n"
            "------------  ----------\n"
            "twelve chars  NULL      \n");
}

TEST(Column, WidthsFromDotWidthNegativeRightAligns) {
  auto r = result({"a", "b"}, {{I(1), I(22)}});
  auto s = settingsFor(OutputMode::Column);
  s.widths = {3, -4};
  EXPECT_EQ(print(printColumns, r, s), "a       b\n---  ----\n1      22\n");
}

TEST(Column, NoHeaderAndZeroRows) {
  auto s = settingsFor(OutputMode::Column);
  s.header = false;
  EXPECT_EQ(print(printColumns, result({"a"}, {{I(1)}}), s), "1         \n");
  EXPECT_EQ(print(printColumns, result({"a"}, {}), settingsFor(OutputMode::Column)), "");
}

TEST(Column, UnicodeCountsCodePoints) {
  auto r = result({"w"}, {{T("\xE6\x97\xA5\xE6\x9C\xAC")}});
  EXPECT_EQ(print(printColumns, r, settingsFor(OutputMode::Column)),
            "w         \n----------\n\xE6\x97\xA5\xE6\x9C\xAC        \n");
}

// --- modes --------------------------------------------------------------------------------

TEST(Modes, ParseAsDotModeAccepts) {
  EXPECT_EQ(parseMode("line"), OutputMode::Line);
  EXPECT_EQ(parseMode("lines"), OutputMode::Line);
  EXPECT_EQ(parseMode("column"), OutputMode::Column);
  EXPECT_EQ(parseMode("columns"), OutputMode::Column);
  EXPECT_EQ(parseMode("list"), OutputMode::List);
  EXPECT_EQ(parseMode("csv"), OutputMode::Csv);
  EXPECT_EQ(parseMode("pretty"), OutputMode::Pretty);
  EXPECT_EQ(parseMode("json"), std::nullopt);  // JSON is not a mode in osquery
  EXPECT_EQ(parseMode("lin"), std::nullopt);
  EXPECT_STREQ(modeName(OutputMode::Csv), "csv");
  EXPECT_STREQ(modeName(OutputMode::Pretty), "pretty");
}

// --- batches ------------------------------------------------------------------------------

std::string batch(const OutputSettings& s, const std::vector<QueryResult>& results) {
  std::ostringstream out;
  ResultPrinter printer(out, s);
  for (const auto& r : results) printer.add(r);
  printer.finish();
  return out.str();
}

TEST(ResultPrinter, PrettyStatementsWithTheSameColumnsShareOneTable) {
  OutputSettings s;
  EXPECT_EQ(batch(s, {result({"a"}, {{I(1)}}), result({"a"}, {}), result({"a"}, {{I(22)}})}),
            "+----+\n| a  |\n+----+\n| 1  |\n| 22 |\n+----+\n");
}

TEST(ResultPrinter, PrettyDifferentColumnsStartANewTable) {
  OutputSettings s;
  EXPECT_EQ(batch(s, {result({"a"}, {{I(1)}}), result({"b"}, {{I(2)}})}),
            "+---+\n| a |\n+---+\n| 1 |\n+---+\n+---+\n| b |\n+---+\n| 2 |\n+---+\n");
}

TEST(ResultPrinter, PrettyNothingForNoStatementOrNoRows) {
  OutputSettings s;
  EXPECT_EQ(batch(s, {}), "");
  EXPECT_EQ(batch(s, {result({"a"}, {})}), "");
}

TEST(ResultPrinter, JsonIsOneArrayPerBatchEvenWhenEmpty) {
  OutputSettings s;
  s.json = JsonStyle::Compact;
  EXPECT_EQ(batch(s, {}), "[\n\n]\n");
  EXPECT_EQ(batch(s, {result({"a"}, {{I(1)}}), result({"b"}, {{I(2)}})}),
            "[\n  {\"a\":\"1\"},\n  {\"b\":\"2\"}\n]\n");
  s.json = JsonStyle::Pretty;
  EXPECT_EQ(batch(s, {}), "[]\n");
}

TEST(ResultPrinter, JsonOnlyReplacesThePrettyMode) {
  OutputSettings s;
  s.json = JsonStyle::Compact;
  s.mode = OutputMode::List;
  EXPECT_EQ(batch(s, {result({"a"}, {{I(1)}})}), "a\n1\n");
}

TEST(ResultPrinter, OtherModesPrintEachStatementWithItsHeader) {
  auto s = settingsFor(OutputMode::Csv);
  EXPECT_EQ(batch(s, {result({"a"}, {{I(1)}}), result({"b"}, {{I(2)}})}), "a\n1\nb\n2\n");
  s = settingsFor(OutputMode::Line);
  EXPECT_EQ(batch(s, {result({"a"}, {{I(1)}}), result({"a"}, {{I(2)}})}), "    a = 1\n    a = 2\n");
}

}  // namespace
}  // namespace oqs
