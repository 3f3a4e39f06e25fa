// Differential test: every golden body through tfschema (the fast validators)
// and through the reference validator (reference/: the OpenAPI document
// interpreted plainly on nlohmann/json + RE2). Where the reference judges a
// body, both must give the same verdict and the same (loc, type) list in the
// same order. For the two pydantic profiles the reference is also held to the
// recorded server answer (200, 400 or 422; a 500 says nothing about loc/type).
#include <gtest/gtest.h>

#include <cstddef>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "golden/golden_cases.hpp"
#include "tfschema/tfschema.hpp"
#include "tfschema_reference/reference.hpp"

namespace {

using tfschema::Profile;
using tfschema::reference::RefResult;
using tfschema::testing::GoldenCase;

// Judged bodies must be at least this share of each golden file, so that the
// agreement cannot hold vacuously. (About a fifth of the goldens are JSON
// syntax errors, whose Python positions the reference does not compute, and
// a few percent NaN, lone surrogates, UTF-16/32 or deep nesting: about 70%
// are judged.)
constexpr double kMinJudgedShare = 0.65;
// Failures printed in full per profile; the rest are counted.
constexpr size_t kMaxPrintedFailures = 25;

void append_loc_item(const std::string& key, std::string& out) { out += nlohmann::json(key).dump(); }
void append_loc_item(int64_t index, std::string& out) { out += std::to_string(index); }

// One line per answer: "valid", "status N", or each error as `loc type`.
std::string describe(const tfschema::Result& result) {
  if (result.ok()) return "valid";
  if (result.status() != tfschema::Status::kInvalid) return "status " + std::to_string(result.http_status());
  std::string out = "invalid:";
  for (const tfschema::Error& error : result.errors()) {
    out += " [";
    for (size_t i = 0; i < error.loc.size(); ++i) {
      if (i != 0) out += ',';
      const tfschema::LocItem& item = error.loc[i];
      item.is_index ? append_loc_item(item.index, out) : append_loc_item(item.key, out);
    }
    out += "] " + std::string(error.type) + ";";
  }
  return out;
}

std::string describe(const RefResult& result) {
  if (result.valid) return "valid";
  std::string out = "invalid:";
  for (const tfschema::reference::RefError& error : result.errors) {
    out += " [";
    for (size_t i = 0; i < error.loc.size(); ++i) {
      if (i != 0) out += ',';
      std::visit([&](const auto& item) { append_loc_item(item, out); }, error.loc[i]);
    }
    out += "] " + error.type + ";";
  }
  return out;
}

// The recorded server answer in the same form.
std::string describe_server(const GoldenCase& c) {
  if (c.status == 200) return "valid";
  if (c.status != 422) return "status " + std::to_string(c.status);
  std::string out = "invalid:";
  const nlohmann::json response = nlohmann::json::parse(c.raw);
  for (const nlohmann::json& error : response.at("detail")) {
    out += " [";
    bool first = true;
    for (const nlohmann::json& item : error.at("loc")) {
      if (!first) out += ',';
      first = false;
      item.is_string() ? append_loc_item(item.get<std::string>(), out) : append_loc_item(item.get<int64_t>(), out);
    }
    out += "] " + error.at("type").get<std::string>() + ";";
  }
  return out;
}

// "[json.exception.parse_error.101] parse error at ..." -> "[json.exception.parse_error.101]".
std::string reason_group(const std::string& why) {
  const size_t bracket = why.find(']');
  return why.starts_with('[') && bracket != std::string::npos ? why.substr(0, bracket + 1) : why;
}

void expect_agreement(Profile profile, const std::string& golden_file, bool check_server) {
  const std::vector<GoldenCase> cases = tfschema::testing::load_golden_cases(golden_file);
  ASSERT_FALSE(cases.empty()) << golden_file;
  tfschema::Validator fast({.profile = profile});
  const tfschema::reference::Validator reference(profile);
  size_t judged = 0;
  size_t fast_disagreements = 0;
  size_t server_checked = 0;
  size_t server_disagreements = 0;
  std::map<std::string, size_t> not_judged;
  for (const GoldenCase& c : cases) {
    const RefResult ref = reference.validate(c.body);
    if (!ref.judged) {
      ++not_judged[reason_group(ref.why_not_judged)];
      continue;
    }
    ++judged;
    const std::string expected = describe(ref);
    const std::string actual = describe(fast.validate(c.body));
    if (actual != expected && ++fast_disagreements <= kMaxPrintedFailures) {
      ADD_FAILURE() << c.id << ": tfschema and the reference disagree\n  tfschema:  " << actual
                    << "\n  reference: " << expected;
    }
    if (check_server && c.status != 500) {
      ++server_checked;
      const std::string server = describe_server(c);
      if (server != expected && ++server_disagreements <= kMaxPrintedFailures) {
        ADD_FAILURE() << c.id << ": the reference and the server disagree\n  server:    " << server
                      << "\n  reference: " << expected;
      }
    }
  }
  EXPECT_EQ(fast_disagreements, 0u);
  EXPECT_EQ(server_disagreements, 0u);
  std::cout << "[reference] " << tfschema::profile_name(profile) << ": " << cases.size() << " cases, " << judged
            << " judged (" << (100.0 * static_cast<double>(judged) / static_cast<double>(cases.size())) << "%), "
            << judged - fast_disagreements << " agree with tfschema";
  if (check_server)
    std::cout << ", " << server_checked - server_disagreements << "/" << server_checked << " with the server";
  std::cout << "\n";
  for (const auto& [reason, count] : not_judged) std::cout << "  not judged, " << count << "x: " << reason << "\n";
  EXPECT_GE(static_cast<double>(judged), kMinJudgedShare * static_cast<double>(cases.size()))
      << "the reference judged too few bodies to prove anything";
}

// The document is read, not assumed: loading it from the file gives the
// embedded reading, and a keyword the interpreter does not implement makes
// loading fail instead of being ignored.
TEST(ReferenceSchema, FileAndEmbeddedDocumentAgree) {
  std::string error;
  const auto from_file = tfschema::reference::load_schema_file(TFSCHEMA_OPENAPI_JSON, &error);
  ASSERT_NE(from_file, nullptr) << error;
  const tfschema::reference::Validator embedded(Profile::kPydanticV2);
  const tfschema::reference::Validator loaded(Profile::kPydanticV2, from_file);
  for (const GoldenCase& c : tfschema::testing::load_golden_cases("v2.jsonl")) {
    EXPECT_EQ(describe(loaded.validate(c.body)), describe(embedded.validate(c.body))) << c.id;
  }
}

TEST(ReferenceSchema, RefusesWhatItDoesNotImplement) {
  std::string error;
  EXPECT_EQ(tfschema::reference::load_schema_file("/nonexistent/openapi.json", &error), nullptr);
  nlohmann::ordered_json doc = nlohmann::ordered_json::parse(tfschema::reference::embedded_openapi_json());
  doc["components"]["schemas"]["ArtifactManifest"]["properties"]["name"]["minLength"] = 1;
  EXPECT_EQ(tfschema::reference::parse_schema(doc.dump(), &error), nullptr);
  EXPECT_NE(error.find("minLength"), std::string::npos) << error;
  EXPECT_EQ(tfschema::reference::parse_schema("{}", &error), nullptr);
  // The answers' schemas are read as strictly as the request's.
  doc = nlohmann::ordered_json::parse(tfschema::reference::embedded_openapi_json());
  doc["components"]["schemas"]["ArtifactVersion"]["properties"]["created_at"]["format"] = "uuid";
  EXPECT_EQ(tfschema::reference::parse_schema(doc.dump(), &error), nullptr);
  EXPECT_NE(error.find("uuid"), std::string::npos) << error;
  // A schema the request body does not reach may say anything.
  doc = nlohmann::ordered_json::parse(tfschema::reference::embedded_openapi_json());
  doc["components"]["schemas"]["Unused"] = {{"type", "number"}, {"exclusiveMaximum", 3}};
  EXPECT_NE(tfschema::reference::parse_schema(doc.dump(), &error), nullptr) << error;
}

// A body no server answered: each profile's reading of it, checked by hand
// (and tfschema's).
TEST(ReferenceProfiles, OneBodyThreeWays) {
  const std::string body =
      R"({"manifest": {"name": 5, "metadata": [], "ml_repo": "abc\n", "version": null, "step": "1_0",)"
      R"( "source": {"type": "local", "paths": [{"src": "a", "src": "b", "dest": null}, [["src", "c"]]]}}})";
  const auto errors = [&](Profile profile) {
    std::string reference = describe(tfschema::reference::Validator(profile).validate(body));
    tfschema::Validator fast({.profile = profile});
    EXPECT_EQ(describe(fast.validate(body)), reference) << tfschema::profile_name(profile);
    return reference;
  };
  EXPECT_EQ(errors(Profile::kPydanticV2),
            R"(invalid: ["body","manifest","name"] string_type; ["body","manifest","metadata"] dict_type;)"
            R"( ["body","manifest","ml_repo"] string_pattern_mismatch;)"
            R"( ["body","manifest","source","local","paths",1] model_attributes_type;)");
  EXPECT_EQ(errors(Profile::kPydanticV1), "valid");
  EXPECT_EQ(errors(Profile::kStrict),
            R"(invalid: ["body","manifest","source","paths",0,"src"] duplicate_key;)"
            R"( ["body","manifest","name"] string_type; ["body","manifest","metadata"] dict_type;)"
            R"( ["body","manifest","ml_repo"] string_pattern_mismatch; ["body","manifest","version"] int_type;)"
            R"( ["body","manifest","source","local","paths",0,"dest"] string_type;)"
            R"( ["body","manifest","source","local","paths",1] model_attributes_type;)"
            R"( ["body","manifest","step"] int_type;)");
}

// The response schemas (strict only): every case of the response goldens
// (tests/golden/response.jsonl, error.jsonl), same verdict and same
// (loc, type) list.
void expect_response_agreement(tfschema::Schema document, const std::string& file) {
  std::ifstream in(std::string(TFSCHEMA_GOLDEN_DIR) + "/" + file);
  tfschema::Validator fast({.profile = Profile::kStrict, .schema = document});
  const tfschema::reference::Validator reference(Profile::kStrict, document);
  size_t cases = 0;
  size_t judged = 0;
  size_t invalid = 0;
  size_t disagreements = 0;
  std::string line;
  while (std::getline(in, line)) {
    const nlohmann::json j = nlohmann::json::parse(line);
    const std::string body = j.contains("body_b64")
                                 ? tfschema::testing::decode_base64(j.at("body_b64").get<std::string>())
                                 : j.at("body").get<std::string>();
    ++cases;
    const RefResult ref = reference.validate(body);
    if (!ref.judged) continue;
    ++judged;
    invalid += !ref.valid;
    const std::string expected = describe(ref);
    const std::string actual = describe(fast.validate(body));
    if (actual != expected && ++disagreements <= kMaxPrintedFailures) {
      ADD_FAILURE() << j.at("id").get<std::string>() << ": tfschema and the reference disagree\n  tfschema:  " << actual
                    << "\n  reference: " << expected;
    }
  }
  EXPECT_EQ(disagreements, 0u);
  EXPECT_GE(static_cast<double>(judged), kMinJudgedShare * static_cast<double>(cases)) << file;
  std::cout << "[reference] strict " << file << ": " << cases << " cases, " << judged << " judged (" << invalid
            << " invalid), " << judged - disagreements << " agree with tfschema\n";
}

TEST(ReferenceAgreement, StrictResponse) { expect_response_agreement(tfschema::Schema::kResponse, "response.jsonl"); }
TEST(ReferenceAgreement, StrictError) { expect_response_agreement(tfschema::Schema::kError, "error.jsonl"); }

TEST(ReferenceAgreement, PydanticV2) { expect_agreement(Profile::kPydanticV2, "v2.jsonl", true); }
TEST(ReferenceAgreement, PydanticV1) { expect_agreement(Profile::kPydanticV1, "v1.jsonl", true); }
// The strict profile has no server; it reads the same bodies.
TEST(ReferenceAgreement, Strict) { expect_agreement(Profile::kStrict, "v2.jsonl", false); }

}  // namespace
