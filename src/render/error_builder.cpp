#include "render/error_builder.hpp"

#include <string>

#include "json/python_values.hpp"
#include "render/python_echo.hpp"
#include "rules/response_schema.hpp"
#include "rules/schema.hpp"
#include "text/py_json_writer.hpp"
#include "text/utf8.hpp"

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
    case ErrorKind::kNoneNotAllowed:
    case ErrorKind::kKeywordsMustBeStrings:
    case ErrorKind::kUnhashable:
      break;  // v1 only
    case ErrorKind::kDuplicateKey:
      return "duplicate_key";
    case ErrorKind::kEnum:
      return "enum";
    case ErrorKind::kDateTimeParsing:
      return "datetime_parsing";
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
    case ErrorKind::kDateTimeParsing:
      return "Input should be a valid datetime, expected an RFC 3339 date-time";
    default:
      return {};
  }
}

// Pydantic v1's type string (error_wrappers._get_exc_type) for each kind.
std::string_view v1_type(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kMissing:
    case ErrorKind::kBodyMissing:
      return "value_error.missing";
    case ErrorKind::kModelType:
    case ErrorKind::kDictType:
      return "type_error.dict";
    case ErrorKind::kStringType:
    case ErrorKind::kStringUnicode:
      return "type_error.str";
    case ErrorKind::kStringTooLong:
      return "value_error.any_str.max_length";
    case ErrorKind::kStringPatternMismatch:
      return "value_error.str.regex";
    case ErrorKind::kIntType:
    case ErrorKind::kIntParsing:
    case ErrorKind::kIntParsingSize:
    case ErrorKind::kIntFromFloat:
    case ErrorKind::kFiniteNumber:
      return "type_error.integer";
    case ErrorKind::kGreaterThanEqual:
      return "value_error.number.not_ge";
    case ErrorKind::kLiteral:
      return "value_error.const";
    case ErrorKind::kListType:
      return "type_error.list";
    case ErrorKind::kUnionTagNotFound:
      return "value_error.discriminated_union.missing_discriminator";
    case ErrorKind::kUnionTagInvalid:
      return "value_error.discriminated_union.invalid_discriminator";
    case ErrorKind::kJsonInvalid:
      return "value_error.jsondecode";
    case ErrorKind::kNoneNotAllowed:
      return "type_error.none.not_allowed";
    case ErrorKind::kKeywordsMustBeStrings:
    case ErrorKind::kUnhashable:
      return "type_error";
    case ErrorKind::kDuplicateKey:
    case ErrorKind::kEnum:
    case ErrorKind::kDateTimeParsing:
      break;  // strict only
  }
  return "value_error";
}

// Pydantic v1's messages without parameters.
std::string_view v1_fixed_message(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kMissing:
    case ErrorKind::kBodyMissing:
      return "field required";
    case ErrorKind::kModelType:
    case ErrorKind::kDictType:
      return "value is not a valid dict";
    case ErrorKind::kStringType:
    case ErrorKind::kStringUnicode:
      return "str type expected";
    case ErrorKind::kIntType:
    case ErrorKind::kIntParsing:
    case ErrorKind::kIntParsingSize:
    case ErrorKind::kIntFromFloat:
    case ErrorKind::kFiniteNumber:
      return "value is not a valid integer";
    case ErrorKind::kListType:
      return "value is not a valid list";
    case ErrorKind::kUnionTagNotFound:
      return "Discriminator 'type' is missing in value";
    case ErrorKind::kNoneNotAllowed:
      return "none is not an allowed value";
    case ErrorKind::kKeywordsMustBeStrings:
      return "keywords must be strings";
    default:
      return {};
  }
}

constexpr std::string_view kExpectedTags = "'truefoundry', 'external', 'local'";
constexpr std::string_view kDateTimeReason = "expected an RFC 3339 date-time";

// Pydantic's wording of an enum's members, "'user', 'team', ... or 'role'": SubjectType is
// the only enum (kEnum) of the document.
std::string expected_subject_types() {
  std::string out;
  for (size_t i = 0; i < rules::kSubjectTypes.size(); ++i) {
    if (i != 0) out += i + 1 == rules::kSubjectTypes.size() ? " or " : ", ";
    out += '\'';
    out += rules::kSubjectTypes[i];
    out += '\'';
  }
  return out;
}

void append_json_string(std::string_view s, std::string& out) {
  text::append_python_json_string(s, out, text::LoneSurrogatePolicy::kReplace);
}

// Python's repr() of a str that holds no quote or backslash.
std::string quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '\'';
  out += s;
  out += '\'';
  return out;
}

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

// Builds one error's text; `renderable` turns false where the server's own
// rendering would fail.
class Wording {
 public:
  Wording(const walk::RawError& raw, const json::Document& doc, const rules::Policy& policy, Error& e)
      : raw_(raw), doc_(doc), policy_(policy), e_(e) {}

