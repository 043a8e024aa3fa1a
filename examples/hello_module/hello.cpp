// hello.cpp: a complete osquery module with one table, written to be copied.
//
//   SELECT * FROM hello_world WHERE greeting = 'hi';
//
// Build it out of tree against an installed SDK (see CMakeLists.txt beside it), then load it
// into a running shell with `.load /path/to/hello.so` or start `osqueryi --module hello.so`.
#include <osquery_module.hpp>

#include <string>

namespace {

struct HelloWorldTable {
  static constexpr const char* kName = "hello_world";
  static constexpr oqm::Column kColumns[] = {
      {"greeting", oqm::Type::Text, oqm::kIndex},
      {"count", oqm::Type::Integer},
      {"ratio", oqm::Type::Double},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows) {
    // Constraints are hints: honour `greeting = ...` to produce only what was asked for.
    std::vector<std::string> greetings = {"hello", "hi", "hey"};
    if (query.hasEq("greeting")) greetings = query.eq<std::string>("greeting");
    for (size_t i = 0; i < greetings.size() && !rows.done(); ++i) {
      rows.add()
          .set("greeting", greetings[i])
          .set("count", static_cast<int64_t>(i + 1))
          .set("ratio", 1.0 / static_cast<double>(i + 1));
    }
  }
};

}  // namespace

OQM_MODULE("hello", "1.0.0", HelloWorldTable)
