// Runs work on N threads and hands the results back in input order, with a
// bounded number of batches (and bytes) in flight, so memory stays bounded
// whatever the input size.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace tfschema::cli {

// One body to check: a file, or one line of a JSON-lines input.
struct Body {
  std::string name;  // as printed: the path, or "<stdin>"
  std::string bytes;
  uint64_t line = 1;  // the line the body starts on in its input
  bool jsonl_line = false;
  bool yaml = false;  // a YAML stream of manifests, not a JSON body
};

struct Tally {
  uint64_t files = 0;                             // YAML files read
  uint64_t yaml_documents = 0;                    // of which documents validated (also counted in bodies)
  std::map<std::string, uint64_t> skipped_kinds;  // YAML documents of other kinds, by kind
  uint64_t bodies = 0;
  uint64_t invalid_bodies = 0;
  uint64_t errors = 0;
  uint64_t unreadable_inputs = 0;
  uint64_t bytes = 0;  // input bytes consumed, for the progress bar

  void add(const Tally& other) {
    files += other.files;
    yaml_documents += other.yaml_documents;
    for (const auto& [kind, count] : other.skipped_kinds) skipped_kinds[kind] += count;
    bodies += other.bodies;
    invalid_bodies += other.invalid_bodies;
    errors += other.errors;
    unreadable_inputs += other.unreadable_inputs;
    bytes += other.bytes;
  }
};

// A unit of work: bodies in, rendered output and counts out.
struct Batch {
  uint64_t sequence = 0;  // set by the pipeline
  std::vector<Body> bodies;
  size_t body_bytes = 0;           // what the bodies hold, for the memory bound
  std::string out;                 // for standard output
  std::string err;                 // for standard error (unreadable inputs), printed in order
  std::vector<std::string> rules;  // --format sarif: the rule ids the results in `out` use
  Tally tally;
};

struct PipelineLimits {
  unsigned workers = 1;
  // At most this many batches exist between the producer and the consumer
  // (queued, being worked on, or finished and waiting for their turn).
  size_t max_batches_in_flight = 8;
  // And at most this many body bytes, except that one batch is always let
  // through, however large.
  size_t max_bytes_in_flight = size_t{64} << 20;
  // How often `on_idle` runs while the consumer waits.
  std::chrono::milliseconds idle_interval{100};
};

struct PipelineHooks {
  // Runs on its own thread; calls emit() for each batch in order. emit()
  // blocks while the window is full.
  std::function<void(const std::function<void(Batch&&)>& emit)> produce;
  // Runs on a worker thread; `worker` (0..workers-1) selects per-thread state.
  std::function<void(unsigned worker, Batch& batch)> work;
  // Runs on the calling thread, strictly in production order.
  std::function<void(Batch& batch)> consume;
  // Runs on the calling thread at least every idle_interval (progress bars).
  std::function<void()> on_idle;
};

struct PipelineStats {
  uint64_t batches = 0;
  size_t max_batches_in_flight = 0;  // the most ever seen at once
};

// Returns when every batch has been consumed. Exceptions from the hooks are
// not caught: they must not throw.
PipelineStats run_ordered_pipeline(const PipelineLimits& limits, const PipelineHooks& hooks);

}  // namespace tfschema::cli
