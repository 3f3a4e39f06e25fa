// One table per rule: a body and the exact error list the pydantic-v2
// profile reports for it (each row's answer was checked against the v2
// server; the golden suite covers the same ground byte for byte).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/lax_int.hpp"
#include "tfschema/tfschema.hpp"

namespace {

// "loc|type|input" per error, loc dotted as format_loc() prints it.
using ErrorList = std::vector<std::string>;

struct Row {
  const char* name;
  std::string body;
  ErrorList errors;
};

// A valid manifest with one member replaced (or removed, with value "").
std::string manifest_with(const std::string& member, const std::string& value) {
  const std::vector<std::pair<std::string, std::string>> members = {
      {"name", "\"churn\""},
      {"metadata", "{\"k\": 1}"},
      {"ml_repo", "\"demo-repo\""},
      {"source", "{\"type\": \"external\", \"uri\": \"s3://b/k\"}"},
  };
  std::string out = "{\"manifest\": {";
  bool replaced = false;
  const auto append_member = [&](const std::string& key, const std::string& v) {
    if (out.back() != '{') out += ", ";
    out += '"';
    out += key;
    out += "\": ";
    out += v;
  };
  for (const auto& [key, original] : members) {
    const std::string& v = key == member ? value : original;
    replaced |= key == member;
    if (!v.empty()) append_member(key, v);
  }
  if (!replaced && !value.empty()) append_member(member, value);
  out += "}}";
  return out;
}

std::string repeat(const std::string& s, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += s;
  return out;
}

ErrorList errors_of(const std::string& body, tfschema::Profile profile = tfschema::Profile::kPydanticV2) {
  tfschema::Validator validator({.profile = profile});
  const tfschema::Result result = validator.validate(body);
  EXPECT_EQ(validator.is_valid(body), result.ok()) << "the two entry points disagree";
  ErrorList out;
  for (const tfschema::Error& e : result.errors()) {
    out.push_back(tfschema::format_loc(e) + "|" + std::string(e.type) + "|" + e.input_json);
  }
  return out;
}

void run_table(const std::vector<Row>& rows, tfschema::Profile profile = tfschema::Profile::kPydanticV2) {
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_EQ(errors_of(row.body, profile), row.errors) << row.body;
  }
}

TEST(Rules, Body) {
  run_table({
      {"valid", manifest_with("", ""), {}},
      {"empty", "", {"body|missing|null"}},
      {"null", "null", {"body|missing|null"}},
      {"array", "[1]", {"body|model_attributes_type|[1]"}},
      {"string", "\"x\"", {"body|model_attributes_type|\"x\""}},
      {"no manifest", "{\"other\": 1}", {"body.manifest|missing|{\"other\":1}"}},
      {"manifest null", "{\"manifest\": null}", {"body.manifest|model_attributes_type|null"}},
      {"syntax", "{\"manifest\": }", {"body[13]|json_invalid|{}"}},
  });
}

TEST(Rules, Name) {
  run_table({
      {"missing",
       manifest_with("name", ""),
       {"body.manifest.name|missing|{\"metadata\":{\"k\":1},\"ml_repo\":\"demo-repo\",\"source\":{\"type\":"
        "\"external\",\"uri\":\"s3://b/k\"}}"}},
      {"number", manifest_with("name", "5"), {"body.manifest.name|string_type|5"}},
      {"null", manifest_with("name", "null"), {"body.manifest.name|string_type|null"}},
      {"256 chars", manifest_with("name", "\"" + std::string(256, 'a') + "\""), {}},
      {"257 chars",
       manifest_with("name", "\"" + std::string(257, 'a') + "\""),
       {"body.manifest.name|string_too_long|\"" + std::string(257, 'a') + "\""}},
      {"too long wins over pattern",
       manifest_with("name", "\"" + std::string(257, '!') + "\""),
       {"body.manifest.name|string_too_long|\"" + std::string(257, '!') + "\""}},
      {"pattern", manifest_with("name", "\"a b\""), {"body.manifest.name|string_pattern_mismatch|\"a b\""}},
      {"trailing newline",
       manifest_with("name", "\"ab\\n\""),
       {"body.manifest.name|string_pattern_mismatch|\"ab\\n\""}},
      {"escaped key",
       "{\"manifest\": {\"n\\u0061me\": \"x\", \"metadata\": {}, \"ml_repo\": \"abc\", "
       "\"source\": {\"type\": \"truefoundry\"}}}",
       {}},
      {"lone surrogate",
       manifest_with("name", "\"a\\ud800\""),
       {"body.manifest.name|string_unicode|\"a\xEF\xBF\xBD\""}},
      {"duplicate, last wins",
       "{\"manifest\": {\"name\": \"bad name\", \"name\": \"good\", \"metadata\": {}, "
       "\"ml_repo\": \"abc\", \"source\": {\"type\": \"truefoundry\"}}}",
       {}},
  });
}

