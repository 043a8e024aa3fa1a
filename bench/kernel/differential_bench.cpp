// The differential of a scheduled query: 100,000 rows against the previous 100,000, half of
// them changed — what one execution of a large query costs the daemon (target: < 150 ms).
//
//   build/bin/kernel_bench --benchmark_filter=Differential
#include <benchmark/benchmark.h>

#include "kernel/result_log.h"
#include "kernel/result_rows.h"

namespace {

oqk::QueryResult makeResult(size_t rows, size_t changed_from) {
  oqk::QueryResult r;
  r.column_names = {"pid", "name", "path", "uid", "resident_size", "state"};
  for (size_t i = 0; i < rows; ++i) {
    // Rows from changed_from on differ from the previous generation in one column.
    int64_t generation = i >= changed_from ? 1 : 0;
    r.rows.push_back({oqk::Cell::ofInteger(static_cast<int64_t>(i)),
                      oqk::Cell::ofText("process-" + std::to_string(i)),
                      oqk::Cell::ofText("/usr/bin/process-" + std::to_string(i % 977)),
                      oqk::Cell::ofInteger(1000), oqk::Cell::ofInteger(4096 * (i + generation)),
                      oqk::Cell::ofText("S")});
  }
  return r;
}

void BM_Differential100kHalfChanged(benchmark::State& state) {
  const size_t n = 100000;
  auto previous = oqk::diffRows({}, oqk::typedRows(makeResult(n, n))).value().current_json;
  auto current = makeResult(n, n / 2);
  oqk::LogItemContext context;
  context.name = "processes";
  context.host_identifier = "host";
  for (auto _ : state) {
    // What one execution does: type the rows, diff them, and format the changed lines.
    auto diff = oqk::diffRows(previous, oqk::typedRows(current));
    auto lines = oqk::differentialEventLines(context, diff->removed, diff->added);
    benchmark::DoNotOptimize(lines);
    state.counters["changed_rows"] = static_cast<double>(diff->added.size() + diff->removed.size());
  }
}
BENCHMARK(BM_Differential100kHalfChanged)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {

// The same, without formatting the log lines: the diff alone.
void BM_DiffOnly100kHalfChanged(benchmark::State& state) {
  const size_t n = 100000;
  auto previous = oqk::diffRows({}, oqk::typedRows(makeResult(n, n))).value().current_json;
  auto current = makeResult(n, n / 2);
  for (auto _ : state) {
    auto diff = oqk::diffRows(previous, oqk::typedRows(current));
    benchmark::DoNotOptimize(diff);
  }
}
BENCHMARK(BM_DiffOnly100kHalfChanged)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
