// Heap use, counted with a replacement global operator new (every C++
// allocation of the process goes through it, simdjson's included): a valid
// body costs no allocation once the validator is warm, a rejected one a
// handful; error building is linear; and the peak heap of validate() +
// render_fastapi() stays within the response plus a small multiple of the
// body at 2,000,000 errors.
#include <gtest/gtest.h>
#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <new>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>

#include "tfschema/tfschema.hpp"

namespace {
std::atomic<size_t> g_allocations{0};
std::atomic<size_t> g_bytes{0};
// Bytes allocated and not yet freed (malloc's usable sizes), and their peak.
std::atomic<size_t> g_live{0};
std::atomic<size_t> g_peak{0};

void* counted(void* p, size_t size) {
  if (p == nullptr) return p;
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  g_bytes.fetch_add(size, std::memory_order_relaxed);
  const size_t usable = malloc_usable_size(p);
  const size_t live = g_live.fetch_add(usable, std::memory_order_relaxed) + usable;
  size_t peak = g_peak.load(std::memory_order_relaxed);
  while (live > peak && !g_peak.compare_exchange_weak(peak, live, std::memory_order_relaxed)) {
  }
  return p;
}
void released(void* p) {
  if (p == nullptr) return;
  g_live.fetch_sub(malloc_usable_size(p), std::memory_order_relaxed);
  std::free(p);
}
}  // namespace

// The replacements below pair malloc with free on both sides; GCC cannot
// see that across the replaced operators.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

void* operator new(size_t size) {
  if (void* p = counted(std::malloc(size == 0 ? 1 : size), size)) return p;
  throw std::bad_alloc();
}
void* operator new[](size_t size) { return operator new(size); }
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  return counted(std::malloc(size == 0 ? 1 : size), size);
}
void* operator new[](size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* p) noexcept { released(p); }
void operator delete[](void* p) noexcept { released(p); }
void operator delete(void* p, size_t) noexcept { released(p); }
void operator delete[](void* p, size_t) noexcept { released(p); }

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

size_t allocations_during(const std::function<void()>& f) {
  const size_t before = g_allocations.load();
  f();
  return g_allocations.load() - before;
}

// A valid body, once the validator is warm: no allocation on any entry point.
void expect_warm_validator_allocates_nothing(const tfschema::Options& options, const std::string& text) {
  const simdjson::padded_string body(text);
  tfschema::Validator validator(options);
  ASSERT_TRUE(validator.is_valid(body));  // warm up
  ASSERT_TRUE(validator.validate(body).ok());
  EXPECT_EQ(allocations_during([&] { EXPECT_TRUE(validator.is_valid(body)); }), 0u);
  EXPECT_EQ(allocations_during([&] { EXPECT_TRUE(validator.validate(body).ok()); }), 0u);
  // The copying overload reuses its padded buffer.
  ASSERT_TRUE(validator.is_valid(std::string_view(text)));
  EXPECT_EQ(allocations_during([&] { EXPECT_TRUE(validator.is_valid(std::string_view(text))); }), 0u);
  EXPECT_EQ(allocations_during([&] { EXPECT_TRUE(validator.validate(std::string_view(text)).ok()); }), 0u);
}

class WarmValidator : public ::testing::TestWithParam<std::tuple<tfschema::Profile, std::string>> {};

TEST_P(WarmValidator, ValidBodyAllocatesNothing) {
  const std::string text = read_file(std::string(TFSCHEMA_BENCH_DATA_DIR) + "/" + std::get<1>(GetParam()));
  ASSERT_FALSE(text.empty());
  expect_warm_validator_allocates_nothing({.profile = std::get<0>(GetParam())}, text);
}

INSTANTIATE_TEST_SUITE_P(BenchBodies, WarmValidator,
                         ::testing::Combine(::testing::Values(tfschema::Profile::kPydanticV2,
                                                              tfschema::Profile::kPydanticV1,
                                                              tfschema::Profile::kStrict),
                                            ::testing::Values("small.json", "medium.json", "large.json")));

// The response schemas (strict only) on the bench's response bodies.
class WarmResponseValidator : public ::testing::TestWithParam<std::tuple<tfschema::Schema, std::string>> {};

TEST_P(WarmResponseValidator, ValidBodyAllocatesNothing) {
  const std::string text = read_file(std::string(TFSCHEMA_BENCH_DATA_DIR) + "/response/" + std::get<1>(GetParam()));
  ASSERT_FALSE(text.empty());
  expect_warm_validator_allocates_nothing({.profile = tfschema::Profile::kStrict, .schema = std::get<0>(GetParam())},
                                          text);
}

