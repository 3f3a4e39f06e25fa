#include "render/error_builder.hpp"

#include <string>

#include "render/python_echo.hpp"
#include "rules/schema.hpp"
#include "text/py_json_writer.hpp"

namespace tfschema::render {
namespace {

using tfschema::ErrorKind;

// Pydantic v2's type string for each kind (pydantic-core ErrorType names).
std::string_view v2_type(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kMissing:
    case ErrorKind::kBodyMissing:
      return "missing";
    case ErrorKind::kModelType:
      return "model_attributes_type";
    case ErrorKind::kStringType:
      return "string_type";
    case ErrorKind::kStringUnicode:
      return "string_unicode";
    case ErrorKind::kStringTooLong:
      return "string_too_long";
    case ErrorKind::kStringPatternMismatch:
      return "string_pattern_mismatch";
    case ErrorKind::kIntType:
      return "int_type";
    case ErrorKind::kIntParsing:
      return "int_parsing";
    case ErrorKind::kIntParsingSize:
      return "int_parsing_size";
    case ErrorKind::kIntFromFloat:
      return "int_from_float";
    case ErrorKind::kFiniteNumber:
      return "finite_number";
    case ErrorKind::kGreaterThanEqual:
      return "greater_than_equal";
    case ErrorKind::kLiteral:
      return "literal_error";
    case ErrorKind::kDictType:
      return "dict_type";
    case ErrorKind::kListType:
      return "list_type";
    case ErrorKind::kUnionTagNotFound:
      return "union_tag_not_found";
    case ErrorKind::kUnionTagInvalid:
      return "union_tag_invalid";
    case ErrorKind::kJsonInvalid:
      return "json_invalid";
  }
  return "value_error";
}

// Pydantic v2's Python message templates without parameters.
std::string_view v2_fixed_message(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kMissing:
    case ErrorKind::kBodyMissing:
      return "Field required";
    case ErrorKind::kModelType:
      return "Input should be a valid dictionary or object to extract fields from";
    case ErrorKind::kStringType:
      return "Input should be a valid string";
    case ErrorKind::kStringUnicode:
      return "Input should be a valid string, unable to parse raw data as a unicode string";
    case ErrorKind::kIntType:
      return "Input should be a valid integer";
    case ErrorKind::kIntParsing:
      return "Input should be a valid integer, unable to parse string as an integer";
    case ErrorKind::kIntParsingSize:
      return "Unable to parse input string as an integer, exceeded maximum size";
    case ErrorKind::kIntFromFloat:
      return "Input should be a valid integer, got a number with a fractional part";
    case ErrorKind::kFiniteNumber:
      return "Input should be a finite number";
    case ErrorKind::kDictType:
      return "Input should be a valid dictionary";
    case ErrorKind::kListType:
      return "Input should be a valid list";
    case ErrorKind::kUnionTagNotFound:
      return "Unable to extract tag using discriminator 'type'";
    case ErrorKind::kJsonInvalid:
      return "JSON decode error";
    default:
      return {};
  }
}

constexpr std::string_view kExpectedTags = "'truefoundry', 'external', 'local'";

void append_json_string(std::string_view s, std::string& out) { text::append_python_json_string(s, out, text::LoneSurrogatePolicy::kReplace); }

// Python's repr() of a str that holds no quote or backslash.
std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// The literal a Literal field expects at this location.
std::string_view expected_literal(const walk::RawError& raw) {
  // Inside the source union the location is [..., "source", <tag>, "type"].
  if (raw.path_size >= 3 && raw.path[raw.path_size - 3].key == "source") {
    std::string_view member = raw.path[raw.path_size - 2].key;
    for (const rules::SourceVariant& variant : rules::kSourceVariants) {
      if (variant.tag == member || variant.class_name == member) return variant.tag;
    }
  }
  return rules::kManifestTypeLiteral;
}

