// The YAML goldens (tests/golden/yaml.jsonl, tools/goldens/regenerate_yaml.sh):
// each stream read as yaml.safe_load_all + json.dumps read it (the same JSON
// body, byte for byte, or a load/dump failure where Python has one), each body
// answered as both reference servers answered it, and each v2 error placed
// on the YAML node PyYAML's marks give for its loc.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "golden/golden_cases.hpp"
#include "tfschema/tfschema.hpp"
#include "tfschema/yaml.hpp"

namespace {

struct YamlCase {
  std::string id;
  std::string yaml;
  bool libyaml_differs = false;
  nlohmann::json documents;
};

void PrintTo(const YamlCase& c, std::ostream* os) { *os << c.id; }

std::vector<YamlCase> load_cases() {
  std::vector<YamlCase> cases;
  std::ifstream in(std::string(TFSCHEMA_GOLDEN_DIR) + "/yaml.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const nlohmann::json j = nlohmann::json::parse(line);
    cases.push_back(YamlCase{j.at("id"), tfschema::testing::decode_base64(j.at("yaml_b64").get<std::string>()),
                             j.at("libyaml_differs"), j.at("documents")});
  }
  return cases;
}

// Where libyaml's scanner reads differently from PyYAML's pure-Python one
// that tfschema keeps (docs/yaml.md lists them).
const char* known_divergence(const YamlCase& c) {
  if (c.yaml.find("\\ud8") != std::string::npos || c.yaml.find("\\udc") != std::string::npos)
    return "libyaml refuses surrogate escapes (\\ud83d\\ude00) that PyYAML keeps as lone surrogates";
  if (c.yaml.find("\n\xEF\xBB\xBF") != std::string::npos) return "libyaml skips a BOM at the start of any line";
  return nullptr;
}

bool is_load_problem(tfschema::YamlProblemKind kind) {
  return kind == tfschema::YamlProblemKind::kUnreadable || kind == tfschema::YamlProblemKind::kSyntax ||
         kind == tfschema::YamlProblemKind::kConstruct;
}

void expect_server(tfschema::Profile profile, const tfschema::YamlDocument& doc, const nlohmann::json& answer) {
  tfschema::Validator validator({.profile = profile});
  const tfschema::YamlValidation v = tfschema::validate_yaml_document(validator, doc);
  ASSERT_FALSE(v.problem);
  const int status = answer[0];
  const std::string raw = answer[1];
  if (status == 500) {
    EXPECT_EQ(v.result.http_status(), 422);
    EXPECT_TRUE(v.result.server_cannot_render());
    return;
  }
  EXPECT_EQ(v.result.http_status(), status) << tfschema::profile_name(profile);
  EXPECT_EQ(tfschema::render_fastapi(v.result), status == 200 ? "" : raw) << tfschema::profile_name(profile);
}

class YamlGolden : public ::testing::TestWithParam<YamlCase> {};

TEST_P(YamlGolden, ReadsAndAnswersAsPython) {
  const YamlCase& c = GetParam();
  const tfschema::YamlStream stream = tfschema::read_yaml(c.yaml);
  // Where libyaml's own reading differs from PyYAML's (the generator asks
  // yaml.CSafeLoader), tfschema still reads as PyYAML does (tabs, %YAML 1.x,
  // the composer's depth) except for the divergences docs/yaml.md lists.
  if (c.libyaml_differs && known_divergence(c) != nullptr) GTEST_SKIP() << known_divergence(c);
  ASSERT_EQ(stream.documents.size(), c.documents.size());
  for (size_t i = 0; i < c.documents.size(); ++i) {
    SCOPED_TRACE("document " + std::to_string(i));
    const nlohmann::json& want = c.documents[i];
    const tfschema::YamlDocument& doc = stream.documents[i];
    if (want.contains("load_error")) {
      ASSERT_TRUE(doc.problem) << "Python: " << want["load_error"];
      EXPECT_TRUE(is_load_problem(doc.problem->kind)) << doc.problem->message << " / Python: " << want["load_error"];
      continue;
    }
    if (want.contains("dump_error")) {
      ASSERT_TRUE(doc.problem) << "Python: " << want["dump_error"];
      EXPECT_EQ(doc.problem->kind, tfschema::YamlProblemKind::kNotJson) << doc.problem->message;
      continue;
    }
    ASSERT_FALSE(doc.problem) << doc.problem->message;
    ASSERT_EQ(doc.json_body, want["json"].get<std::string>());
    expect_server(tfschema::Profile::kPydanticV2, doc, want["v2"]);
    expect_server(tfschema::Profile::kPydanticV1, doc, want["v1"]);
    // strict validates the same JSON body, positions mapped into the YAML.
    tfschema::Validator strict({.profile = tfschema::Profile::kStrict});
    const tfschema::YamlValidation from_yaml = tfschema::validate_yaml_document(strict, doc);
    const tfschema::Result from_json = strict.validate(doc.json_body);
    EXPECT_EQ(tfschema::render_fastapi(from_yaml.result), tfschema::render_fastapi(from_json));
    ASSERT_EQ(from_yaml.error_offsets.size(), from_json.errors().size());
    // Each v2 error points at the node its loc names.
    tfschema::Validator v2;
    const tfschema::YamlValidation located = tfschema::validate_yaml_document(v2, doc);
    const nlohmann::json& positions = want["positions"];
    if (c.yaml.rfind("\xEF\xBB\xBF", 0) == 0) continue;  // PyYAML's columns skip the BOM
    if (want["v2"][0] != 422) continue;                  // a 500 lists no errors to place
    ASSERT_EQ(positions.size(), located.result.errors().size());
    for (size_t e = 0; e < positions.size(); ++e) {
      if (positions[e].is_null()) continue;
      const tfschema::LineColumn lc = tfschema::line_column(stream.text, located.error_offsets[e]);
      EXPECT_EQ(lc.line, positions[e][0].get<uint64_t>()) << tfschema::format_loc(located.result.errors()[e]);
      EXPECT_EQ(lc.column, positions[e][1].get<uint64_t>()) << tfschema::format_loc(located.result.errors()[e]);
    }
  }
}

std::string case_name(const ::testing::TestParamInfo<YamlCase>& info) {
  std::string name = std::to_string(info.index) + "_";
  for (char ch : info.param.id) name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Streams, YamlGolden, ::testing::ValuesIn(load_cases()), case_name);

}  // namespace
