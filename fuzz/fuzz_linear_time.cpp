// Time per unit of work stays bounded: an input that costs more than
// kMaxRatio times the median cost per unit of the inputs seen so far fails,
// which is how a quadratic path shows that coverage cannot see (an error
// position found by rescanning the body, an echo copied once per error).
//
// The work is what a server or the CLI does with a body: validate() in every
// profile, then render_fastapi() and error_positions() of the result. A unit
// is one byte of body per profile plus kErrorWeight per error, since an
// error-dense body is linear but costs far more per byte than a valid one.
// The errors counted are the reported ones or, if more, the values the body
// holds (a comma, colon or opening bracket before each): the walk records an
// error per bad value before a later syntax error sends the body to the exact
// path, which then reports only that one (a CI run found 1,190 such errors
// before a ",," judged at 50 times the median: linear work, not counted).
//
// Not flaky on a loaded machine: the clock is the thread's CPU time (another
// process's load does not count), a suspect input is measured kRemeasure
// more times and judged on its fastest run, inputs under kMinUnits (fixed
// costs) are not judged, the median needs kWarmup samples first, and the
// ratio is generous: a linear body of any shape stays under a tenth of it
// (docs/fuzzing.md has the measured spread); a quadratic path on a 64 KiB
// body exceeds it by orders of magnitude.
// TFSCHEMA_TIME_LOG=1 prints every judged input's cost (to choose these).
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz/fuzz_common.hpp"
#include "tfschema/tfschema.hpp"

namespace {

constexpr double kMaxRatio = 40;
constexpr size_t kErrorWeight = 16;
constexpr size_t kMinUnits = 2048;
constexpr size_t kWarmup = 64;
constexpr int kRemeasure = 5;
constexpr size_t kWindow = 1024;  // the median is over the last kWindow samples

uint64_t thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

struct Cost {
  uint64_t ns = 0;
  size_t units = 0;
  double per_unit() const { return static_cast<double>(ns) / static_cast<double>(units); }
};

// An upper bound of the errors a walk can record on its way through the body
// (each value but the first follows one of these bytes).
size_t value_count(std::string_view body) {
  return static_cast<size_t>(
      std::count_if(body.begin(), body.end(), [](char c) { return c == ',' || c == ':' || c == '[' || c == '{'; }));
}

// One pass of the work; warm validators, as a server keeps them.
Cost measure(const simdjson::padded_string& body) {
  static std::vector<tfschema::Validator> validators = [] {
    std::vector<tfschema::Validator> out;
    for (const tfschema::Profile profile : tfschema::kAllProfiles)
      out.emplace_back(tfschema::Options{.profile = profile});
    return out;
  }();
  Cost cost;
  const std::string_view view(body.data(), body.size());
  const size_t values = value_count(view);
  const uint64_t start = thread_cpu_ns();
  for (tfschema::Validator& validator : validators) {
    const tfschema::Result result = validator.validate(body);
    // Both live in the library: the calls cannot be optimised away.
    const std::string rendered = tfschema::render_fastapi(result);
    const std::vector<tfschema::LineColumn> positions = tfschema::error_positions(result, view);
    cost.units += body.size() + kErrorWeight * std::max(result.error_count(), values);
  }
  cost.ns = thread_cpu_ns() - start;
  return cost;
}

class Median {
 public:
  size_t size() const { return samples_.size(); }
  void add(double x) {
    if (samples_.size() < kWindow) {
      samples_.push_back(x);
    } else {
      samples_[next_++ % kWindow] = x;
    }
  }
  double get() const {
    std::vector<double> copy = samples_;
    std::nth_element(copy.begin(), copy.begin() + copy.size() / 2, copy.end());
    return copy[copy.size() / 2];
  }

 private:
  std::vector<double> samples_;
  size_t next_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > tfschema::fuzz::kMaxInput) return 0;
  static Median median;
  static const bool log = std::getenv("TFSCHEMA_TIME_LOG") != nullptr;
  const simdjson::padded_string body = tfschema::fuzz::padded_copy(data, size);
  Cost cost = measure(body);
  if (cost.units < kMinUnits) return 0;
  if (median.size() >= kWarmup) {
    const double typical = median.get();
    if (cost.per_unit() > kMaxRatio * typical) {
      for (int i = 0; i < kRemeasure && cost.per_unit() > kMaxRatio * typical; ++i) {
        const Cost again = measure(body);
        if (again.ns < cost.ns) cost = again;
      }
      if (cost.per_unit() > kMaxRatio * typical) {
        tfschema::fuzz::fail(
            "one input costs too much per unit of work",
            std::to_string(cost.per_unit()) + " ns per unit (fastest of " + std::to_string(kRemeasure + 1) + " runs, " +
                std::to_string(cost.units) + " units)",
            "median " + std::to_string(typical) + " ns per unit; limit " + std::to_string(kMaxRatio) + " times that");
      }
    }
    if (log)
      std::fprintf(stderr, "units %zu ns %llu per_unit %.2f ratio %.2f\n", cost.units,
                   static_cast<unsigned long long>(cost.ns), cost.per_unit(), cost.per_unit() / typical);
  }
  median.add(cost.per_unit());
  return 0;
}
