// The nginx module's decisions (tfschema_precheck.c) without nginx: which
// requests it judges, which bodies it answers and with what, and that it lets
// the server answer whatever tfschema cannot reproduce. Runs under the
// project's ASan/UBSan build too.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "tfschema_precheck.h"

namespace {

// Allocations for the rendered answer, freed with the arena (as nginx's
// request pool frees them): each one its own heap block, so ASan sees any
// write past the size asked for.
class Arena {
 public:
  ~Arena() {
    for (void* block : blocks_) std::free(block);
  }
  static void* alloc(void* arena, size_t size) {
    auto* self = static_cast<Arena*>(arena);
    if (self->fail_after_ == 0) return nullptr;
    if (self->fail_after_ > 0) --self->fail_after_;
    void* block = std::malloc(size);
    self->blocks_.push_back(block);
    self->sizes_.push_back(size);
    return block;
  }
  void fail_after(int allocations) { fail_after_ = allocations; }
  const std::vector<size_t>& sizes() const { return sizes_; }

 private:
  std::vector<void*> blocks_;
  std::vector<size_t> sizes_;
  int fail_after_ = -1;  // -1: never fail
};

// A body with TFSCHEMA_PADDING readable bytes after it, as the module builds it.
class PaddedBody {
 public:
  explicit PaddedBody(const std::string& text) : bytes_(text.size() + TFSCHEMA_PADDING, '\0'), size_(text.size()) {
    std::memcpy(bytes_.data(), text.data(), text.size());
  }
  const char* data() const { return bytes_.data(); }
  size_t size() const { return size_; }

 private:
  std::vector<char> bytes_;
  size_t size_;
};

class Validator {
 public:
  explicit Validator(tfschema_profile profile, size_t max_errors = 0) {
    tfschema_options options;
    tfschema_precheck_options(profile, max_errors, &options);
    validator_ = tfschema_validator_new(&options);
  }
  ~Validator() { tfschema_validator_free(validator_); }
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  tfschema_precheck_outcome judge(const std::string& text, Arena& arena) {
    const PaddedBody body(text);
    tfschema_precheck_outcome outcome;
    tfschema_precheck_judge(validator_, body.data(), body.size(), Arena::alloc, &arena, &outcome);
    return outcome;
  }

