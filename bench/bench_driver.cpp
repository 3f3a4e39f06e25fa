// tfschema_bench_driver SUBJECT BODY [ITERATIONS]: runs one subject of
// tfschema_bench on one body, for profilers. BODY is a name in bench/data
// ("medium") or a path. The verdict is checked first (exit 1 when wrong).
//
// Under callgrind, only the timed loop is collected when started with
// --collect-atstart=no (bench/callgrind.sh does), so that instruction counts
// divided by ITERATIONS price one validation, without setup.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

// The valgrind package ships the header; without it the toggles do nothing.
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_TOGGLE_COLLECT
#endif

#include "bench_inputs.hpp"
#include "subjects.hpp"

namespace tfschema::bench {
namespace {

// Not inlined, so that profiles show the loop as one frame.
template <class Subject>
[[gnu::noinline]] uint64_t run_loop(Subject& subject, const Body& body, uint64_t iterations) {
  uint64_t accepted = 0;
  for (uint64_t i = 0; i < iterations; ++i) accepted += subject.run(body);
  return accepted;
}

template <class Subject>
int drive(Subject& subject, const Body& body, uint64_t iterations) {
  if (const std::string problem = check_verdict(subject, body); !problem.empty()) {
    std::fprintf(stderr, "VERDICT CHECK FAILED on %s: %s\n", body.name.c_str(), problem.c_str());
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  CALLGRIND_TOGGLE_COLLECT;
  const uint64_t accepted = run_loop(subject, body, iterations);
  CALLGRIND_TOGGLE_COLLECT;
  const std::chrono::duration<double, std::nano> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%s: %llu iterations, %llu accepted, %.1f ns/iteration\n", body.name.c_str(),
              static_cast<unsigned long long>(iterations), static_cast<unsigned long long>(accepted),
              elapsed.count() / static_cast<double>(iterations));
  return 0;
}

}  // namespace
}  // namespace tfschema::bench

int main(int argc, char** argv) {
  using namespace tfschema::bench;
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: %s SUBJECT BODY [ITERATIONS]\n", argv[0]);
    return 2;
  }
  const std::string wanted = argv[1];
  const Body body = load_body(TFSCHEMA_BENCH_DATA_DIR, argv[2]);
  const uint64_t iterations = argc == 4 ? std::strtoull(argv[3], nullptr, 10) : 1000;
  const std::string json_schema = json_schema_from_openapi(TFSCHEMA_OPENAPI_PATH);
  int status = -1;
  for_each_subject(json_schema, [&](const std::string& name, auto make) {
    if (name != wanted || status != -1) return;
    auto subject = make();
    status = drive(*subject, body, iterations);
  });
  if (status == -1) {
    std::fprintf(stderr, "unknown subject %s; subjects:", wanted.c_str());
    for_each_subject(json_schema, [](const std::string& name, auto) { std::fprintf(stderr, " %s", name.c_str()); });
    std::fprintf(stderr, "\n");
    return 2;
  }
  return status;
}
