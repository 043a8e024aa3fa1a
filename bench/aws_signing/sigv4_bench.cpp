// build/bin/aws_signing_bench: signRequest on PutRecords bodies of 64 KiB to 5 MB (the
// per-request maximum). Almost all of it is the one SHA-256 of the body.
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

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

}  // namespace

BENCHMARK_MAIN();