 private:
  tfschema_validator* validator_ = nullptr;
};

const std::string kValid =
    R"({"manifest":{"name":"a","metadata":{},"ml_repo":"abc","source":{"type":"external","uri":"s3://x"}}})";

std::string nested_lists(size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

std::string body_text(const tfschema_precheck_outcome& outcome) {
  return std::string(outcome.body, outcome.body_length);
}

TEST(Applies, PutWithAJsonBodyOnly) {
  EXPECT_TRUE(tfschema_precheck_applies(1, 0, nullptr, 0));  // no Content-Type: FastAPI reads JSON
  EXPECT_TRUE(tfschema_precheck_applies(1, 1, "application/json", 16));
  EXPECT_TRUE(tfschema_precheck_applies(1, 1, "application/vnd.x+json; charset=utf-8", 37));
  EXPECT_FALSE(tfschema_precheck_applies(0, 1, "application/json", 16));  // not a PUT
  EXPECT_FALSE(tfschema_precheck_applies(1, 1, "text/plain", 10));
  EXPECT_FALSE(tfschema_precheck_applies(1, 1, "application/json", 4));   // "appl": the length counts
  EXPECT_FALSE(tfschema_precheck_applies(1, 2, "application/json", 16));  // two headers: the server decides
}

TEST(Options, StopShortOfTheServersStackLimits) {
  tfschema_options options;
  tfschema_precheck_options(TFSCHEMA_PROFILE_PYDANTIC_V1, 7, &options);
  EXPECT_EQ(options.max_depth,
            tfschema_server_max_depth(TFSCHEMA_PROFILE_PYDANTIC_V1) - TFSCHEMA_PRECHECK_DEPTH_MARGIN);
  EXPECT_EQ(options.max_errors, 7u);
  EXPECT_EQ(options.max_body_bytes, SIZE_MAX);
  // v2's echo limit (974) is below its parser's (9,994): the smaller one counts.
  tfschema_precheck_options(TFSCHEMA_PROFILE_PYDANTIC_V2, 0, &options);
  EXPECT_EQ(options.max_depth,
            tfschema_server_max_echo_depth(TFSCHEMA_PROFILE_PYDANTIC_V2) - TFSCHEMA_PRECHECK_DEPTH_MARGIN);
}

TEST(StatusLine, IsTheServersPythons) {
  EXPECT_STREQ(tfschema_precheck_status_line_422(TFSCHEMA_PROFILE_PYDANTIC_V1), "422 Unprocessable Entity");
  EXPECT_STREQ(tfschema_precheck_status_line_422(TFSCHEMA_PROFILE_PYDANTIC_V2), "422 Unprocessable Content");
}

TEST(Judge, InvalidBodyGetsTheServersExact422) {
  Validator validator(TFSCHEMA_PROFILE_PYDANTIC_V1);
  Arena arena;
  const tfschema_precheck_outcome outcome = validator.judge("{}", arena);
  ASSERT_EQ(outcome.verdict, TFSCHEMA_PRECHECK_REJECT);
  EXPECT_EQ(outcome.status, 422);
  EXPECT_EQ(body_text(outcome),
            R"({"detail":[{"loc":["body","manifest"],"msg":"field required","type":"value_error.missing"}]})");
  EXPECT_EQ(outcome.body[outcome.body_length], '\0');
  EXPECT_EQ(outcome.error_count, 1u);
  EXPECT_STREQ(outcome.first_error_type, "value_error.missing");
  EXPECT_STREQ(outcome.reason, "invalid");
}

TEST(Judge, EmptyBodyIsTheServersMissingBody) {
  Validator validator(TFSCHEMA_PROFILE_PYDANTIC_V2);
  Arena arena;
  const tfschema_precheck_outcome outcome = validator.judge("", arena);
  ASSERT_EQ(outcome.verdict, TFSCHEMA_PRECHECK_REJECT);
  EXPECT_EQ(body_text(outcome),
            R"({"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]})");
}

TEST(Judge, ValidBodyPasses) {
  Validator validator(TFSCHEMA_PROFILE_PYDANTIC_V2);
  Arena arena;
  const tfschema_precheck_outcome outcome = validator.judge(kValid, arena);
  EXPECT_EQ(outcome.verdict, TFSCHEMA_PRECHECK_PASS);
  EXPECT_STREQ(outcome.reason, "valid");
  EXPECT_TRUE(arena.sizes().empty());  // nothing allocated for a body that passes
}

TEST(Judge, TheServersOwn400sAnd500sPass) {
  Validator v1(TFSCHEMA_PROFILE_PYDANTIC_V1);
  Validator v2(TFSCHEMA_PROFILE_PYDANTIC_V2);
  Arena arena;
  // Not UTF-8: FastAPI 0.92 answers 400.
  EXPECT_STREQ(v1.judge("{\"manifest\": \"\xff\"}", arena).reason, "server answers 400");
  // v1 answers 500 for an unhashable discriminator; v2 for NaN echoed as input.
  EXPECT_STREQ(
      v1.judge(R"({"manifest":{"name":"a","metadata":{},"ml_repo":"abc","source":{"type":[]}}})", arena).reason,
      "server answers 500");
  EXPECT_STREQ(v2.judge(R"({"manifest": NaN})", arena).reason, "server answers 500");
  EXPECT_TRUE(arena.sizes().empty());
}