TEST(Rules, MlRepoAndMetadata) {
  run_table({
      {"ml_repo 2 chars", manifest_with("ml_repo", "\"ab\""), {"body.manifest.ml_repo|string_pattern_mismatch|\"ab\""}},
      {"ml_repo 3 chars", manifest_with("ml_repo", "\"a-b\""), {}},
      {"ml_repo ends with -",
       manifest_with("ml_repo", "\"ab-\""),
       {"body.manifest.ml_repo|string_pattern_mismatch|\"ab-\""}},
      {"metadata list", manifest_with("metadata", "[]"), {"body.manifest.metadata|dict_type|[]"}},
      {"metadata null", manifest_with("metadata", "null"), {"body.manifest.metadata|dict_type|null"}},
      {"metadata NaN inside", manifest_with("metadata", "{\"x\": NaN, \"y\": 1e400}"), {}},
      {"echo drops _sa keys, prints floats as Python",
       "{\"manifest\": {\"metadata\": {\"_sa\": 1, \"k\": 1.5E3, \"_sa_x\": NaN}, \"ml_repo\": \"abc\", "
       "\"source\": {\"type\": \"truefoundry\"}}}",
       {"body.manifest.name|missing|{\"metadata\":{\"k\":1500.0},\"ml_repo\":\"abc\",\"source\":{\"type\":"
        "\"truefoundry\"}}"}},
  });
}

TEST(Rules, IntegerCoercions) {
  run_table({
      {"version string", manifest_with("version", "\" 7 \""), {}},
      {"version 1.0 string", manifest_with("version", "\"1.0\""), {}},
      {"version underscores", manifest_with("version", "\"1_000\""), {}},
      {"version double underscore",
       manifest_with("version", "\"1__0\""),
       {"body.manifest.version|int_parsing|\"1__0\""}},
      {"version true", manifest_with("version", "true"), {}},
      {"version false", manifest_with("version", "false"), {"body.manifest.version|greater_than_equal|false"}},
      {"version 0", manifest_with("version", "0"), {"body.manifest.version|greater_than_equal|0"}},
      {"version 1e2", manifest_with("version", "1e2"), {}},
      {"version 1.5", manifest_with("version", "1.5"), {"body.manifest.version|int_from_float|1.5"}},
      {"version 1e19", manifest_with("version", "1e19"), {"body.manifest.version|int_parsing_size|1e+19"}},
      {"version huge int", manifest_with("version", "123456789012345678901234567890"), {}},
      {"version huge negative",
       manifest_with("version", "-123456789012345678901234567890"),
       {"body.manifest.version|greater_than_equal|-123456789012345678901234567890"}},
      {"version null", manifest_with("version", "null"), {}},
      {"version list", manifest_with("version", "[]"), {"body.manifest.version|int_type|[]"}},
      {"step null", manifest_with("step", "null"), {"body.manifest.step|int_type|null"}},
      {"step -1", manifest_with("step", "-1"), {"body.manifest.step|greater_than_equal|-1"}},
      // Found by fuzz_differential: simdjson 3.0.1's get_number() reads this as 0.0.
      {"step long float",
       manifest_with("step", "-" + std::string(141, '4') + "." + std::string(416, '4')),
       {"body.manifest.step|int_parsing_size|-4.444444444444444e+140"}},
      {"step \"-0\"", manifest_with("step", "\"-0\""), {}},
  });
}

