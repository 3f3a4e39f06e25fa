// The schema tables (rules/schema.hpp, rules/response_schema.hpp) say what
// the published OpenAPI document says: every model's fields in the
// document's order with its `required` list, each field's constraints, the
// tagged union's discriminator, tags and member schemas, the enums; and the
// fuzz dictionary knows every field name. Walked
// from the three roots, following the document's $refs, so that a field or
// a model added to one and not to the other fails here.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <type_traits>
#include <utility>

#include "rules/response_schema.hpp"
#include "rules/schema.hpp"

namespace {

// ordered: the document's member order is the models' declaration order.
using json = nlohmann::ordered_json;
using namespace tfschema::rules;

const json& document() {
  static const json doc = [] {
    std::ifstream in(TFSCHEMA_OPENAPI_JSON);
    return json::parse(in);
  }();
  return doc;
}

// The fuzz dictionary's entries (fuzz/tfschema.dict), as written there.
const std::set<std::string>& fuzz_dictionary() {
  static const std::set<std::string> entries = [] {
    std::set<std::string> out;
    std::ifstream in(TFSCHEMA_FUZZ_DICT);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line[0] != '#') out.insert(line);
    }
    return out;
  }();
  return entries;
}

// "#/components/schemas/X" -> X
std::string schema_name_of(const std::string& ref) { return ref.substr(ref.rfind('/') + 1); }

const json& schema_named(const std::string& name) { return document().at("components").at("schemas").at(name); }

// The schema a property refers to ({"$ref"} or {"allOf": [{"$ref"}]}), or
// the property itself.
const json& resolved(const json& property) {
  if (property.contains("$ref")) return schema_named(schema_name_of(property.at("$ref")));
  if (property.contains("allOf") && property.at("allOf").size() == 1) return resolved(property.at("allOf").at(0));
  return property;
}

void expect_rule(const json& property, const StringRule& rule) {
  EXPECT_EQ(property.value("type", ""), "string");
  EXPECT_EQ(property.value("maxLength", 0u), rule.max_length);
  EXPECT_EQ(property.value("pattern", ""), rule.pattern ? pattern_text(*rule.pattern) : "");
  EXPECT_EQ(property.value("format", "") == "date-time", rule.date_time);
  EXPECT_EQ(property.value("nullable", false), rule.nullable_in_schema);
}

void expect_rule(const json& property, const IntRule& rule) {
  EXPECT_EQ(property.value("type", ""), "integer");
  EXPECT_EQ(property.value("minimum", int64_t{0}), rule.minimum);
}

void expect_rule(const json& property, const Literal& rule) {
  EXPECT_EQ(property.value("type", ""), "string");
  EXPECT_EQ(property.at("enum"), json::array({std::string(rule.value)}));
}

void expect_rule(const json& property, const AnyObject&) {
  EXPECT_EQ(property.value("type", ""), "object");
  EXPECT_FALSE(property.contains("properties"));
}

template <size_t N>
void expect_rule(const json& property, const Enum<N>& rule) {
  const json& schema = resolved(property);
  EXPECT_EQ(schema.value("type", ""), "string");
  json values = json::array();
  for (std::string_view value : rule.values) values.push_back(std::string(value));
  EXPECT_EQ(schema.at("enum"), values);
}

void expect_rule(const json& property, const StrOrInt&) {
  EXPECT_EQ(property.at("anyOf"), json::parse(R"([{"type": "string"}, {"type": "integer"}])"));
}

template <const auto& kModel>
void expect_model(const json& schema);
template <const auto& kUnion>
void expect_union(const json& property);
template <const auto& kDeclaration>
void expect_rule(const json& property, Nested<kDeclaration>);

template <class Item>
void expect_rule(const json& property, const ListOf<Item>& rule) {
  EXPECT_EQ(property.value("type", ""), "array");
  SCOPED_TRACE("items");
  expect_rule(property.at("items"), rule.item);
}

template <const auto& kDeclaration>
void expect_rule(const json& property, Nested<kDeclaration>) {
  if constexpr (is_tagged_union<std::remove_cvref_t<decltype(kDeclaration)>>) {
    expect_union<kDeclaration>(property);
  } else {
    expect_model<kDeclaration>(resolved(property));
  }
}

