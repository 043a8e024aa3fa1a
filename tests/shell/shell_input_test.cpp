// The shell's input loop and meta-commands on a real kernel Database (kernel tables only),
// through string streams.
#include <gtest/gtest.h>

#include <sstream>

#include "hosts/osqueryi/meta_arguments.h"
#include "hosts/osqueryi/shell.h"
#include "kernel/kernel_tables.h"

namespace oqs {
namespace {

class ShellInput : public ::testing::Test {
 protected:
  ShellInput()
      : loader(registry, flags),
        kernel_tables(registry, flags, loader, "shell"),
        db(registry),
        shell(registry, flags, loader, db, out, err) {
    shell.applyFlags();
  }

  // Runs `text` as piped input; returns process_input's result.
  int run(const std::string& text, int* exit_code = nullptr) {
    std::istringstream in(text);
    StreamLineSource source(in);
    return shell.processInput(source, exit_code);
  }

  oqk::Registry registry;
  oqk::Flags flags;
  oqk::ModuleLoader loader;
  oqk::KernelTables kernel_tables;
  oqk::Database db;
  std::ostringstream out;
  std::ostringstream err;
  Shell shell;
};

TEST_F(ShellInput, StatementsAcrossLinesAndOnOneLine) {
  EXPECT_EQ(run("select 1 as a;\nselect\n  2 as a;\n"), 0);
  EXPECT_EQ(out.str(), "+---+\n| a |\n+---+\n| 1 |\n+---+\n+---+\n| a |\n+---+\n| 2 |\n+---+\n");
  EXPECT_EQ(err.str(), "");
}

TEST_F(ShellInput, SqlWithoutSemicolonRunsAtTheEnd) {
  shell.settings().mode = OutputMode::List;
  EXPECT_EQ(run("select 1 as a;\nselect 2 as b"), 0);
  EXPECT_EQ(out.str(), "a\n1\nb\n2\n");
}

TEST_F(ShellInput, WhitespaceAndCommentLinesAreSkipped) {
  shell.settings().mode = OutputMode::List;
  EXPECT_EQ(run("\n   \n-- a comment\n/* another */\nselect 1 as a; -- trailing\n"), 0);
  EXPECT_EQ(out.str(), "a\n1\n");
  EXPECT_EQ(err.str(), "");
}

TEST_F(ShellInput, ErrorsNameTheLineAndProcessingGoesOn) {
  shell.settings().mode = OutputMode::List;
  EXPECT_EQ(run("select 1 as a;\n\nselec 2;\nselect * from no_such_table;\nselect 3 as c;\n"), 1);
  EXPECT_EQ(out.str(), "a\n1\nc\n3\n");
  EXPECT_EQ(err.str(),
            "Error: near line 3: near \"selec\": syntax error\n"
            "Error: near line 4: no such table: no_such_table\n");
}

TEST_F(ShellInput, ErrorLineOfAStatementSpanningLines) {
  EXPECT_EQ(run("select 1;\nselect *\nfrom\nnope;\n"), 1);
  EXPECT_EQ(err.str(), "Error: near line 2: no such table: nope\n");
}

TEST_F(ShellInput, BailStopsAtTheFirstError) {
  shell.settings().mode = OutputMode::List;
  EXPECT_EQ(run(".bail on\nselect * from nope;\nselect 2 as b;\n"), 1);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str(), "Error: near line 2: no such table: nope\n");
}

TEST_F(ShellInput, ExitStopsReadingAndCarriesItsCode) {
  shell.settings().mode = OutputMode::List;
  int code = 0;
  EXPECT_EQ(run("select 1 as a;\n.exit 3\nselect 2 as b;\n", &code), 0);
  EXPECT_EQ(code, 3);
  EXPECT_EQ(out.str(), "a\n1\n");
  out.str("");
  code = 0;
  EXPECT_EQ(run(".quit\nselect 2;\n", &code), 0);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(out.str(), "");
}

TEST_F(ShellInput, JsonPrintsAnArrayEvenForAFailedStatement) {
  shell.settings().json = JsonStyle::Compact;
  EXPECT_EQ(run("select * from nope;\n"), 1);
  EXPECT_EQ(out.str(), "[\n\n]\n");
}

TEST_F(ShellInput, ModeHeadersSeparatorNullvalue) {
  EXPECT_EQ(run(".mode csv\nselect 1 as a, null as b, 'x y' as c;\n"
                ".headers off\n.separator ;\n.nullvalue NULL\nselect 1 as a, null as b;\n"
                ".mode list\n.headers on\nselect 2 as a, null as b;\n"),
            0);
  EXPECT_EQ(out.str(), "a,b,c\n1,,\"x y\"\n1;NULL\na;b\n2;NULL\n");
}

TEST_F(ShellInput, ModeErrorsAndUnknownCommands) {
  EXPECT_EQ(run(".mode json\n.tables;\n.nosuch\n.mode\n"), 1);
  EXPECT_EQ(err.str(),
            "Error: mode should be one of: column csv line list pretty\n"
            "Error: unknown command or invalid arguments:  \"tables;\". Enter \".help\" for help\n"
            "Error: unknown command or invalid arguments:  \"nosuch\". Enter \".help\" for help\n"
            "Error: unknown command or invalid arguments:  \"mode\". Enter \".help\" for help\n");
}

TEST_F(ShellInput, TablesByPrefixAndAbbreviated) {
  EXPECT_EQ(run(".tables osquery_i\n.ta tim\n"), 0);
  EXPECT_EQ(out.str(), "  => osquery_info\n  => time\n");
}

TEST_F(ShellInput, SchemaPrintsCreateStatements) {
  EXPECT_EQ(run(".schema time\n"), 0);
  EXPECT_EQ(out.str().rfind("CREATE TABLE time(`weekday` TEXT, ", 0), 0u) << out.str();
  EXPECT_NE(out.str().find(");\n"), std::string::npos);
}

TEST_F(ShellInput, AllSelectsEverythingOrNamesTheTable) {
  shell.settings().mode = OutputMode::Line;
  EXPECT_EQ(run(".all time\n"), 0);
  EXPECT_NE(out.str().find("unix_time = "), std::string::npos);
  EXPECT_EQ(run(".all nope\n"), 1);
  EXPECT_EQ(err.str(), "Error querying table: nope\n");
}

TEST_F(ShellInput, PrintJoinsItsWordsAndResolvesQuotes) {
  EXPECT_EQ(run(".print hello \"big world\" 'it''s'\n"), 0);
  EXPECT_EQ(out.str(), "hello big world it s\n");
}

TEST_F(ShellInput, TypesShowsDeclaredColumnTypes) {
  shell.settings().mode = OutputMode::List;
  EXPECT_EQ(run(".types select pid, version from\nosquery_info;\n"), 0);
  EXPECT_EQ(out.str(), "name|type\npid|INTEGER\nversion|TEXT\n");
}

TEST_F(ShellInput, HelpGoesToStderr) {
  EXPECT_EQ(run(".help\n"), 0);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str().rfind("Welcome to the osquery shell. Please explore your OS!\n", 0), 0u);
  EXPECT_NE(err.str().find(".load PATH"), std::string::npos);
}