TEST(Rules, LiteralAndOptionalStrings) {
  run_table({
      {"type ok", manifest_with("type", "\"artifact-version\""), {}},
      {"type other", manifest_with("type", "\"model\""), {"body.manifest.type|literal_error|\"model\""}},
      {"type null", manifest_with("type", "null"), {"body.manifest.type|literal_error|null"}},
      {"description 513",
       manifest_with("description", "\"" + std::string(513, 'd') + "\""),
       {"body.manifest.description|string_too_long|\"" + std::string(513, 'd') + "\""}},
      {"description 512 code points", manifest_with("description", "\"" + repeat("\xC3\xA9", 512) + "\""), {}},
      {"description 513 code points",
       manifest_with("description", "\"" + repeat("\xC3\xA9", 513) + "\""),
       {"body.manifest.description|string_too_long|\"" + repeat("\xC3\xA9", 513) + "\""}},
      {"version_alias v1.0", manifest_with("version_alias", "\"v1.0\""), {}},
      {"version_alias v1.",
       manifest_with("version_alias", "\"v1.\""),
       {"body.manifest.version_alias|string_pattern_mismatch|\"v1.\""}},
      {"run_id number", manifest_with("run_id", "7"), {"body.manifest.run_id|string_type|7"}},
      {"run_id lone surrogate is a str", manifest_with("run_id", "\"\\udc00\""), {}},
  });
}

TEST(Rules, SourceUnion) {
  const std::string src = "body.manifest.source";
  run_table({
      {"string", manifest_with("source", "\"x\""), {src + "|model_attributes_type|\"x\""}},
      {"no type",
       manifest_with("source", "{\"uri\": \"s3://x\"}"),
       {src + "|union_tag_not_found|{\"uri\":\"s3://x\"}"}},
      {"unknown tag", manifest_with("source", "{\"type\": \"gcs\"}"), {src + "|union_tag_invalid|{\"type\":\"gcs\"}"}},
      {"null tag", manifest_with("source", "{\"type\": null}"), {src + "|union_tag_invalid|{\"type\":null}"}},
      {"external without uri",
       manifest_with("source", "{\"type\": \"external\"}"),
       {src + ".external.uri|missing|{\"type\":\"external\"}"}},
      {"external bad uri",
       manifest_with("source", "{\"type\": \"external\", \"uri\": \"http://x\"}"),
       {src + ".external.uri|string_pattern_mismatch|\"http://x\""}},
      {"truefoundry null uri", manifest_with("source", "{\"type\": \"truefoundry\", \"uri\": null}"), {}},
      {"last type wins",
       manifest_with("source", "{\"type\": \"external\", \"uri\": \"s3://x\", \"type\": \"local\"}"),
       {src + ".local.paths|missing|{\"type\":\"local\",\"uri\":\"s3://x\"}"}},
      {"paths not a list",
       manifest_with("source", "{\"type\": \"local\", \"paths\": {}}"),
       {src + ".local.paths|list_type|{}"}},
      {"every bad path reported",
       manifest_with("source",
                     "{\"type\": \"local\", \"paths\": [{\"dest\": \"a\"}, 5, {\"src\": 1, \"dest\": null}]}"),
       {src + ".local.paths[0].src|missing|{\"dest\":\"a\"}", src + ".local.paths[1]|model_attributes_type|5",
        src + ".local.paths[2].src|string_type|1"}},
  });
}

