// Every golden case: the reference server's answer, byte for byte.
// The cases come from tools/goldens/regenerate.sh (see tests/golden/README.md).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tfschema/tfschema.hpp"

namespace {

struct GoldenCase {
  std::string id;
  std::string body;
  int status = 0;
  std::string raw;
};

std::string decode_base64(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : in) {
    const int v = value(c);
    if (v < 0) continue;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  return out;
}

// Each case holds the exact bytes the oracle sent, base64-encoded (a body
// may hold lone surrogates or invalid UTF-8, which a JSON string cannot).
std::vector<GoldenCase> load(const std::string& file) {
  std::vector<GoldenCase> cases;
  std::ifstream in(std::string(TFSCHEMA_GOLDEN_DIR) + "/" + file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const nlohmann::json j = nlohmann::json::parse(line);
    GoldenCase c;
    c.id = j.at("id").get<std::string>();
    c.body = decode_base64(j.at("body_b64").get<std::string>());
    c.status = j.at("status").get<int>();
    c.raw = j.at("raw").get<std::string>();
    cases.push_back(std::move(c));
  }
  return cases;
}

class GoldenV2 : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenV2, MatchesServer) {
  const GoldenCase& c = GetParam();
  tfschema::Validator validator;
  const tfschema::Result result = validator.validate(c.body);
  EXPECT_EQ(validator.is_valid(c.body), c.status == 200) << "is_valid disagrees";
  if (c.status == 500) {
    // The server failed to render its 422; we must answer a well-formed one.
    ASSERT_EQ(result.http_status(), 422);
    const std::string rendered = tfschema::render_fastapi(result);
    EXPECT_TRUE(nlohmann::json::accept(rendered)) << rendered;
    bool flagged = false;
    for (const tfschema::Error& e : result.errors()) flagged |= e.server_cannot_render;
    EXPECT_TRUE(flagged) << "no error says why the server could not render: " << rendered;
    return;
  }
  EXPECT_EQ(result.http_status(), c.status);
  EXPECT_EQ(tfschema::render_fastapi(result), c.status == 200 ? "" : c.raw);
}

std::string case_name(const ::testing::TestParamInfo<GoldenCase>& info) {
  std::string name = std::to_string(info.index) + "_";
  for (char ch : info.param.id) name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenV2, ::testing::ValuesIn(load("v2.jsonl")), case_name);

}  // namespace