TEST_F(ShellInput, BooleansAcceptWordsAndNumbersAndWarnOtherwise) {
  EXPECT_EQ(run(".headers 0\n.mode list\nselect 1 as a;\n.headers yes\nselect 2 as b;\n"
                ".headers maybe\nselect 3 as c;\n"),
            0);
  EXPECT_EQ(out.str(), "1\nb\n2\n3\n");
  EXPECT_EQ(err.str(), "ERROR: Not a boolean value: \"maybe\". Assuming \"no\".\n");
}

TEST_F(ShellInput, EchoPrintsInputBeforeRunningIt) {
  shell.settings().mode = OutputMode::List;
  EXPECT_EQ(run(".echo on\nselect 1 as a;\n"), 0);
  EXPECT_EQ(out.str(), "select 1 as a;\na\n1\n");
}

TEST_F(ShellInput, ModulesListsNothingWithoutModules) {
  shell.settings().mode = OutputMode::List;
  EXPECT_EQ(run(".modules\n"), 0);
  EXPECT_EQ(out.str(), "");
}

TEST_F(ShellInput, LoadOfAMissingFileIsAnError) {
  EXPECT_EQ(run(".load /nonexistent/module.so\n"), 1);
  EXPECT_EQ(err.str().rfind("Error: ", 0), 0u);
  EXPECT_EQ(run(".unload nothing_loaded\n"), 1);
}