TEST(Rules, ErrorsComeInDeclarationOrder) {
  EXPECT_EQ(errors_of("{\"manifest\": {\"step\": \"x\", \"name\": \"!\", \"zzz\": 1}}"),
            (ErrorList{"body.manifest.name|string_pattern_mismatch|\"!\"",
                       "body.manifest.metadata|missing|{\"step\":\"x\",\"name\":\"!\",\"zzz\":1}",
                       "body.manifest.ml_repo|missing|{\"step\":\"x\",\"name\":\"!\",\"zzz\":1}",
                       "body.manifest.source|missing|{\"step\":\"x\",\"name\":\"!\",\"zzz\":1}",
                       "body.manifest.step|int_parsing|\"x\""}));
}

// What ajv cannot judge (the bodies are not JSON it can read faithfully),
// and the places where strict differs from the pydantic profiles.
TEST(Rules, Strict) {
  run_table(
      {
          {"valid", manifest_with("", ""), {}},
          {"version 1.0 is an integer", manifest_with("version", "1.0"), {}},
          {"version 1e400 is a whole number", manifest_with("version", "1e400"), {}},
          {"version string", manifest_with("version", "\"1\""), {"body.manifest.version|int_type|\"1\""}},
          {"version true", manifest_with("version", "true"), {"body.manifest.version|int_type|true"}},
          {"version 1.5", manifest_with("version", "1.5"), {"body.manifest.version|int_from_float|1.5"}},
          {"description null", manifest_with("description", "null"), {"body.manifest.description|string_type|null"}},
          {"ml_repo trailing newline",
           manifest_with("ml_repo", "\"abc\\n\""),
           {"body.manifest.ml_repo|string_pattern_mismatch|\"abc\\n\""}},
          {"null body", "null", {"body|model_attributes_type|null"}},
          {"duplicate in metadata",
           manifest_with("metadata", "{\"k\": 1, \"k\": 2}"),
           {"body.manifest.metadata.k|duplicate_key|2"}},
          {"duplicate schema key, both reported",
           "{\"manifest\": 1, \"manifest\": {}}",
           {"body.manifest|duplicate_key|{}", "body.manifest.name|missing|{}", "body.manifest.metadata|missing|{}",
            "body.manifest.ml_repo|missing|{}", "body.manifest.source|missing|{}"}},
          {"NaN", manifest_with("metadata", "{\"k\": NaN}"), {"body[49]|json_invalid|{}"}},
          {"BOM", std::string("\xEF\xBB\xBF").append(manifest_with("", "")), {"body[0]|json_invalid|{}"}},
          {"trailing comma", "{\"manifest\": {},}", {"body[15]|json_invalid|{}"}},
          {"lone surrogate escape", manifest_with("run_id", "\"\\ud800\""), {"body[139]|json_invalid|{}"}},
          {"invalid UTF-8", manifest_with("run_id", "\"\xC3\""), {"body[139]|json_invalid|{}"}},
      },
      tfschema::Profile::kStrict);
}

// The v1 rows the v2 server would answer differently.
TEST(Rules, PydanticV1) {
  run_table(
      {
          {"name from a number", manifest_with("name", "123"), {}},
          {"name from true", manifest_with("name", "true"), {}},
          {"metadata from pairs", manifest_with("metadata", "[[\"a\", 1], \"bc\"]"), {}},
          {"metadata with a None key",
           manifest_with("metadata", "[[null, 1]]"),
           {"body.manifest.metadata.__key__|type_error.none.not_allowed|"}},
          {"manifest from pairs",
           "{\"manifest\": [[\"name\", \"x\"]]}",
           {"body.manifest.metadata|value_error.missing|", "body.manifest.ml_repo|value_error.missing|",
            "body.manifest.source|value_error.missing|"}},
          {"manifest from pairs with a number key", "{\"manifest\": [[1, \"x\"]]}", {"body.manifest|type_error|"}},
          {"version 1.5 truncated", manifest_with("version", "1.5"), {}},
          {"version Arabic-Indic digit", manifest_with("version", "\"\xD9\xA1\""), {}},
          {"version 1.0 string", manifest_with("version", "\"1.0\""), {"body.manifest.version|type_error.integer|"}},
          {"name trailing newline", manifest_with("name", "\"ab\\n\""), {}},
          {"null name", manifest_with("name", "null"), {"body.manifest.name|type_error.none.not_allowed|"}},
          {"source string",
           manifest_with("source", "\"x\""),
           {"body.manifest.source|value_error.discriminated_union.missing_discriminator|"}},
          {"type list", manifest_with("type", "[]"), {"body.manifest.type|type_error|"}},
          {"local source loc",
           manifest_with("source", "{\"type\": \"local\"}"),
           {"body.manifest.source.LocalArtifactSource.paths|value_error.missing|"}},
      },
      tfschema::Profile::kPydanticV1);
}