  void v2() {
    const int64_t limit = raw_.detail.limit;
    switch (raw_.kind) {
      case ErrorKind::kStringTooLong:
        e_.msg = "String should have at most " + std::to_string(limit) + " character" + (limit == 1 ? "" : "s");
        e_.ctx_json = "{\"max_length\":" + std::to_string(limit) + "}";
        return;
      case ErrorKind::kStringPatternMismatch: {
        const std::string_view pattern = rules::pattern_text(*raw_.detail.pattern);
        e_.msg = "String should match pattern '" + std::string(pattern) + "'";
        ctx_string("pattern", pattern);
        return;
      }
      case ErrorKind::kGreaterThanEqual:
        e_.msg = "Input should be greater than or equal to " + std::to_string(limit);
        e_.ctx_json = "{\"ge\":" + std::to_string(limit) + "}";
        return;
      case ErrorKind::kLiteral: {
        const std::string expected = quoted(expected_literal(raw_));
        e_.msg = "Input should be " + expected;
        ctx_string("expected", expected);
        return;
      }
      case ErrorKind::kUnionTagNotFound:
        e_.msg = std::string(v2_fixed_message(raw_.kind));
        e_.ctx_json = "{\"discriminator\":\"'type'\"}";
        return;
      case ErrorKind::kEnum: {
        const std::string expected = expected_subject_types();
        e_.msg = "Input should be " + expected;
        ctx_string("expected", expected);
        return;
      }
      case ErrorKind::kDateTimeParsing:
        e_.msg = std::string(v2_fixed_message(raw_.kind));
        ctx_string("error", kDateTimeReason);
        return;
      case ErrorKind::kUnionTagInvalid: {
        std::string tag;
        json::append_python_str(doc_, raw_.tag, policy_.python, tag);
        e_.msg = "Input tag '" + tag +
                 "' found using 'type' does not match any of the expected tags: " + std::string(kExpectedTags);
        e_.ctx_json = "{\"discriminator\":\"'type'\",\"tag\":";
        append_json_string(tag, e_.ctx_json);
        renderable &= !text::contains_lone_surrogate(tag);
        e_.ctx_json += ",\"expected_tags\":";
        append_json_string(kExpectedTags, e_.ctx_json);
        e_.ctx_json += "}";
        return;
      }
      default:
        e_.msg = std::string(v2_fixed_message(raw_.kind));
        return;
    }
  }

  void v1() {
    const int64_t limit = raw_.detail.limit;
    switch (raw_.kind) {
      case ErrorKind::kStringTooLong:
        e_.msg = "ensure this value has at most " + std::to_string(limit) + " characters";
        e_.ctx_json = "{\"limit_value\":" + std::to_string(limit) + "}";
        return;
      case ErrorKind::kStringPatternMismatch: {
        const std::string_view pattern = rules::pattern_text(*raw_.detail.pattern);
        e_.msg = "string does not match regex \"" + std::string(pattern) + "\"";
        ctx_string("pattern", pattern);
        return;
      }
      case ErrorKind::kGreaterThanEqual:
        e_.msg = "ensure this value is greater than or equal to " + std::to_string(limit);
        e_.ctx_json = "{\"limit_value\":" + std::to_string(limit) + "}";
        return;
      case ErrorKind::kLiteral: {
        const std::string expected = quoted(expected_literal(raw_));
        e_.msg = "unexpected value; permitted: " + expected;
        e_.ctx_json = "{\"given\":";
        echo(raw_.input, e_.ctx_json);
        e_.ctx_json += ",\"permitted\":[";
        append_json_string(expected_literal(raw_), e_.ctx_json);
        e_.ctx_json += "]}";
        return;
      }
      case ErrorKind::kUnionTagNotFound:
        e_.msg = std::string(v1_fixed_message(raw_.kind));
        e_.ctx_json = "{\"discriminator_key\":\"type\"}";
        return;
      case ErrorKind::kUnionTagInvalid: {
        std::string value;
        json::append_python_repr(doc_, raw_.tag, policy_.python, value);
        e_.msg = "No match for discriminator 'type' and value " + value +
                 " (allowed values: " + std::string(kExpectedTags) + ")";
        e_.ctx_json = "{\"discriminator_key\":\"type\",\"discriminator_value\":";
        echo(raw_.tag, e_.ctx_json);
        e_.ctx_json += ",\"allowed_values\":";
        append_json_string(kExpectedTags, e_.ctx_json);
        e_.ctx_json += "}";
        // Pydantic 1.10.4 fails with a 500 on an unhashable tag.
        const json::Kind tag = doc_.node(raw_.tag).kind;
        renderable &= tag != json::Kind::kArray && tag != json::Kind::kObject;
        renderable &= !text::contains_lone_surrogate(value);
        return;
      }
      case ErrorKind::kUnhashable:
        e_.msg =
            doc_.node(raw_.input).kind == json::Kind::kArray ? "unhashable type: 'list'" : "unhashable type: 'dict'";
        return;
      default:
        e_.msg = std::string(v1_fixed_message(raw_.kind));
        return;
    }
  }

  // Echoes a value the way jsonable_encoder + json.dumps would.
  void echo(uint32_t node, std::string& out) {
    renderable &= append_echo(doc_, node, EchoLimits{policy_.server_max_echo_depth, policy_.echo_drops_sa_keys}, out);
  }

