// A valid body costs no heap allocation once the validator is warm: counted
// with a replacement global operator new.
#include <gtest/gtest.h>

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
#include <vector>

#include "tfschema/tfschema.hpp"

namespace {
std::atomic<size_t> g_allocations{0};
std::atomic<size_t> g_bytes{0};
}  // namespace

// The replacements below pair malloc with free on both sides; GCC cannot
// see that across the replaced operators.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

void* operator new(size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  g_bytes.fetch_add(size, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](size_t size) { return operator new(size); }
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  g_bytes.fetch_add(size, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }

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
                         ::testing::Combine(::testing::ValuesIn(tfschema::kAllProfiles),
                                            ::testing::Values("small.json", "medium.json", "large.json")));

// The response schemas, in every profile that validates them, on the bench's
// response bodies.
using ResponseCase = std::tuple<tfschema::Profile, tfschema::Schema, std::string>;
class WarmResponseValidator : public ::testing::TestWithParam<ResponseCase> {};

TEST_P(WarmResponseValidator, ValidBodyAllocatesNothing) {
  const auto& [profile, schema, file] = GetParam();
  const std::string text = read_file(std::string(TFSCHEMA_BENCH_DATA_DIR) + "/response/" + file);
  ASSERT_FALSE(text.empty());
  expect_warm_validator_allocates_nothing({.profile = profile, .schema = schema}, text);
}

std::vector<ResponseCase> response_cases() {
  const std::pair<tfschema::Schema, std::string> bodies[] = {{tfschema::Schema::kResponse, "response_small.json"},
                                                             {tfschema::Schema::kResponse, "response_large.json"},
                                                             {tfschema::Schema::kError, "error_422.json"}};
  std::vector<ResponseCase> cases;
  for (const tfschema::Profile profile : tfschema::kAllProfiles) {
    for (const auto& [schema, file] : bodies) {
      if (tfschema::schema_implemented(profile, schema)) cases.emplace_back(profile, schema, file);
    }
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(BenchBodies, WarmResponseValidator, ::testing::ValuesIn(response_cases()));

// The counter itself works: an invalid body's diagnostics do allocate.
TEST(AllocationCounter, CountsAllocations) {
  tfschema::Validator validator;
  const std::string text = read_file(std::string(TFSCHEMA_BENCH_DATA_DIR) + "/invalid.json");
  EXPECT_GT(allocations_during([&] { EXPECT_FALSE(validator.validate(std::string_view(text)).ok()); }), 0u);
}

// A body whose local source has `n` paths, each missing `src`: n errors.
std::string body_with_bad_paths(size_t n) {
  std::string body =
      R"({"manifest": {"name": "m", "metadata": {}, "ml_repo": "repo", "source": {"type": "local", "paths": [)";
  for (size_t i = 0; i < n; ++i) body += i == 0 ? R"({"dest": "d"})" : R"(, {"dest": "d"})";
  body += "]}}}";
  return body;
}

struct Cost {
  size_t allocations;
  size_t bytes;
};

Cost cost_of_validating(tfschema::Profile profile, const std::string& body, size_t expected_errors) {
  tfschema::Validator validator({.profile = profile});
  const size_t allocations = g_allocations.load();
  const size_t bytes = g_bytes.load();
  const tfschema::Result result = validator.validate(body);
  const std::string rendered = tfschema::render_fastapi(result);
  EXPECT_EQ(result.errors().size(), expected_errors);
  EXPECT_FALSE(rendered.empty());
  return Cost{g_allocations.load() - allocations, g_bytes.load() - bytes};
}

// Error building is linear: ten times the bad paths cost about ten times the
// allocations and bytes (a quadratic step would cost a hundred times), up to
// the 100,000 bad paths of the hardening requirement.
TEST(Complexity, ErrorsScaleLinearly) {
  for (const tfschema::Profile profile : tfschema::kAllProfiles) {
    SCOPED_TRACE(std::string(tfschema::profile_name(profile)));
    const Cost small = cost_of_validating(profile, body_with_bad_paths(10000), 10000);
    const Cost large = cost_of_validating(profile, body_with_bad_paths(100000), 100000);
    std::cout << tfschema::profile_name(profile) << ": 10,000 bad paths " << small.allocations << " allocations, "
              << small.bytes << " bytes; 100,000: " << large.allocations << ", " << large.bytes << "\n";
    EXPECT_LT(large.allocations, 12 * small.allocations) << small.allocations << " -> " << large.allocations;
    EXPECT_LT(large.bytes, 14 * small.bytes) << small.bytes << " -> " << large.bytes;
  }
}

}  // namespace