struct IntRow {
  const char* text;
  bool ok;
  tfschema::ErrorKind error;
  int64_t value;
};

// pydantic-core 2.27's str_as_int, row by row (tests/validators/test_int.py).
TEST(LaxInt, FromString) {
  using tfschema::ErrorKind;
  const std::vector<IntRow> rows = {
      {"1", true, ErrorKind::kIntParsing, 1},
      {"  1  ", true, ErrorKind::kIntParsing, 1},
      {"+4_2", true, ErrorKind::kIntParsing, 42},
      {"042", true, ErrorKind::kIntParsing, 42},
      {"-00001", true, ErrorKind::kIntParsing, -1},
      {"42.00", true, ErrorKind::kIntParsing, 42},
      {"0_000", true, ErrorKind::kIntParsing, 0},
      {"-0", true, ErrorKind::kIntParsing, 0},
      {"1.", false, ErrorKind::kIntParsing, 0},
      {"42.", false, ErrorKind::kIntParsing, 0},
      {" ", false, ErrorKind::kIntParsing, 0},
      {"00_", false, ErrorKind::kIntParsing, 0},
      {"++4_2", false, ErrorKind::kIntParsing, 0},
      {"+-1", false, ErrorKind::kIntParsing, 0},
      {"--1", false, ErrorKind::kIntParsing, 0},
      {"1e3", false, ErrorKind::kIntParsing, 0},
      {"0x10", false, ErrorKind::kIntParsing, 0},
      {"5.5", false, ErrorKind::kIntParsing, 0},
      {"", false, ErrorKind::kIntParsing, 0},
      {"_1", false, ErrorKind::kIntParsing, 0},
      {"\xC2\xA0"
       "5",
       true, ErrorKind::kIntParsing, 5},  // U+00A0 is White_Space
      {"\xE2\x80\x8B"
       "5",
       false, ErrorKind::kIntParsing, 0},  // U+200B is not
  };
  for (const IntRow& row : rows) {
    SCOPED_TRACE(row.text);
    const auto c = tfschema::rules::v2_int_from_string(row.text);
    EXPECT_EQ(c.ok, row.ok);
    if (row.ok) {
      EXPECT_FALSE(c.value.big);
      EXPECT_EQ(c.value.small, row.value);
    } else {
      EXPECT_EQ(c.error, row.error);
    }
  }
  EXPECT_EQ(tfschema::rules::v2_int_from_string(std::string(4301, '1')).error, tfschema::ErrorKind::kIntParsingSize);
  EXPECT_TRUE(tfschema::rules::v2_int_from_string(std::string(4300, '1')).value.big);
  EXPECT_EQ(tfschema::rules::v2_int_from_string(" " + std::string(4301, '1')).error, tfschema::ErrorKind::kIntParsing);
}

TEST(LaxInt, FromFloat) {
  using tfschema::rules::v2_int_from_float;
  EXPECT_TRUE(v2_int_from_float(-0.0).ok);
  EXPECT_EQ(v2_int_from_float(9.2e18).value.small, 9200000000000000000);
  EXPECT_EQ(v2_int_from_float(9223372036854775808.0).error, tfschema::ErrorKind::kIntParsingSize);
  EXPECT_EQ(v2_int_from_float(-9223372036854775808.0).error, tfschema::ErrorKind::kIntParsingSize);
  EXPECT_EQ(v2_int_from_float(0.5).error, tfschema::ErrorKind::kIntFromFloat);
}

}  // namespace