  bool renderable = true;

 private:
  void ctx_string(std::string_view key, std::string_view value) {
    e_.ctx_json = "{\"";
    e_.ctx_json += key;
    e_.ctx_json += "\":";
    append_json_string(value, e_.ctx_json);
    e_.ctx_json += "}";
  }

  const walk::RawError& raw_;
  const json::Document& doc_;
  const rules::Policy& policy_;
  Error& e_;
};

bool is_v1(const rules::Policy& policy) { return policy.profile == Profile::kPydanticV1; }

void start_error(ErrorKind kind, const rules::Policy& policy, std::string_view root, Error& e) {
  e.kind = kind;
  e.type = is_v1(policy) ? v1_type(kind) : v2_type(kind);
  e.loc.push_back(LocItem{std::string(root), 0, false});
}

}  // namespace

std::string_view loc_root(Schema schema) { return schema == Schema::kRequest ? "body" : "response"; }

Error build_error(const walk::RawError& raw, const json::Document& doc, const rules::Policy& policy,
                  std::string_view root) {
  Error e;
  e.loc.reserve(raw.path_size + 1);
  start_error(raw.kind, policy, root, e);
  for (size_t i = 0; i < raw.path_size; ++i) {
    const rules::PathItem& item = raw.path[i];
    e.loc.push_back(item.is_index ? LocItem{{}, item.index, true} : LocItem{std::string(item.key), 0, false});
  }
  Wording wording(raw, doc, policy, e);
  if (is_v1(policy)) {
    wording.v1();
  } else {
    wording.v2();
    if (raw.input != json::kNoNode) wording.echo(raw.input, e.input_json);
  }
  if (raw.input != json::kNoNode) e.byte_offset = doc.node(raw.input).offset;
  e.server_cannot_render = !wording.renderable;
  return e;
}

Error build_json_invalid(const json::ParseResult& parse, std::string_view body, const rules::Policy& policy,
                         std::string_view root) {
  Error e;
  start_error(ErrorKind::kJsonInvalid, policy, root, e);
  e.loc.push_back(LocItem{{}, static_cast<int64_t>(parse.char_position), true});
  e.byte_offset = parse.byte_offset;
  const std::string_view message = json::syntax_message(parse.code);
  if (!is_v1(policy)) {
    e.msg = std::string(v2_fixed_message(e.kind));
    e.input_json = "{}";
    e.ctx_json = "{\"error\":";
    append_json_string(message, e.ctx_json);
    e.ctx_json += "}";
    return e;
  }
  // FastAPI 0.92 wraps the JSONDecodeError itself: its str() and __dict__,
  // which holds the whole decoded body as `doc`.
  std::string doc;
  json::decode_python_text(body, doc);
  uint64_t line = 1;
  uint64_t last_newline_position = 0;  // code point index of the last '\n' before pos, plus one
  uint64_t position = 0;
  for (size_t i = 0; i < doc.size() && position < parse.char_position;) {
    if (text::next_code_point(doc, i) == '\n') {
      ++line;
      last_newline_position = position + 1;
    }
    ++position;
  }
  const uint64_t column = parse.char_position - last_newline_position + 1;
  const std::string pos = std::to_string(parse.char_position);
  e.msg = std::string(message) + ": line " + std::to_string(line) + " column " + std::to_string(column) + " (char " +
          pos + ")";
  e.ctx_json = "{\"msg\":";
  append_json_string(message, e.ctx_json);
  e.ctx_json += ",\"doc\":";
  append_json_string(doc, e.ctx_json);
  e.ctx_json +=
      ",\"pos\":" + pos + ",\"lineno\":" + std::to_string(line) + ",\"colno\":" + std::to_string(column) + "}";
  e.server_cannot_render = text::contains_lone_surrogate(doc);
  return e;
}

Error build_duplicate_key(const walk::DuplicateKey& duplicate, const json::Document& doc, const rules::Policy& policy,
                          std::string_view root) {
  Error e;
  start_error(ErrorKind::kDuplicateKey, policy, root, e);
  e.loc.insert(e.loc.end(), duplicate.loc.begin(), duplicate.loc.end());
  const std::string_view key = doc.key(duplicate.member);
  e.msg = "Object key '" + std::string(key) + "' is repeated";
  e.ctx_json = "{\"key\":";
  append_json_string(key, e.ctx_json);
  e.ctx_json += "}";
  append_echo(doc, duplicate.member, EchoLimits{UINT32_MAX, policy.echo_drops_sa_keys}, e.input_json);
  e.byte_offset = doc.node(duplicate.member).offset;
  return e;
}

Error build_body_missing(const rules::Policy& policy) {
  Error e;
  start_error(ErrorKind::kBodyMissing, policy, "body", e);
  if (is_v1(policy)) {
    e.msg = std::string(v1_fixed_message(e.kind));
  } else {
    e.msg = std::string(v2_fixed_message(e.kind));
    e.input_json = "null";
  }
  return e;
}

}  // namespace tfschema::render