TEST_F(ShellInput, SingleQueryReturnsTheSqliteCode) {
  EXPECT_EQ(shell.runQuery("select * from nope"), 1);
  EXPECT_EQ(err.str(), "Error: no such table: nope\n");
}

TEST_F(ShellInput, ShowListsShellSettings) {
  EXPECT_EQ(run(".show\n"), 0);
  EXPECT_NE(out.str().find("         mode: pretty\n"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("    separator: \"|\"\n"), std::string::npos);
  EXPECT_NE(out.str().find("Non-default flags/options:\n"), std::string::npos);
}

// --- meta-command words -------------------------------------------------------------------

TEST(MetaArguments, SplitsWordsQuotesAndEscapes) {
  using V = std::vector<std::string>;
  EXPECT_EQ(splitMetaCommand(".mode csv"), (V{"mode", "csv"}));
  EXPECT_EQ(splitMetaCommand(".print  'a b'  \"c\\td\" e\\nf"),
            (V{"print", "a b", "c\td", "e\nf"}));
  EXPECT_EQ(splitMetaCommand(".separator \\t"), (V{"separator", "\t"}));
  EXPECT_EQ(splitMetaCommand(".print '\\t'"), (V{"print", "\\t"}));  // no escapes in '…'
  EXPECT_EQ(splitMetaCommand(".print \"unterminated words"), (V{"print", "unterminated words"}));
  EXPECT_EQ(splitMetaCommand(".print \\101\\102 \\0102"), (V{"print", "AB", "\b2"}));
  EXPECT_EQ(splitMetaCommand("."), V{});
}

TEST(MetaArguments, IntegerValues) {
  EXPECT_EQ(integerValue("42"), 42);
  EXPECT_EQ(integerValue("-7"), -7);
  EXPECT_EQ(integerValue("0x1F"), 31);
  EXPECT_EQ(integerValue("2KiB"), 2048);
  EXPECT_EQ(integerValue("3k"), 3000);
  EXPECT_EQ(integerValue("1MB"), 1000000);
  EXPECT_EQ(integerValue("12abc"), 12);
}

TEST(MetaArguments, BooleanValues) {
  EXPECT_EQ(booleanValue("on"), true);
  EXPECT_EQ(booleanValue("OFF"), false);
  EXPECT_EQ(booleanValue("1"), true);
  EXPECT_EQ(booleanValue("0"), false);
  EXPECT_EQ(booleanValue("0x10"), true);
  EXPECT_EQ(booleanValue("yes"), true);
  EXPECT_EQ(booleanValue("false"), false);
  EXPECT_EQ(booleanValue("maybe"), std::nullopt);
}

TEST(MetaArguments, CommandsMatchByPrefix) {
  EXPECT_TRUE(commandMatches("tab", "tables", 2));
  EXPECT_TRUE(commandMatches("tables", "tables", 2));
  EXPECT_FALSE(commandMatches("t", "tables", 2));
  EXPECT_FALSE(commandMatches("tables;", "tables", 2));
  EXPECT_FALSE(commandMatches("tablesx", "tables", 2));
}

}  // namespace
}  // namespace oqs
