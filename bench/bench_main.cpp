// tfschema_bench: every subject on every body in bench/data, named
// `<subject>/<body>`, each reporting bytes/s and heap allocations per
// iteration. Each subject's verdict on the body is checked before it is
// timed; a wrong verdict skips the benchmark with an error and makes the
// binary exit non-zero (the ctest smoke relies on it; Google Benchmark itself
// exits 0 on skipped benchmarks).
//
// Environment: TFSCHEMA_BENCH_DATA overrides the bodies' directory.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "alloc_counter.hpp"
#include "bench_inputs.hpp"
#include "subjects.hpp"

#define TFSCHEMA_BENCH_STRINGIFY_(x) #x
#define TFSCHEMA_BENCH_STRINGIFY(x) TFSCHEMA_BENCH_STRINGIFY_(x)

namespace tfschema::bench {
namespace {

int g_failed_checks = 0;

// SkipWithError keeps the pointer it is given: the messages must outlive the run.
const char* keep_message(std::string message) {
  static std::deque<std::string> messages;
  return messages.emplace_back(std::move(message)).c_str();
}

template <class Subject, class Make>
void run_benchmark(benchmark::State& state, const std::string& name, const Make& make, const Body& body) {
  const std::unique_ptr<Subject> subject = make();
  // Checked on every call (Google Benchmark calls once per repetition and
  // while sizing the iteration count), which also warms the subject up:
  // tfschema allocates nothing once it has seen a body of this size.
  if (const std::string problem = check_verdict(*subject, body); !problem.empty()) {
    ++g_failed_checks;
    const std::string message = name + ": " + problem;
    std::fprintf(stderr, "VERDICT CHECK FAILED: %s\n", message.c_str());
    state.SkipWithError(keep_message(message));
    return;
  }
  const uint64_t allocations_before = allocation_count();
  for (auto _ : state) {
    bool verdict = subject->run(body);
    benchmark::DoNotOptimize(verdict);
  }
  const uint64_t allocations = allocation_count() - allocations_before;
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(body.text.size()));
  if (allocations_counted()) {
    state.counters["allocs"] = benchmark::Counter(static_cast<double>(allocations), benchmark::Counter::kAvgIterations);
  }
  if constexpr (requires { subject->errors(); }) state.counters["errors"] = static_cast<double>(subject->errors());
  if constexpr (requires { subject->checksum(); }) benchmark::DoNotOptimize(subject->checksum());
}

void register_benchmarks() {
  const char* data_dir = std::getenv("TFSCHEMA_BENCH_DATA");
  static const std::vector<Body> bodies = load_bodies(data_dir != nullptr ? data_dir : TFSCHEMA_BENCH_DATA_DIR);
  static const std::string json_schema = json_schema_from_openapi(TFSCHEMA_OPENAPI_PATH);
  std::string sizes;  // "small=206 medium=1630 ...", for the report's table headers
  for (const Body& body : bodies)
    sizes += (sizes.empty() ? "" : " ") + body.name + "=" + std::to_string(body.text.size());
  // The response schemas' bodies (strict), in their own folder (optional
  // under TFSCHEMA_BENCH_DATA) so that the request subjects never see them.
  const std::string response_dir =
      (data_dir != nullptr ? std::string(data_dir) : std::string(TFSCHEMA_BENCH_DATA_DIR)) + "/response";
  static const std::vector<Body> responses =
      std::filesystem::is_directory(response_dir) ? load_bodies(response_dir) : std::vector<Body>();
  for (const Body& body : responses) sizes += " " + body.name + "=" + std::to_string(body.text.size());
  benchmark::AddCustomContext("tfschema_bench_bodies", sizes);
  std::string subjects;  // in registration order, for the report (interleaved runs come out shuffled)
  const auto list = [&subjects](const std::string& name, auto) {
    if ((" " + subjects + " ").find(" " + name + " ") == std::string::npos) {
      subjects += (subjects.empty() ? "" : " ") + name;
    }
  };
  for_each_subject(json_schema, list);
  for_each_response_subject(Schema::kResponse, list);
  benchmark::AddCustomContext("tfschema_bench_subjects", subjects);
  for_each_subject(json_schema, [](const std::string& name, auto make) {
    using Subject = typename decltype(make())::element_type;
    for (const Body& body : bodies) {
      const std::string full_name = name + "/" + body.name;
      benchmark::RegisterBenchmark(full_name.c_str(), [full_name, make, &body](benchmark::State& state) {
        run_benchmark<Subject>(state, full_name, make, body);
      });
    }
  });
  for (const Body& body : responses) {
    for_each_response_subject(body.schema, [&body](const std::string& name, auto make) {
      using Subject = typename decltype(make())::element_type;
      const std::string full_name = name + "/" + body.name;
      benchmark::RegisterBenchmark(full_name.c_str(), [full_name, make, &body](benchmark::State& state) {
        run_benchmark<Subject>(state, full_name, make, body);
      });
    });
  }
}

}  // namespace
}  // namespace tfschema::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  // Which SIMD kernels run. tfschema's fast path: the kernel the library
  // chose for this CPU (tfschema::simd_kernel()). The simdjson_walk
  // yardstick: On-Demand is header code, compiled here for this binary's
  // target (bench/CMakeLists.txt compiles the benchmarks for this CPU), so
  // it runs the best kernel this machine has. Stage 1 (the structural
  // index, On-Demand and DOM alike) is in simdjson's shared library, which
  // picks its kernel at run time.
  benchmark::AddCustomContext("tfschema_kernel", std::string(tfschema::simd_kernel()));
  benchmark::AddCustomContext("simdjson_ondemand_kernel", TFSCHEMA_BENCH_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION));
  benchmark::AddCustomContext("simdjson_stage1_kernel", simdjson::get_active_implementation()->name());
  benchmark::AddCustomContext("tfschema_bench_reference",
                              TFSCHEMA_BENCH_HAVE_REFERENCE ? "nlohmann_reference linked" : "reference not built");
  tfschema::bench::register_benchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (tfschema::bench::g_failed_checks != 0) {
    std::fprintf(stderr, "tfschema_bench: %d verdict check(s) failed\n", tfschema::bench::g_failed_checks);
    return 1;
  }
  return 0;
}