TEST(Judge, NestingNearTheServersLimitIsTheServers) {
  Arena arena;
  for (tfschema_profile profile : {TFSCHEMA_PROFILE_PYDANTIC_V1, TFSCHEMA_PROFILE_PYDANTIC_V2}) {
    Validator validator(profile);
    tfschema_options options;
    tfschema_precheck_options(profile, 0, &options);
    EXPECT_EQ(validator.judge(nested_lists(options.max_depth), arena).verdict, TFSCHEMA_PRECHECK_REJECT) << profile;
    EXPECT_STREQ(validator.judge(nested_lists(options.max_depth + 1), arena).reason, "server answers 400") << profile;
  }
}

TEST(Judge, AMillionLevelsDeepPasses) {
  Validator validator(TFSCHEMA_PROFILE_PYDANTIC_V1);
  Arena arena;
  EXPECT_STREQ(validator.judge(nested_lists(1000000), arena).reason, "server answers 400");
  EXPECT_STREQ(validator.judge(std::string(1000000, '['), arena).reason, "server answers 400");
}

TEST(Judge, LongAnswersAreRenderedAgainAtTheirSize) {
  Validator validator(TFSCHEMA_PROFILE_PYDANTIC_V1);
  Arena arena;
  std::string paths;
  for (int i = 0; i < 500; ++i) paths += i == 0 ? "1" : ",1";
  const tfschema_precheck_outcome outcome = validator.judge(
      R"({"manifest":{"name":"a","metadata":{},"ml_repo":"abc","source":{"type":"local","paths":[)" + paths + "]}}}",
      arena);
  ASSERT_EQ(outcome.verdict, TFSCHEMA_PRECHECK_REJECT);
  EXPECT_EQ(outcome.error_count, 500u);
  ASSERT_EQ(arena.sizes().size(), 2u);  // the first guess, then the exact size
  EXPECT_EQ(arena.sizes()[1], outcome.body_length + 1);
  EXPECT_EQ(std::strlen(outcome.body), outcome.body_length);
  EXPECT_EQ(body_text(outcome).substr(0, 10), R"({"detail":)");
}

TEST(Judge, MaxErrorsCutsTheAnswer) {
  Validator validator(TFSCHEMA_PROFILE_PYDANTIC_V2, 1);
  Arena arena;
  const tfschema_precheck_outcome outcome = validator.judge(R"({"manifest":{"name":"a b","metadata":[]}})", arena);
  ASSERT_EQ(outcome.verdict, TFSCHEMA_PRECHECK_REJECT);
  EXPECT_EQ(outcome.error_count, 1u);
}

TEST(Judge, OutOfMemoryFailsOpen) {
  Validator validator(TFSCHEMA_PROFILE_PYDANTIC_V1);
  Arena none;
  none.fail_after(0);
  EXPECT_EQ(validator.judge("{}", none).verdict, TFSCHEMA_PRECHECK_PASS);
  EXPECT_STREQ(validator.judge("{}", none).reason, "out of memory");
  // The second, exact-size allocation fails.
  Arena one;
  one.fail_after(1);
  std::string paths;
  for (int i = 0; i < 500; ++i) paths += i == 0 ? "1" : ",1";
  const tfschema_precheck_outcome outcome = validator.judge(
      R"({"manifest":{"name":"a","metadata":{},"ml_repo":"abc","source":{"type":"local","paths":[)" + paths + "]}}}",
      one);
  EXPECT_EQ(outcome.verdict, TFSCHEMA_PRECHECK_PASS);
  EXPECT_STREQ(outcome.reason, "out of memory");
}

TEST(Judge, NoValidatorFailsOpen) {
  Arena arena;
  const PaddedBody body("{}");
  tfschema_precheck_outcome outcome;
  tfschema_precheck_judge(nullptr, body.data(), body.size(), Arena::alloc, &arena, &outcome);
  EXPECT_EQ(outcome.verdict, TFSCHEMA_PRECHECK_PASS);
  EXPECT_STREQ(outcome.reason, "validator error");
}

}  // namespace