// A model: the document's properties, in order, its required list, and each
// field's rule against its property.
template <const auto& kModel>
void expect_model(const json& schema) {
  SCOPED_TRACE(schema.value("title", "?"));
  const json& properties = schema.at("properties");
  std::vector<std::string> names;
  for (const auto& item : properties.items()) names.push_back(item.key());
  std::vector<std::string> table(kModel.names().begin(), kModel.names().end());
  EXPECT_EQ(table, names);
  const std::set<std::string> required = schema.value("required", std::set<std::string>());
  [&]<size_t... I>(std::index_sequence<I...>) {
    (
        [&] {
          const auto& field = kModel.template field<I>();
          SCOPED_TRACE(std::string(field.name));
          EXPECT_EQ(required.count(std::string(field.name)) == 1, field.required());
          EXPECT_EQ(fuzz_dictionary().count("\"\\\"" + std::string(field.name) + "\\\"\""), 1u)
              << "not in fuzz/tfschema.dict";
          if (properties.contains(field.name)) expect_rule(properties.at(std::string(field.name)), field.rule);
        }(),
        ...);
  }
  (std::make_index_sequence<std::remove_cvref_t<decltype(kModel)>::kSize>{});
}

// oneOf with a discriminator: its property name, the mapping's tags in
// order, each member's class name (its schema's name) and model.
template <const auto& kUnion>
void expect_union(const json& property) {
  using U = std::remove_cvref_t<decltype(kUnion)>;
  const json& discriminator = property.at("discriminator");
  EXPECT_EQ(discriminator.at("propertyName"), std::string(kUnion.discriminator));
  const json& mapping = discriminator.at("mapping");
  ASSERT_EQ(mapping.size(), U::kSize);
  ASSERT_EQ(property.at("oneOf").size(), U::kSize);
  size_t i = 0;
  for (const auto& member : mapping.items()) {
    EXPECT_EQ(member.key(), kUnion.tags[i]);
    EXPECT_EQ(schema_name_of(member.value().at("$ref")), kUnion.class_names[i]);
    EXPECT_EQ(property.at("oneOf").at(i).at("$ref"), member.value().at("$ref"));
    ++i;
  }
  [&]<size_t... I>(std::index_sequence<I...>) {
    (expect_model<U::template Member<I>::model>(schema_named(std::string(kUnion.class_names[I]))), ...);
  }
  (std::make_index_sequence<U::kSize>{});
}

TEST(SchemaTables, RequestIsTheDocuments) { expect_model<kApplyArtifactRequest>(schema_named("ApplyArtifactRequest")); }

TEST(SchemaTables, ResponseIsTheDocuments) {
  expect_model<kGetArtifactVersionResponse>(schema_named("GetArtifactVersionResponse"));
}

TEST(SchemaTables, ErrorIsTheDocuments) { expect_model<kHttpValidationError>(schema_named("HTTPValidationError")); }

// The roots are the operation's: its request body, its 200 and 422 answers.
TEST(SchemaTables, RootsAreTheOperations) {
  const json& put = document().at("paths").at("/api/ml/v1/artifact-versions").at("put");
  const auto schema_of = [](const json& body) {
    return schema_name_of(body.at("content").at("application/json").at("schema").at("$ref"));
  };
  EXPECT_EQ(schema_of(put.at("requestBody")), "ApplyArtifactRequest");
  EXPECT_EQ(schema_of(put.at("responses").at("200")), "GetArtifactVersionResponse");
  EXPECT_EQ(schema_of(put.at("responses").at("422")), "HTTPValidationError");
}

// Fields that share a rule share one arm of the dispatch; the others have
// their own.
TEST(SchemaTables, AlikeFieldsShareAnArm) {
  EXPECT_EQ(kManifest.arm_count(), kManifest.kSize);
  EXPECT_LT(kArtifactVersion.arm_count(), kArtifactVersion.kSize);
  for (size_t i = 0; i < kArtifactVersion.kSize; ++i) {
    const size_t first = kArtifactVersion.first_field_of_arm(static_cast<size_t>(kArtifactVersion.arm_of(int(i))));
    EXPECT_LE(first, i);
  }
  // id and fqn are plain strings; created_by_subject is not.
  EXPECT_EQ(kArtifactVersion.arm_of(0), kArtifactVersion.arm_of(1));
  EXPECT_NE(kArtifactVersion.arm_of(0), kArtifactVersion.arm_of(2));
}

}  // namespace
