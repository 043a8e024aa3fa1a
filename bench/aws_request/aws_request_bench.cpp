// build/bin/aws_request_bench: the CPU the AWS loggers spend per request besides the HTTP
// round trip. signRequest on PutRecords bodies of 64 KiB to 5 MB (the per-request maximum;
// almost all of it is the one SHA-256 of the body), and formatRecord on a 1 KB result line.
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

#include "log_record_format.h"
#include "sigv4.h"

namespace {

void BM_SignPutRecords(benchmark::State& state) {
  oqm_aws::HttpRequest r;
  r.method = "POST";
  r.path = "/";
  r.headers = {{"Host", "kinesis.eu-west-1.amazonaws.com"},
               {"Content-Type", "application/x-amz-json-1.1"},
               {"X-Amz-Target", "Kinesis_20131202.PutRecords"}};
  r.body.assign(static_cast<size_t>(state.range(0)), 'x');
  const oqm_aws::Credentials c{"AKID", "SECRET", "TOKEN"};
  for (auto _ : state) {
    oqm_aws::signRequest(r, c, "eu-west-1", "kinesis", std::chrono::system_clock::now());
    benchmark::DoNotOptimize(r.headers);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_SignPutRecords)->Arg(64 << 10)->Arg(1 << 20)->Arg(5000000);

void BM_FormatResultLine(benchmark::State& state) {
  const std::string line =
      R"({"name":"pack_fim_files","hostIdentifier":"web-01","calendarTime":"Mon Nov 23 21:16:53 )"
      R"(2026 UTC","unixTime":1795468613,"epoch":0,"counter":12,"numerics":false,"columns":{)"
      R"("n":"42","t":"1795468613","pad":")" +
      std::string(900, 'x') + R"("},"action":"added"})";
  for (auto _ : state) {
    auto r = oqm_aws::formatRecord(line, "result");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_FormatResultLine);

}  // namespace

BENCHMARK_MAIN();