void fill_v2_message_and_ctx(const walk::RawError& raw, const json::Document& doc, Error& e, bool& renderable) {
  switch (raw.kind) {
    case ErrorKind::kStringTooLong:
      e.msg = "String should have at most " + std::to_string(raw.detail.limit) + " character" +
              (raw.detail.limit == 1 ? "" : "s");
      e.ctx_json = "{\"max_length\":" + std::to_string(raw.detail.limit) + "}";
      return;
    case ErrorKind::kStringPatternMismatch: {
      std::string_view pattern = rules::pattern_text(*raw.detail.pattern);
      e.msg = "String should match pattern '" + std::string(pattern) + "'";
      e.ctx_json = "{\"pattern\":";
      append_json_string(pattern, e.ctx_json);
      e.ctx_json += "}";
      return;
    }
    case ErrorKind::kGreaterThanEqual:
      e.msg = "Input should be greater than or equal to " + std::to_string(raw.detail.limit);
      e.ctx_json = "{\"ge\":" + std::to_string(raw.detail.limit) + "}";
      return;
    case ErrorKind::kLiteral: {
      std::string expected = quoted(expected_literal(raw));
      e.msg = "Input should be " + expected;
      e.ctx_json = "{\"expected\":";
      append_json_string(expected, e.ctx_json);
      e.ctx_json += "}";
      return;
    }
    case ErrorKind::kUnionTagNotFound:
      e.msg = std::string(v2_fixed_message(raw.kind));
      e.ctx_json = "{\"discriminator\":\"'type'\"}";
      return;
    case ErrorKind::kUnionTagInvalid: {
      std::string tag;
      append_python_str(doc, raw.tag, tag);
      e.msg = "Input tag '" + tag + "' found using 'type' does not match any of the expected tags: " +
              std::string(kExpectedTags);
      e.ctx_json = "{\"discriminator\":\"'type'\",\"tag\":";
      append_json_string(tag, e.ctx_json);
      renderable &= !text::contains_lone_surrogate(tag);
      e.ctx_json += ",\"expected_tags\":";
      append_json_string(kExpectedTags, e.ctx_json);
      e.ctx_json += "}";
      return;
    }
    default:
      e.msg = std::string(v2_fixed_message(raw.kind));
      return;
  }
}

void append_loc_prefix(Error& e) { e.loc.push_back(LocItem{"body", 0, false}); }

}  // namespace

Error build_error(const walk::RawError& raw, const json::Document& doc, const rules::Policy& policy) {
  Error e;
  e.kind = raw.kind;
  e.type = v2_type(raw.kind);
  append_loc_prefix(e);
  for (size_t i = 0; i < raw.path_size; ++i) {
    const rules::PathItem& item = raw.path[i];
    e.loc.push_back(item.is_index ? LocItem{{}, item.index, true} : LocItem{std::string(item.key), 0, false});
  }
  bool renderable = true;
  fill_v2_message_and_ctx(raw, doc, e, renderable);
  if (raw.input != json::kNoNode) {
    e.byte_offset = doc.node(raw.input).offset;
    renderable &= append_echo(doc, raw.input, EchoLimits{policy.server_max_echo_depth}, e.input_json);
  }
  e.server_cannot_render = !renderable;
  return e;
}

Error build_json_invalid(const json::ParseResult& parse, std::string_view /*body*/, const rules::Policy&) {
  Error e;
  e.kind = ErrorKind::kJsonInvalid;
  e.type = v2_type(e.kind);
  append_loc_prefix(e);
  e.loc.push_back(LocItem{{}, static_cast<int64_t>(parse.char_position), true});
  e.msg = std::string(v2_fixed_message(e.kind));
  e.input_json = "{}";
  e.ctx_json = "{\"error\":";
  append_json_string(json::syntax_message(parse.code), e.ctx_json);
  e.ctx_json += "}";
  e.byte_offset = parse.byte_offset;
  return e;
}

Error build_body_missing(const rules::Policy&) {
  Error e;
  e.kind = ErrorKind::kBodyMissing;
  e.type = v2_type(e.kind);
  append_loc_prefix(e);
  e.msg = std::string(v2_fixed_message(e.kind));
  e.input_json = "null";
  return e;
}

}  // namespace tfschema::render