INSTANTIATE_TEST_SUITE_P(
    BenchBodies, WarmResponseValidator,
    ::testing::Values(std::make_tuple(tfschema::Schema::kResponse, std::string("response_small.json")),
                      std::make_tuple(tfschema::Schema::kResponse, std::string("response_large.json")),
                      std::make_tuple(tfschema::Schema::kError, std::string("error_422.json"))));

// The counter itself works: an invalid body's diagnostics do allocate.
TEST(AllocationCounter, CountsAllocations) {
  tfschema::Validator validator;
  const std::string text = read_file(std::string(TFSCHEMA_BENCH_DATA_DIR) + "/invalid.json");
  EXPECT_GT(allocations_during([&] { EXPECT_FALSE(validator.validate(std::string_view(text)).ok()); }), 0u);
}

// A body whose paths are `n` copies of `item` (with `separator` between),
// each one error: `{"dest": "d"}` (missing `src`, 15 bytes an error), `{}`
// (3 bytes) or `1` (not an object, 2 bytes).
std::string body_with_paths(size_t n, std::string_view item = R"({"dest": "d"})", std::string_view separator = ", ") {
  std::string body =
      R"({"manifest": {"name": "m", "metadata": {}, "ml_repo": "repo", "source": {"type": "local", "paths": [)";
  body.reserve(body.size() + n * (item.size() + separator.size()) + 8);
  for (size_t i = 0; i < n; ++i) {
    if (i != 0) body += separator;
    body += item;
  }
  body += "]}}}";
  return body;
}

struct Cost {
  size_t allocations;
  size_t bytes;
  size_t peak;      // the most bytes alive at once, above what was alive before
  size_t rendered;  // the response's size
};

// validate() + render_fastapi() on a fresh validator, as a server answering
// one hostile request runs them.
Cost cost_of_validating(tfschema::Profile profile, const std::string& body, size_t expected_errors) {
  const size_t allocations = g_allocations.load();
  const size_t bytes = g_bytes.load();
  const size_t live = g_live.load();
  g_peak.store(live);
  size_t rendered_size = 0;
  {
    tfschema::Validator validator({.profile = profile});
    const tfschema::Result result = validator.validate(body);
    const std::string rendered = tfschema::render_fastapi(result);
    EXPECT_EQ(result.error_count(), expected_errors);
    EXPECT_TRUE(rendered.starts_with("{\"detail\":[{"));
    rendered_size = rendered.size();
  }
  return Cost{g_allocations.load() - allocations, g_bytes.load() - bytes, g_peak.load() - live, rendered_size};
}

// Error building is linear: ten times the bad paths cost about ten times the
// allocations, bytes and peak heap (a quadratic step would cost a hundred
// times), up to the 100,000 bad paths of the hardening requirement. (Time is
// not measured in tests: docs/fast-path-hotspots.md has instructions per error.)
TEST(Complexity, ErrorsScaleLinearly) {
  for (tfschema::Profile profile :
       {tfschema::Profile::kPydanticV2, tfschema::Profile::kPydanticV1, tfschema::Profile::kStrict}) {
    SCOPED_TRACE(std::string(tfschema::profile_name(profile)));
    const Cost small = cost_of_validating(profile, body_with_paths(10000), 10000);
    const Cost large = cost_of_validating(profile, body_with_paths(100000), 100000);
    std::cout << tfschema::profile_name(profile) << ": 10,000 bad paths " << small.allocations << " allocations, "
              << small.bytes << " bytes, peak " << small.peak << "; 100,000: " << large.allocations << ", "
              << large.bytes << ", " << large.peak << "\n";
    EXPECT_LT(large.allocations, 12 * small.allocations) << small.allocations << " -> " << large.allocations;
    EXPECT_LT(large.bytes, 14 * small.bytes) << small.bytes << " -> " << large.bytes;
    EXPECT_LT(large.peak, 14 * small.peak) << small.peak << " -> " << large.peak;
  }
}

// Sanitized builds run several times slower: fewer errors there, enough
// that every body is over the 1 MiB whose buffers a validator keeps.
#if TFSCHEMA_SANITIZED
constexpr size_t kManyErrors = 600000;
#else
constexpr size_t kManyErrors = 2000000;
#endif

