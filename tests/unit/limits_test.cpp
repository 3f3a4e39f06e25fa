// Hostile input is data: limits answer cleanly, deep nesting never reaches
// the C++ stack, and the error cap holds.
#include <gtest/gtest.h>

#include <string>

#include "tfschema/tfschema.hpp"

namespace {

using tfschema::Profile;
using tfschema::Status;

TEST(Limits, NestingFarBeyondEveryLimitIsAnAnswerNotACrash) {
  const std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
  const std::string deep_in_metadata =
      R"({"manifest": {"name": "m", "metadata": {"x": )" + deep + R"(}, "ml_repo": "repo"}})";
  for (const Profile profile : tfschema::kAllProfiles) {
    SCOPED_TRACE(std::string(tfschema::profile_name(profile)));
    tfschema::Validator validator({.profile = profile});
    const Status want = profile == Profile::kStrict ? Status::kLimitExceeded : Status::kBadRequest;
    EXPECT_EQ(validator.validate(deep).status(), want);
    EXPECT_EQ(validator.validate(deep_in_metadata).status(), want);
    EXPECT_FALSE(validator.is_valid(deep_in_metadata));
  }
}

TEST(Limits, ServerDepthLimitsAreTheServers) {
  // v1's server parses 970 nested containers and answers 400 from 971 on;
  // v2's parses 9,994 and answers 400 from 9,995 on (tests/golden/README.md).
  const auto nested = [](size_t n) { return std::string(n, '[') + std::string(n, ']'); };
  tfschema::Validator v1({.profile = Profile::kPydanticV1});
  EXPECT_EQ(v1.validate(nested(970)).status(), Status::kInvalid);
  EXPECT_EQ(v1.validate(nested(971)).status(), Status::kBadRequest);
  EXPECT_EQ(tfschema::server_max_depth(Profile::kPydanticV1), 970u);
  tfschema::Validator v2;
  EXPECT_EQ(tfschema::server_max_depth(Profile::kPydanticV2), 9994u);
  EXPECT_EQ(v2.validate(nested(9994)).status(), Status::kInvalid);
  EXPECT_EQ(v2.validate(nested(9995)).status(), Status::kBadRequest);
  // A caller may set a limit of its own.
  tfschema::Validator shallow({.max_depth = 3});
  EXPECT_EQ(shallow.validate(nested(4)).status(), Status::kBadRequest);
}

TEST(Limits, BodySize) {
  tfschema::Validator validator({.max_body_bytes = 16});
  const tfschema::Result result = validator.validate(std::string(17, ' '));
  EXPECT_EQ(result.status(), Status::kLimitExceeded);
  EXPECT_EQ(result.http_status(), 413);
  EXPECT_FALSE(validator.is_valid(std::string(17, ' ')));
}

TEST(Limits, ErrorCap) {
  std::string body = R"({"manifest": {"source": {"type": "local", "paths": [)";
  for (int i = 0; i < 50; ++i) body += i == 0 ? "1" : ", 1";
  body += "]}}}";
  tfschema::Validator capped({.max_errors = 10});
  const tfschema::Result result = capped.validate(body);
  EXPECT_EQ(result.errors().size(), 10u);
  EXPECT_TRUE(result.truncated());
  tfschema::Validator uncapped;
  EXPECT_EQ(uncapped.validate(body).errors().size(), 53u);  // name, metadata, ml_repo missing + 50 items
  EXPECT_FALSE(uncapped.validate(body).truncated());
}

}  // namespace

namespace {

// A default std::string_view has data() == nullptr: an empty body, not UB
// (found by fuzz_cli_text under UBSan).
TEST(Limits, DefaultStringViewIsAnEmptyBody) {
  tfschema::Validator validator;
  EXPECT_FALSE(validator.is_valid(std::string_view()));
  const tfschema::Result result = validator.validate(std::string_view());
  EXPECT_EQ(result.status(), validator.validate(std::string_view("")).status());
  EXPECT_FALSE(result.ok());
}

}  // namespace
