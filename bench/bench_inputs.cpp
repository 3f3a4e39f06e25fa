#include "bench_inputs.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tfschema::bench {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fatal("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Body make_body(const std::filesystem::path& path) {
  Body body;
  body.name = path.stem().string();
  body.text = read_file(path);
  body.padded = simdjson::padded_string(body.text);
  body.expect_valid = !body.name.starts_with("invalid");
  if (path.parent_path().filename() == "response") {
    body.schema = body.name.starts_with("error") ? Schema::kError : Schema::kResponse;
  }
  return body;
}

// The SPEC's bodies come first so that tables read small to large.
int spec_rank(const std::string& name) {
  static constexpr std::array<std::string_view, 4> kOrder = {"small", "medium", "large", "invalid"};
  const auto* found = std::find(kOrder.begin(), kOrder.end(), name);
  return static_cast<int>(found - kOrder.begin());
}

using rapidjson::Value;
using Allocator = rapidjson::Document::AllocatorType;

constexpr std::string_view kOpenApiRefPrefix = "#/components/schemas/";
constexpr std::string_view kJsonSchemaRefPrefix = "#/definitions/";

bool is_openapi_only_keyword(std::string_view key) {
  return key == "discriminator" || key == "nullable" || key == "example" || key.starts_with("x-");
}

// Keywords whose object value maps names to schemas: their member names are
// data (a property may well be called "nullable"), their values schemas.
bool is_schema_map_keyword(std::string_view key) {
  return key == "properties" || key == "patternProperties" || key == "definitions" || key == "$defs";
}

Value convert_schema(const Value& in, Allocator& allocator);

Value convert_schema_map(const Value& in, Allocator& allocator) {
  if (!in.IsObject()) return Value(in, allocator);
  Value out(rapidjson::kObjectType);
  for (const auto& member : in.GetObject()) {
    out.AddMember(Value(member.name, allocator), convert_schema(member.value, allocator), allocator);
  }
  return out;
}

Value convert_schema(const Value& in, Allocator& allocator) {
  if (in.IsArray()) {  // allOf, oneOf, anyOf: arrays of schemas
    Value out(rapidjson::kArrayType);
    for (const Value& item : in.GetArray()) out.PushBack(convert_schema(item, allocator), allocator);
    return out;
  }
  if (!in.IsObject()) return Value(in, allocator);
  Value out(rapidjson::kObjectType);
  for (const auto& member : in.GetObject()) {
    const std::string_view key(member.name.GetString(), member.name.GetStringLength());
    if (is_openapi_only_keyword(key)) continue;
    Value name(member.name, allocator);
    if (key == "$ref" && member.value.IsString()) {
      std::string ref(member.value.GetString(), member.value.GetStringLength());
      if (ref.starts_with(kOpenApiRefPrefix)) ref.replace(0, kOpenApiRefPrefix.size(), kJsonSchemaRefPrefix);
      out.AddMember(name, Value(ref.c_str(), static_cast<rapidjson::SizeType>(ref.size()), allocator), allocator);
    } else if (is_schema_map_keyword(key)) {
      out.AddMember(name, convert_schema_map(member.value, allocator), allocator);
    } else if (key == "items" || key == "additionalProperties" || key == "not" || key == "allOf" || key == "anyOf" ||
               key == "oneOf") {
      out.AddMember(name, convert_schema(member.value, allocator), allocator);
    } else {
      out.AddMember(name, Value(member.value, allocator), allocator);  // enum, const, default: data
    }
  }
  return out;
}

}  // namespace

void fatal(std::string_view message) {
  std::fprintf(stderr, "tfschema bench: %.*s\n", static_cast<int>(message.size()), message.data());
  std::exit(2);
}

std::vector<Body> load_bodies(const std::string& dir) {
  std::vector<Body> bodies;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") bodies.push_back(make_body(entry.path()));
  }
  if (error) fatal("cannot list " + dir + ": " + error.message());
  if (bodies.empty()) fatal("no *.json bodies in " + dir);
  std::sort(bodies.begin(), bodies.end(), [](const Body& a, const Body& b) {
    const int rank_a = spec_rank(a.name);
    const int rank_b = spec_rank(b.name);
    return rank_a != rank_b ? rank_a < rank_b : a.name < b.name;
  });
  return bodies;
}

Body load_body(const std::string& dir, const std::string& name_or_path) {
  const std::filesystem::path by_name = std::filesystem::path(dir) / (name_or_path + ".json");
  return make_body(std::filesystem::exists(by_name) ? by_name : std::filesystem::path(name_or_path));
}

std::string json_schema_from_openapi(const std::string& openapi_path) {
  const std::string text = read_file(openapi_path);
  rapidjson::Document openapi;
  if (openapi.Parse(text.c_str(), text.size()).HasParseError()) {
    fatal(openapi_path + ": " + rapidjson::GetParseError_En(openapi.GetParseError()));
  }
  const Value* schemas = rapidjson::Pointer("/components/schemas").Get(openapi);
  if (schemas == nullptr || !schemas->IsObject() || !schemas->HasMember("ApplyArtifactRequest")) {
    fatal(openapi_path + ": no components.schemas.ApplyArtifactRequest");
  }
  rapidjson::Document schema;
  Allocator& allocator = schema.GetAllocator();
  // The root is the request model itself (not a $ref to it) so that no
  // validator has to resolve a reference at the root.
  schema.CopyFrom(convert_schema((*schemas)["ApplyArtifactRequest"], allocator), allocator);
  schema.AddMember("$schema", "http://json-schema.org/draft-07/schema#", allocator);
  schema.AddMember("definitions", convert_schema_map(*schemas, allocator), allocator);
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> writer(out);
  schema.Accept(writer);
  return std::string(out.GetString(), out.GetSize());
}

}  // namespace tfschema::bench