// The memory bound against a hostile body: at 2,000,000 errors (30 MB of
// bad paths), the peak heap of validate() + render_fastapi() is at most the
// response plus four times the body. (simdjson's buffers, 5.7 times the
// body, are freed before the response is rendered; the errors cost 24 bytes
// each plus a copy of the body.)
TEST(Memory, PeakIsTheResponsePlusFourTimesTheBody) {
  const std::string body = body_with_paths(kManyErrors);
  for (tfschema::Profile profile :
       {tfschema::Profile::kPydanticV2, tfschema::Profile::kPydanticV1, tfschema::Profile::kStrict}) {
    SCOPED_TRACE(std::string(tfschema::profile_name(profile)));
    const Cost cost = cost_of_validating(profile, body, kManyErrors);
    std::cout << tfschema::profile_name(profile) << ": " << kManyErrors << " errors, body " << body.size()
              << " bytes, response " << cost.rendered << ", peak heap " << cost.peak << " = response + "
              << static_cast<double>(cost.peak - cost.rendered) / static_cast<double>(body.size()) << " x body\n";
    EXPECT_LE(cost.peak, cost.rendered + 4 * body.size());
  }
}

// Denser errors, where the body spends 2 or 3 bytes on each: their 24-byte
// records outweigh the body, so the bound adds them (the response is 40 to
// 80 times the body).
TEST(Memory, DenseErrorsAddTheirRecords) {
  for (const auto& [item, separator] : {std::pair<const char*, const char*>{"{}", ","}, {"1", ","}}) {
    const std::string body = body_with_paths(kManyErrors, item, separator);
    for (tfschema::Profile profile : {tfschema::Profile::kPydanticV2, tfschema::Profile::kPydanticV1}) {
      SCOPED_TRACE(std::string(tfschema::profile_name(profile)) + " " + item);
      const Cost cost = cost_of_validating(profile, body, kManyErrors);
      std::cout << tfschema::profile_name(profile) << " '" << item << "': body " << body.size() << " bytes, response "
                << cost.rendered << ", peak heap " << cost.peak << " = response + "
                << static_cast<double>(cost.peak - cost.rendered) / static_cast<double>(body.size()) << " x body\n";
      EXPECT_LE(cost.peak, cost.rendered + 4 * body.size() + 24 * kManyErrors);
    }
  }
}

// With Options::max_errors, what a server should set: the response is the
// cap's, and the walk keeps at most twice the cap of records, so the peak is
// simdjson's buffers (5.7 times the body) and the padded copy of the body
// (the std::string overload's), whatever the number of errors.
TEST(Memory, CapBoundsTheResponseAndTheRecords) {
  const std::string body = body_with_paths(kManyErrors);
  for (tfschema::Profile profile : {tfschema::Profile::kPydanticV2, tfschema::Profile::kPydanticV1}) {
    SCOPED_TRACE(std::string(tfschema::profile_name(profile)));
    const size_t live = g_live.load();
    g_peak.store(live);
    tfschema::Validator validator({.profile = profile, .max_errors = 100});
    const tfschema::Result result = validator.validate(body);
    const std::string rendered = tfschema::render_fastapi(result);
    EXPECT_EQ(result.error_count(), 100u);
    EXPECT_TRUE(result.truncated());
    const size_t peak = g_peak.load() - live;
    std::cout << tfschema::profile_name(profile) << ", max_errors 100: body " << body.size() << " bytes, response "
              << rendered.size() << ", peak heap " << peak << " = "
              << static_cast<double>(peak) / static_cast<double>(body.size()) << " x body\n";
    EXPECT_LE(peak, 7 * body.size());
    EXPECT_LT(rendered.size(), size_t{20000});
  }
}

// The diagnostic path of a warm validator rendering into a buffer the
// caller keeps: nothing allocated once the previous Result is gone (its
// storage is reused), a handful while the caller still holds it.
TEST(Allocations, RejectedBodyCostsAHandful) {
  const simdjson::padded_string body(read_file(std::string(TFSCHEMA_BENCH_DATA_DIR) + "/invalid.json"));
  for (tfschema::Profile profile :
       {tfschema::Profile::kPydanticV2, tfschema::Profile::kPydanticV1, tfschema::Profile::kStrict}) {
    SCOPED_TRACE(std::string(tfschema::profile_name(profile)));
    tfschema::Validator validator({.profile = profile});
    std::string response;
    const auto answer = [&] {
      const tfschema::Result result = validator.validate(body);
      response.clear();
      tfschema::render_fastapi(result, response);
    };
    answer();
    answer();
    EXPECT_EQ(allocations_during(answer), 0u);
    const tfschema::Result held = validator.validate(body);
    EXPECT_LE(allocations_during(answer), 4u);
    EXPECT_EQ(held.error_count(), profile == tfschema::Profile::kPydanticV1 ? 8u : 11u);
  }
}

}  // namespace
