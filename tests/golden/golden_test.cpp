// Every golden case: the reference server's answer, byte for byte.
// The cases come from tools/goldens/regenerate.sh (see tests/golden/README.md).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "golden/golden_cases.hpp"

#include "tfschema/tfschema.hpp"

namespace {

using tfschema::testing::GoldenCase;

// Checks one case against the profile's server answer.
void expect_server_answer(tfschema::Profile profile, const GoldenCase& c) {
  tfschema::Validator validator({.profile = profile});
  const tfschema::Result result = validator.validate(c.body);
  EXPECT_EQ(validator.is_valid(c.body), c.status == 200) << "is_valid disagrees";
  if (c.status == 500) {
    // The server failed to render its 422; we must answer a well-formed one.
    ASSERT_EQ(result.http_status(), 422);
    const std::string rendered = tfschema::render_fastapi(result);
    EXPECT_TRUE(nlohmann::json::accept(rendered)) << rendered;
    EXPECT_TRUE(result.server_cannot_render()) << "no error says why the server could not render: " << rendered;
    return;
  }
  // Only the bodies the server cannot render are flagged.
  EXPECT_FALSE(result.server_cannot_render());
  EXPECT_EQ(result.http_status(), c.status);
  EXPECT_EQ(tfschema::render_fastapi(result), c.status == 200 ? "" : c.raw);
}

class GoldenV2 : public ::testing::TestWithParam<GoldenCase> {};
TEST_P(GoldenV2, MatchesServer) { expect_server_answer(tfschema::Profile::kPydanticV2, GetParam()); }

class GoldenV1 : public ::testing::TestWithParam<GoldenCase> {};
TEST_P(GoldenV1, MatchesServer) { expect_server_answer(tfschema::Profile::kPydanticV1, GetParam()); }

std::string case_name(const ::testing::TestParamInfo<GoldenCase>& info) {
  std::string name = std::to_string(info.index) + "_";
  for (char ch : info.param.id) name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenV2, ::testing::ValuesIn(tfschema::testing::load_golden_cases("v2.jsonl")),
                         case_name);
INSTANTIATE_TEST_SUITE_P(Cases, GoldenV1, ::testing::ValuesIn(tfschema::testing::load_golden_cases("v1.jsonl")),
                         case_name);

}  // namespace
