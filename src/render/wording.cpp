#include "render/wording.hpp"

#include <array>
#include <charconv>
#include <cstring>
#include <optional>

#include "json/python_values.hpp"
#include "render/python_echo.hpp"
#include "render/text_echo.hpp"
#include "render/writer.hpp"
#include "rules/path.hpp"
#include "rules/patterns.hpp"
#include "text/ascii_scan.hpp"
#include "text/py_json_writer.hpp"
#include "text/utf8.hpp"

namespace tfschema::render {
namespace {

using walk::ErrorList;
using walk::Record;
using walk::Source;
using walk::Step;
using walk::StepKind;

// The echoed values of one list: from the body's text or from the tree.
class Inputs {
 public:
  explicit Inputs(const ErrorList& list) : list_(list) {}

  // Echoes a value the way jsonable_encoder + json.dumps would; false when
  // the server could not (what is written is then tfschema's stand-in).
  bool echo(uint32_t input, uint32_t max_depth, std::string& out) const {
    const bool drop_sa_keys = list_.policy().echo_drops_sa_keys;
    if (list_.source() == Source::kBody) {
      append_text_echo(list_.body(), input, drop_sa_keys, out);
      return true;
    }
    return append_echo(list_.tree(), input, EchoLimits{max_depth, drop_sa_keys}, out);
  }
  bool echo(uint32_t input, std::string& out) const { return echo(input, list_.policy().server_max_echo_depth, out); }
  // The input of `record`: a string the walker found plain (no escape) or
  // an integer is its raw text, copied whole.
  bool echo(const Record& record, Writer& out) const {
    if (echo_plain(record, out)) return true;
    return echo(record.input, out);
  }
  // That raw text, if so (inline: most inputs are).
  [[gnu::always_inline]] bool echo_plain(const Record& record, Writer& out) const {
    if (record.plain_echo_size == 0 || list_.source() != Source::kBody) return false;
    out += list_.body().substr(record.input, record.plain_echo_size);
    return true;
  }
  bool echo(uint32_t input, Writer& out) const {
    if (list_.source() == Source::kBody) {
      append_text_echo(list_.body(), input, list_.policy().echo_drops_sa_keys, out);
      return true;
    }
    return echo(input, out.str());
  }
  // Python's str(): the text of a string, repr() of anything else.
  void str(uint32_t input, std::string& out) const {
    if (list_.source() == Source::kBody) {
      append_unescaped_string(list_.body(), input, out);  // only string tags are recorded from the text
    } else {
      json::append_python_str(list_.tree(), input, list_.policy().python, out);
    }
  }
  void repr(uint32_t input, std::string& out) const {
    if (list_.source() == Source::kTree) {
      json::append_python_repr(list_.tree(), input, list_.policy().python, out);
      return;
    }
    std::string s;
    append_unescaped_string(list_.body(), input, s);
    json::append_python_str_repr(s, list_.policy().python, out);
  }
  json::Kind kind(uint32_t input) const {
    return list_.source() == Source::kBody ? text_value_kind(list_.body(), input) : list_.tree().node(input).kind;
  }
  uint64_t offset(uint32_t input) const {
    return list_.source() == Source::kBody ? input : list_.tree().node(input).offset;
  }

 private:
  const ErrorList& list_;
};

// A JSON string's characters: most need no escape.
void append_json_chars(std::string_view s, Writer& out) {
  if (text::json_plain_run_end<true>(s, 0) == s.size()) {
    out += s;
  } else {
    text::append_python_json_chars(s, out.str(), text::LoneSurrogatePolicy::kReplace);
  }
}
void append_json_string(std::string_view s, Writer& out) {
  out += '"';
  append_json_chars(s, out);
  out += '"';
}

void append_int(int64_t value, Writer& out) { out.append_int(value); }

// The schema's patterns as they read inside a JSON string (their
// backslashes escaped), made once.
std::string_view pattern_json(std::optional<rules::Pattern> pattern) {
  // Indexed by the enum's value (a byte); pattern_text() is empty for values
  // that name no pattern.
  static const auto kEscaped = [] {
    std::array<std::string, 256> escaped;
    for (size_t i = 0; i < escaped.size(); ++i) {
      text::append_python_json_chars(rules::pattern_text(static_cast<rules::Pattern>(i)), escaped[i]);
    }
    return escaped;
  }();
  return pattern ? std::string_view(kEscaped[static_cast<size_t>(*pattern)]) : std::string_view();
}

// Where a message is written: as it is (Error::msg, the text format), or
// between the quotes of a JSON string (escaped where it quotes the body or
// the schema).
class MsgOut {
 public:
  MsgOut(Writer& out, bool json) : out_(out), json_(json) {}
  // Our own words: printable ASCII, no quote, no backslash.
  void fixed(std::string_view s) { out_ += s; }
  void text(std::string_view s) {
    if (json_) {
      append_json_chars(s, out_);
    } else {
      out_ += s;
    }
  }
  void number(int64_t value) { out_.append_int(value); }
  void pattern(std::optional<rules::Pattern> pattern) {
    if (json_) {
      out_ += pattern_json(pattern);
    } else if (pattern) {
      out_ += rules::pattern_text(*pattern);
    }
  }
  // Text that Python's str() or repr() makes of a value.
  template <class Write>
  void text_of(Write&& write) {
    if (!json_) {
      write(out_.str());
      return;
    }
    std::string s;
    write(s);
    text(s);
  }

 private:
  Writer& out_;
  bool json_;
};

// 'a', 'b', 'c' (a union's tags) or, with `last_separator` " or ",
// 'a', 'b' or 'c' (an enum's values), as Pydantic lists what it expected.
void append_quoted_list(std::span<const std::string_view> items, std::string_view last_separator, MsgOut& out) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out.fixed(i + 1 == items.size() ? last_separator : ", ");
    out.fixed("'");
    out.text(items[i]);
    out.fixed("'");
  }
}
// The same as a JSON string.
void append_quoted_list_json(std::span<const std::string_view> items, std::string_view last_separator, Writer& out) {
  out += '"';
  MsgOut m(out, true);
  append_quoted_list(items, last_separator, m);
  out += '"';
}

// "'text'": Python's repr() of a str without quotes or backslashes, as a
// JSON string.
void append_quoted_json(std::string_view text, Writer& out) {
  out += "\"'";
  MsgOut(out, true).text(text);
  out += "'\"";
}

// A context object with one member whose value is a string.
void append_ctx_string(std::string_view key, std::string_view value, Writer& out) {
  out += "{\"";
  out += key;
  out += "\":";
  append_json_string(value, out);
  out += '}';
}

void append_ctx_int(std::string_view key, int64_t value, Writer& out) {
  out += "{\"";
  out += key;
  out += "\":";
  append_int(value, out);
  out += '}';
}

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
      return "value_error";  // pydantic-v1 kinds: no v2 server reports them
    case ErrorKind::kDuplicateKey:
      return "duplicate_key";
    case ErrorKind::kEnum:
      return "enum";
    case ErrorKind::kDateTimeParsing:
      return "datetime_parsing";
  }
  return "value_error";  // not an ErrorKind
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
      return "value_error";  // strict kinds: no v1 server reports them
  }
  return "value_error";  // not an ErrorKind
}

// Line and column (1-based, in code points) of a character position of the
// text Python decoded, as JSONDecodeError counts them.
struct PythonPosition {
  uint64_t line = 1;
  uint64_t column = 1;
};
PythonPosition python_position(std::string_view decoded, uint64_t char_position) {
  uint64_t line = 1;
  uint64_t last_newline_position = 0;  // code point index of the last '\n' before pos, plus one
  uint64_t position = 0;
  for (size_t i = 0; i < decoded.size() && position < char_position;) {
    if (text::next_code_point(decoded, i) == '\n') {
      ++line;
      last_newline_position = position + 1;
    }
    ++position;
  }
  return PythonPosition{line, char_position - last_newline_position + 1};
}

// The messages and contexts of one error, in each dialect. Every switch
// names every kind: a new kind does not compile until it has its words.
class Words {
 public:
  Words(const ErrorList& list, const Record& record)
      : list_(list), record_(record), inputs_(list), detail_(detail_of(list, record)) {}
  // With the record's facts given (the record has none in the list).
  Words(const ErrorList& list, const Record& record, const rules::Detail& detail)
      : list_(list), record_(record), inputs_(list), detail_(detail) {}
  const rules::Detail& detail() const { return detail_; }

  void v2_msg(MsgOut& m) const {
    switch (record_.kind) {
      case ErrorKind::kMissing:
      case ErrorKind::kBodyMissing:
        m.fixed("Field required");
        return;
      case ErrorKind::kModelType:
        m.fixed("Input should be a valid dictionary or object to extract fields from");
        return;
      case ErrorKind::kStringType:
        m.fixed("Input should be a valid string");
        return;
      case ErrorKind::kStringUnicode:
        m.fixed("Input should be a valid string, unable to parse raw data as a unicode string");
        return;
      case ErrorKind::kStringTooLong:
        m.fixed("String should have at most ");
        m.number(detail_.limit);
        m.fixed(detail_.limit == 1 ? " character" : " characters");
        return;
      case ErrorKind::kStringPatternMismatch:
        m.fixed("String should match pattern '");
        m.pattern(detail_.pattern);
        m.fixed("'");
        return;
      case ErrorKind::kIntType:
        m.fixed("Input should be a valid integer");
        return;
      case ErrorKind::kIntParsing:
        m.fixed("Input should be a valid integer, unable to parse string as an integer");
        return;
      case ErrorKind::kIntParsingSize:
        m.fixed("Unable to parse input string as an integer, exceeded maximum size");
        return;
      case ErrorKind::kIntFromFloat:
        m.fixed("Input should be a valid integer, got a number with a fractional part");
        return;
      case ErrorKind::kFiniteNumber:
        m.fixed("Input should be a finite number");
        return;
      case ErrorKind::kGreaterThanEqual:
        m.fixed("Input should be greater than or equal to ");
        m.number(detail_.limit);
        return;
      case ErrorKind::kLiteral:
        m.fixed("Input should be '");
        m.text(detail_.expected);
        m.fixed("'");
        return;
      case ErrorKind::kDictType:
        m.fixed("Input should be a valid dictionary");
        return;
      case ErrorKind::kListType:
        m.fixed("Input should be a valid list");
        return;
      case ErrorKind::kUnionTagNotFound:
        m.fixed("Unable to extract tag using discriminator '");
        m.text(detail_.expected);
        m.fixed("'");
        return;
      case ErrorKind::kUnionTagInvalid:
        m.fixed("Input tag '");
        m.text_of([&](std::string& o) { inputs_.str(tag(), o); });
        m.fixed("' found using '");
        m.text(detail_.expected);
        m.fixed("' does not match any of the expected tags: ");
        append_quoted_list(detail_.choices, ", ", m);
        return;
      case ErrorKind::kJsonInvalid:
        m.fixed("JSON decode error");
        return;
      case ErrorKind::kNoneNotAllowed:
      case ErrorKind::kKeywordsMustBeStrings:
      case ErrorKind::kUnhashable:
        return;  // pydantic-v1 kinds: no v2 server reports them
      case ErrorKind::kDuplicateKey:
        m.fixed("Object key '");
        m.text(duplicate_key());
        m.fixed("' is repeated");
        return;
      case ErrorKind::kEnum:
        m.fixed("Input should be ");
        append_quoted_list(detail_.choices, " or ", m);
        return;
      case ErrorKind::kDateTimeParsing:
        m.fixed("Input should be a valid datetime, ");
        m.fixed(kDateTimeReason);
        return;
    }
  }

  bool v2_ctx(Writer& out, std::string_view key) const {
    switch (record_.kind) {
      case ErrorKind::kStringTooLong:
        out += key;
        append_ctx_int("max_length", detail_.limit, out);
        return true;
      case ErrorKind::kStringPatternMismatch:
        out += key;
        out += "{\"pattern\":\"";
        out += pattern_json(detail_.pattern);
        out += "\"}";
        return true;
      case ErrorKind::kGreaterThanEqual:
        out += key;
        append_ctx_int("ge", detail_.limit, out);
        return true;
      case ErrorKind::kLiteral:
        out += key;
        out += "{\"expected\":";
        append_quoted_json(detail_.expected, out);
        out += '}';
        return true;
      case ErrorKind::kUnionTagNotFound:
        out += key;
        out += "{\"discriminator\":";
        append_quoted_json(detail_.expected, out);
        out += '}';
        return true;
      case ErrorKind::kUnionTagInvalid: {
        out += key;
        out += "{\"discriminator\":";
        append_quoted_json(detail_.expected, out);
        out += ",\"tag\":";
        out += '"';
        MsgOut(out, true).text_of([&](std::string& o) { inputs_.str(tag(), o); });
        out += '"';
        out += ",\"expected_tags\":";
        append_quoted_list_json(detail_.choices, ", ", out);
        out += '}';
        return true;
      }
      case ErrorKind::kEnum:
        out += key;
        out += "{\"expected\":";
        append_quoted_list_json(detail_.choices, " or ", out);
        out += '}';
        return true;
      case ErrorKind::kDateTimeParsing:
        out += key;
        append_ctx_string("error", kDateTimeReason, out);
        return true;
      case ErrorKind::kJsonInvalid:
        out += key;
        append_ctx_string("error", json::syntax_message(list_.json_invalid().code), out);
        return true;
      case ErrorKind::kDuplicateKey:
        out += key;
        append_ctx_string("key", duplicate_key(), out);
        return true;
      case ErrorKind::kMissing:
      case ErrorKind::kBodyMissing:
      case ErrorKind::kModelType:
      case ErrorKind::kStringType:
      case ErrorKind::kStringUnicode:
      case ErrorKind::kIntType:
      case ErrorKind::kIntParsing:
      case ErrorKind::kIntParsingSize:
      case ErrorKind::kIntFromFloat:
      case ErrorKind::kFiniteNumber:
      case ErrorKind::kDictType:
      case ErrorKind::kListType:
      case ErrorKind::kNoneNotAllowed:
      case ErrorKind::kKeywordsMustBeStrings:
      case ErrorKind::kUnhashable:
        return false;
    }
    return false;
  }

  // v2 echoes the input of every error.
  bool v2_input(Writer& out) const {
    // Only the collecting walk's string and integer inputs are plain, and
    // none of the kinds below has one.
    if (inputs_.echo_plain(record_, out)) return true;
    switch (record_.kind) {
      case ErrorKind::kBodyMissing:
        out += "null";
        return true;
      case ErrorKind::kJsonInvalid:
        out += "{}";  // FastAPI 0.115 passes {} as the input of its own json_invalid
        return true;
      case ErrorKind::kDuplicateKey:
        inputs_.echo(record_.input, UINT32_MAX, out.str());  // no server: no recursion limit either
        return true;
      case ErrorKind::kMissing:
      case ErrorKind::kModelType:
      case ErrorKind::kStringType:
      case ErrorKind::kStringUnicode:
      case ErrorKind::kStringTooLong:
      case ErrorKind::kStringPatternMismatch:
      case ErrorKind::kIntType:
      case ErrorKind::kIntParsing:
      case ErrorKind::kIntParsingSize:
      case ErrorKind::kIntFromFloat:
      case ErrorKind::kFiniteNumber:
      case ErrorKind::kGreaterThanEqual:
      case ErrorKind::kLiteral:
      case ErrorKind::kDictType:
      case ErrorKind::kListType:
      case ErrorKind::kUnionTagNotFound:
      case ErrorKind::kUnionTagInvalid:
      case ErrorKind::kNoneNotAllowed:
      case ErrorKind::kKeywordsMustBeStrings:
      case ErrorKind::kUnhashable:
      case ErrorKind::kEnum:
      case ErrorKind::kDateTimeParsing:
        break;
    }
    inputs_.echo(record_.input, out);  // not plain (tried above)
    return true;
  }

  void v1_msg(MsgOut& m) const {
    switch (record_.kind) {
      case ErrorKind::kMissing:
      case ErrorKind::kBodyMissing:
        m.fixed("field required");
        return;
      case ErrorKind::kModelType:
      case ErrorKind::kDictType:
        m.fixed("value is not a valid dict");
        return;
      case ErrorKind::kStringType:
      case ErrorKind::kStringUnicode:
        m.fixed("str type expected");
        return;
      case ErrorKind::kStringTooLong:
        m.fixed("ensure this value has at most ");
        m.number(detail_.limit);
        m.fixed(" characters");
        return;
      case ErrorKind::kStringPatternMismatch:
        m.fixed("string does not match regex ");
        m.text("\"");
        m.pattern(detail_.pattern);
        m.text("\"");
        return;
      case ErrorKind::kIntType:
      case ErrorKind::kIntParsing:
      case ErrorKind::kIntParsingSize:
      case ErrorKind::kIntFromFloat:
      case ErrorKind::kFiniteNumber:
        m.fixed("value is not a valid integer");
        return;
      case ErrorKind::kGreaterThanEqual:
        m.fixed("ensure this value is greater than or equal to ");
        m.number(detail_.limit);
        return;
      case ErrorKind::kLiteral:
        m.fixed("unexpected value; permitted: '");
        m.text(detail_.expected);
        m.fixed("'");
        return;
      case ErrorKind::kListType:
        m.fixed("value is not a valid list");
        return;
      case ErrorKind::kUnionTagNotFound:
        m.fixed("Discriminator '");
        m.text(detail_.expected);
        m.fixed("' is missing in value");
        return;
      case ErrorKind::kUnionTagInvalid:
        m.fixed("No match for discriminator '");
        m.text(detail_.expected);
        m.fixed("' and value ");
        m.text_of([&](std::string& o) { inputs_.repr(tag(), o); });
        m.fixed(" (allowed values: ");
        append_quoted_list(detail_.choices, ", ", m);
        m.fixed(")");
        return;
      case ErrorKind::kJsonInvalid: {
        // FastAPI 0.92 wraps the JSONDecodeError itself: its str().
        const JsonDecodeError e = json_decode_error();
        m.text(json::syntax_message(list_.json_invalid().code));
        m.fixed(": line ");
        m.number(static_cast<int64_t>(e.position.line));
        m.fixed(" column ");
        m.number(static_cast<int64_t>(e.position.column));
        m.fixed(" (char ");
        m.number(static_cast<int64_t>(list_.json_invalid().char_position));
        m.fixed(")");
        return;
      }
      case ErrorKind::kNoneNotAllowed:
        m.fixed("none is not an allowed value");
        return;
      case ErrorKind::kKeywordsMustBeStrings:
        m.fixed("keywords must be strings");
        return;
      case ErrorKind::kUnhashable:
        m.fixed(inputs_.kind(record_.input) == json::Kind::kArray ? "unhashable type: 'list'"
                                                                  : "unhashable type: 'dict'");
        return;
      case ErrorKind::kDuplicateKey:
      case ErrorKind::kEnum:
      case ErrorKind::kDateTimeParsing:
        return;  // strict kinds: no v1 server reports them
    }
  }

  // Pydantic v1 echoes no input, but some contexts quote it.
  bool v1_ctx(Writer& out, std::string_view key) const {
    switch (record_.kind) {
      case ErrorKind::kStringTooLong:
      case ErrorKind::kGreaterThanEqual:
        out += key;
        append_ctx_int("limit_value", detail_.limit, out);
        return true;
      case ErrorKind::kStringPatternMismatch:
        out += key;
        out += "{\"pattern\":\"";
        out += pattern_json(detail_.pattern);
        out += "\"}";
        return true;
      case ErrorKind::kLiteral:
        out += key;
        out += "{\"given\":";
        inputs_.echo(record_, out);
        out += ",\"permitted\":[";
        append_json_string(detail_.expected, out);
        out += "]}";
        return true;
      case ErrorKind::kUnionTagNotFound:
        out += key;
        append_ctx_string("discriminator_key", detail_.expected, out);
        return true;
      case ErrorKind::kUnionTagInvalid: {
        out += key;
        out += "{\"discriminator_key\":";
        append_json_string(detail_.expected, out);
        out += ",\"discriminator_value\":";
        inputs_.echo(tag(), out);
        out += ",\"allowed_values\":";
        append_quoted_list_json(detail_.choices, ", ", out);
        out += '}';
        return true;
      }
      case ErrorKind::kJsonInvalid: {
        out += key;
        // ... and its __dict__, which holds the whole decoded body as `doc`.
        const JsonDecodeError e = json_decode_error();
        out += "{\"msg\":";
        append_json_string(json::syntax_message(list_.json_invalid().code), out);
        out += ",\"doc\":";
        append_json_string(e.doc, out);
        out += ",\"pos\":";
        append_int(static_cast<int64_t>(list_.json_invalid().char_position), out);
        out += ",\"lineno\":";
        append_int(static_cast<int64_t>(e.position.line), out);
        out += ",\"colno\":";
        append_int(static_cast<int64_t>(e.position.column), out);
        out += '}';
        return true;
      }
      case ErrorKind::kMissing:
      case ErrorKind::kBodyMissing:
      case ErrorKind::kModelType:
      case ErrorKind::kStringType:
      case ErrorKind::kStringUnicode:
      case ErrorKind::kIntType:
      case ErrorKind::kIntParsing:
      case ErrorKind::kIntParsingSize:
      case ErrorKind::kIntFromFloat:
      case ErrorKind::kFiniteNumber:
      case ErrorKind::kDictType:
      case ErrorKind::kListType:
      case ErrorKind::kNoneNotAllowed:
      case ErrorKind::kKeywordsMustBeStrings:
      case ErrorKind::kUnhashable:
      case ErrorKind::kDuplicateKey:
      case ErrorKind::kEnum:
      case ErrorKind::kDateTimeParsing:
        return false;
    }
    return false;
  }

  // Whether the real server can render this error (see server_can_render).
  bool renderable() const {
    std::string scratch;
    const bool v1 = list_.policy().wording == rules::Wording::kPydanticV1;
    switch (record_.kind) {
      case ErrorKind::kBodyMissing:
      case ErrorKind::kDuplicateKey:  // strict: no server
        return true;
      case ErrorKind::kJsonInvalid:
        return !v1 || !text::contains_lone_surrogate(json_decode_error().doc);
      case ErrorKind::kUnionTagInvalid:
        if (v1) {
          // Pydantic 1.10.4 fails with a 500 on an unhashable tag.
          const json::Kind tag_kind = inputs_.kind(tag());
          if (tag_kind == json::Kind::kArray || tag_kind == json::Kind::kObject) return false;
          inputs_.repr(tag(), scratch);
          return !text::contains_lone_surrogate(scratch) && inputs_.echo(tag(), scratch);
        }
        inputs_.str(tag(), scratch);
        return !text::contains_lone_surrogate(scratch) && inputs_.echo(record_.input, scratch);
      case ErrorKind::kLiteral:
        return inputs_.echo(record_.input, scratch);  // v2's input, v1's ctx "given"
      case ErrorKind::kMissing:
      case ErrorKind::kModelType:
      case ErrorKind::kStringType:
      case ErrorKind::kStringUnicode:
      case ErrorKind::kStringTooLong:
      case ErrorKind::kStringPatternMismatch:
      case ErrorKind::kIntType:
      case ErrorKind::kIntParsing:
      case ErrorKind::kIntParsingSize:
      case ErrorKind::kIntFromFloat:
      case ErrorKind::kFiniteNumber:
      case ErrorKind::kGreaterThanEqual:
      case ErrorKind::kDictType:
      case ErrorKind::kListType:
      case ErrorKind::kUnionTagNotFound:
      case ErrorKind::kNoneNotAllowed:
      case ErrorKind::kKeywordsMustBeStrings:
      case ErrorKind::kUnhashable:
      case ErrorKind::kEnum:
      case ErrorKind::kDateTimeParsing:
        break;
    }
    return v1 || inputs_.echo(record_.input, scratch);  // v1 echoes no input
  }

 private:
  static constexpr std::string_view kDateTimeReason = "expected an RFC 3339 date-time";

  static rules::Detail detail_of(const ErrorList& list, const Record& record) { return list.detail(record); }
  uint32_t tag() const { return list_.fact(record_.fact).tag; }
  // The repeated name of a duplicate_key error: its location's last step.
  std::string_view duplicate_key() const {
    return record_.step_kind(1) == StepKind::kMemberKey ? list_.tree().key(record_.steps[1]) : std::string_view();
  }

  struct JsonDecodeError {
    std::string doc;  // the text Python decoded
    PythonPosition position;
  };
  JsonDecodeError json_decode_error() const {
    JsonDecodeError e;
    json::decode_python_text(list_.body(), e.doc);
    e.position = python_position(e.doc, list_.json_invalid().char_position);
    return e;
  }

  const ErrorList& list_;
  const Record& record_;
  Inputs inputs_;
  rules::Detail detail_;
};

// A location's start as JSON, its root included: ["body"
std::string_view loc_json_start(Schema schema) { return schema == Schema::kRequest ? "[\"body\"" : "[\"response\""; }

}  // namespace

std::string_view loc_root(Schema schema) {
  const std::string_view start = loc_json_start(schema);
  return start.substr(2, start.size() - 3);  // between the quotes
}

Wording::Wording(const walk::ErrorList& list)
    : list_(list), v1_(list.policy().wording == rules::Wording::kPydanticV1) {}

std::string_view Wording::type(size_t i) const { return v1_ ? v1_type(list_[i].kind) : v2_type(list_[i].kind); }

uint64_t Wording::byte_offset(size_t i) const {
  const Record& record = list_[i];
  switch (record.kind) {
    case ErrorKind::kJsonInvalid:
      return list_.json_invalid().byte_offset;
    case ErrorKind::kBodyMissing:
      return 0;
    case ErrorKind::kMissing:
    case ErrorKind::kModelType:
    case ErrorKind::kStringType:
    case ErrorKind::kStringUnicode:
    case ErrorKind::kStringTooLong:
    case ErrorKind::kStringPatternMismatch:
    case ErrorKind::kIntType:
    case ErrorKind::kIntParsing:
    case ErrorKind::kIntParsingSize:
    case ErrorKind::kIntFromFloat:
    case ErrorKind::kFiniteNumber:
    case ErrorKind::kGreaterThanEqual:
    case ErrorKind::kLiteral:
    case ErrorKind::kDictType:
    case ErrorKind::kListType:
    case ErrorKind::kUnionTagNotFound:
    case ErrorKind::kUnionTagInvalid:
    case ErrorKind::kNoneNotAllowed:
    case ErrorKind::kKeywordsMustBeStrings:
    case ErrorKind::kUnhashable:
    case ErrorKind::kDuplicateKey:
    case ErrorKind::kEnum:
    case ErrorKind::kDateTimeParsing:
      break;
  }
  return Inputs(list_).offset(record.input);
}

std::string_view Wording::step_key(const Step& step) const {
  return step.kind == StepKind::kName ? list_.name(step.value) : list_.tree().key(step.value);
}

// ,step: a location's next item. A plain name is one piece, made when it was
// interned.
[[gnu::always_inline]] inline void Wording::append_item_json(const Step& step, Writer& out) const {
  if (step.kind == StepKind::kName && list_.name_is_plain(step.value)) {
    out += list_.name_item_json(step.value);
    return;
  }
  out += ',';
  if (step.kind == StepKind::kIndex) {
    out.append_int(step.value);
    return;
  }
  append_json_string(step_key(step), out);
}

// The prefix nodes of a record, root first: a short chain on a small array,
// a long one (strict's duplicate keys deep in a body) on the heap.
class PrefixChain {
 public:
  PrefixChain(const walk::ErrorList& list, uint32_t node) {
    for (uint32_t n = node; n != walk::kNone; n = list.node(n).parent) {
      if (size_ < small_.size()) {
        small_[size_] = n;
      } else {
        if (large_.empty()) large_.assign(small_.begin(), small_.end());
        large_.push_back(n);
      }
      ++size_;
    }
  }
  size_t size() const { return size_; }
  // i-th from the root.
  uint32_t operator[](size_t i) const {
    const size_t k = size_ - 1 - i;
    return large_.empty() ? small_[k] : large_[k];
  }

 private:
  std::array<uint32_t, 16> small_{};
  std::vector<uint32_t> large_;
  size_t size_ = 0;
};

// Writes the JSON of a location prefix into `buffer` (at most `capacity`
// bytes): ["body","manifest","source". Returns its length, or 0 when it does
// not fit or holds a name that needs escaping.
size_t Wording::write_prefix(uint32_t prefix, char* buffer, size_t capacity) const {
  // The nodes, last first: a prefix deeper than a schema's paths (strict's
  // duplicate keys deep in a body) is not kept.
  std::array<walk::Step, rules::Path::kCapacity> steps;
  size_t depth = 0;
  for (uint32_t n = prefix; n != walk::kNone; n = list_.node(n).parent) {
    if (depth == steps.size()) return 0;
    steps[depth++] = list_.node(n).step;
  }
  size_t size = 0;
  const auto put = [&](std::string_view s) {
    if (s.size() > capacity - size) return false;
    std::memcpy(buffer + size, s.data(), s.size());
    size += s.size();
    return true;
  };
  if (!put(loc_json_start(list_.schema()))) return 0;
  while (depth-- > 0) {
    const walk::Step step = steps[depth];
    if (step.kind == StepKind::kIndex) {
      char digits[16] = {','};
      if (!put(std::string_view(
              digits, static_cast<size_t>(std::to_chars(digits + 1, digits + sizeof digits, step.value).ptr - digits))))
        return 0;
    } else if (step.kind != StepKind::kName || !list_.name_is_plain(step.value) ||
               !put(list_.name_item_json(step.value))) {
      return 0;
    }
  }
  return size;
}

// Neighbouring errors share their leading steps: the prefix is written once
// and kept for the next error.
std::string_view Wording::kept_prefix(uint32_t prefix) {
  if (prefix != prefix_node_ || prefix_size_ == 0) {
    prefix_node_ = prefix;
    prefix_size_ = write_prefix(prefix, prefix_.data(), prefix_.size());
  }
  return std::string_view(prefix_.data(), prefix_size_);
}

void Wording::loc_json(size_t i, Writer& out) {
  const Record& record = list_[i];
  if (record.prefix == walk::kNone) {
    out += loc_json_start(list_.schema());
  } else {
    const std::string_view kept = kept_prefix(record.prefix);
    if (!kept.empty()) {
      out += kept;
    } else {
      // Too long to keep, or it quotes member names from the body.
      out += loc_json_start(list_.schema());
      const PrefixChain chain(list_, record.prefix);
      for (size_t k = 0; k < chain.size(); ++k) append_item_json(list_.node(chain[k]).step, out);
    }
  }
  for (int k = 0; k < 2; ++k) {
    if (record.step_kind(k) != StepKind::kNone) append_item_json(Step{record.step_kind(k), record.steps[k]}, out);
  }
  out += ']';
}

// loc_json() through a pointer into room for kLocRoom bytes; nullptr (and
// nothing to keep) when the location does not fit in one piece: a prefix
// too long to keep, a step from the body or a long name.
[[gnu::always_inline]] inline char* Wording::loc_json_into(const Record& record, char* p) {
  if (record.prefix == walk::kNone) {
    p = Writer::put(p, loc_json_start(list_.schema()));
  } else {
    const std::string_view kept = kept_prefix(record.prefix);
    if (kept.empty()) return nullptr;
    p = Writer::put(p, kept);
  }
  for (int k = 0; k < 2; ++k) {
    const uint32_t value = record.steps[k];
    switch (record.step_kind(k)) {
      case StepKind::kNone:
        break;
      case StepKind::kIndex:
        *p++ = ',';
        p = std::to_chars(p, p + 10, value).ptr;
        break;
      case StepKind::kName:
        if (!list_.name_is_plain(value) || list_.name_item_json(value).size() > kStepRoom) return nullptr;
        p = Writer::put(p, list_.name_item_json(value));
        break;
      case StepKind::kMemberKey:
        return nullptr;
    }
  }
  *p++ = ']';
  return p;
}

void Wording::append_loc_json(size_t i, std::string& out) {
  Writer w(out);
  loc_json(i, w);
}

void Wording::append_loc_text(size_t i, std::string& out) const {
  Writer w(out);
  const auto append = [&](const Step& step) {
    if (step.kind == StepKind::kIndex) {
      w += '[';
      w.append_int(step.value);
      w += ']';
    } else {
      w += '.';
      w += step_key(step);
    }
  };
  const Record& record = list_[i];
  w += loc_root(list_.schema());
  const PrefixChain chain(list_, record.prefix);
  for (size_t k = 0; k < chain.size(); ++k) append(list_.node(chain[k]).step);
  for (int k = 0; k < 2; ++k) {
    if (record.step_kind(k) != StepKind::kNone) append(Step{record.step_kind(k), record.steps[k]});
  }
}

std::vector<LocItem> Wording::loc(size_t i) const {
  std::vector<LocItem> loc;
  const auto append = [&](const Step& step) {
    loc.push_back(step.kind == StepKind::kIndex ? LocItem{{}, step.value, true}
                                                : LocItem{std::string(step_key(step)), 0, false});
  };
  const Record& record = list_[i];
  const PrefixChain chain(list_, record.prefix);
  loc.reserve(chain.size() + 3);
  loc.push_back(LocItem{std::string(loc_root(list_.schema())), 0, false});
  for (size_t k = 0; k < chain.size(); ++k) append(list_.node(chain[k]).step);
  for (int k = 0; k < 2; ++k) {
    if (record.step_kind(k) != StepKind::kNone) append(Step{record.step_kind(k), record.steps[k]});
  }
  return loc;
}

void Wording::append_msg(size_t i, std::string& out) const {
  const Words words(list_, list_[i]);
  Writer w(out);
  MsgOut m(w, false);
  if (v1_) {
    words.v1_msg(m);
  } else {
    words.v2_msg(m);
  }
}

bool Wording::append_input_json(size_t i, std::string& out) const {
  Writer w(out);
  return !v1_ && Words(list_, list_[i]).v2_input(w);
}

bool Wording::append_ctx_json(size_t i, std::string& out) const {
  const Words words(list_, list_[i]);
  Writer w(out);
  return v1_ ? words.v1_ctx(w, "") : words.v2_ctx(w, "");
}

// The parts of a "detail" item that depend on the error's kind alone, as
// JSON text: what comes before the location and, for a kind whose message
// quotes nothing, everything between the location and the input or ctx.
// (Outside the anonymous namespace: a Wording points at its dialect's.)
struct KindTexts {
  std::string head;  // {"type":"missing","loc":   (v1: {"loc":)
  std::string tail;  // ,"msg":"Field required","input":   (v1: ,"msg":"field required","type":"value_error.missing")
  // For a kind whose context is the rule's limit alone: the context up to
  // the number, ,"ctx":{"max_length":   (v1: ,"ctx":{"limit_value":)
  std::string ctx_before_limit;
  // For a kind whose message quotes the limit and nothing else: the tail
  // around the number, and whether a limit of 1 reads the same way (a
  // message may agree in number with it).
  std::string tail_before_limit;
  std::string tail_after_limit;
  bool limit_one_fits = false;
  // The kind has no context in this dialect: the item ends after its input.
  bool no_ctx = false;
  // For a kind whose message quotes the rule's `expected` text and nothing
  // else of the error (a literal, a union's discriminator): the tail around
  // that text, and the context around it with the item's closing brace
  // (empty when the context quotes more: v1's literal echoes the input).
  std::string tail_before_expected;
  std::string tail_after_expected;
  std::string ending_before_expected;
  std::string ending_after_expected;
};

namespace {

// The longest `expected` text written from kept pieces (longer: by the words).
constexpr size_t kMaxPlainExpected = 128;

// Whether the message of errors of `kind` quotes the rule's `expected` text
// and nothing else of the error (and so does the context, but for v1's
// literal: see KindTexts).
bool quotes_expected_alone(ErrorKind kind) {
  return kind == ErrorKind::kLiteral || kind == ErrorKind::kUnionTagNotFound;
}

// `text` cut around the one place it holds `sentinel`; false when it holds
// it less or more than once.
bool split_around(std::string_view text, std::string_view sentinel, std::string& before, std::string& after) {
  const size_t at = text.find(sentinel);
  if (at == std::string_view::npos || text.find(sentinel, at + 1) != std::string_view::npos) return false;
  before = text.substr(0, at);
  after = text.substr(at + sentinel.size());
  return true;
}

// What follows an item's location up to its input: ,"msg":"…","input":
// (v1, which echoes no input: ,"msg":"…","type":"…").
void append_msg_tail(const Words& words, ErrorKind kind, bool v1, Writer& w) {
  w += ",\"msg\":\"";
  MsgOut m(w, true);
  if (v1) {
    words.v1_msg(m);
    w += "\",\"type\":\"";
    w += v1_type(kind);  // type strings are identifiers: nothing to escape
    w += '"';
  } else {
    words.v2_msg(m);
    w += "\",\"input\":";
  }
}

// An item's context, when its kind has one: ,"ctx":{…}
void append_ctx(const Words& words, bool v1, Writer& w) {
  if (v1) {
    words.v1_ctx(w, ",\"ctx\":");
  } else {
    words.v2_ctx(w, ",\"ctx\":");
  }
}

// A message that quotes nothing of the error: neither its rule, nor its
// input, nor the body.
bool has_fixed_message(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUnhashable:       // v1: names the input's type
    case ErrorKind::kDuplicateKey:     // the key
    case ErrorKind::kJsonInvalid:      // v1: the position
    case ErrorKind::kUnionTagInvalid:  // the tag
      return false;
    case ErrorKind::kMissing:
    case ErrorKind::kModelType:
    case ErrorKind::kStringType:
    case ErrorKind::kStringUnicode:
    case ErrorKind::kStringTooLong:
    case ErrorKind::kStringPatternMismatch:
    case ErrorKind::kIntType:
    case ErrorKind::kIntParsing:
    case ErrorKind::kIntParsingSize:
    case ErrorKind::kIntFromFloat:
    case ErrorKind::kFiniteNumber:
    case ErrorKind::kGreaterThanEqual:
    case ErrorKind::kLiteral:
    case ErrorKind::kDictType:
    case ErrorKind::kListType:
    case ErrorKind::kUnionTagNotFound:
    case ErrorKind::kBodyMissing:
    case ErrorKind::kNoneNotAllowed:
    case ErrorKind::kKeywordsMustBeStrings:
    case ErrorKind::kEnum:
    case ErrorKind::kDateTimeParsing:
      return !walk::has_fact(kind);
  }
  return false;
}

// Indexed by ErrorKind's value (a byte): built once, read by every thread.
using KindTable = std::array<KindTexts, 256>;

KindTable make_kind_table(bool v1) {
  KindTable table;
  const ErrorList none;  // fixed messages read nothing of a list
  for (size_t k = 0; k < table.size(); ++k) {
    const auto kind = static_cast<ErrorKind>(k);
    const std::string_view type = v1 ? v1_type(kind) : v2_type(kind);
    KindTexts& t = table[k];
    if (v1) {
      t.head = "{\"loc\":";
    } else {
      t.head = "{\"type\":\"";
      t.head += type;
      t.head += "\",\"loc\":";
    }
    Record record;
    record.kind = kind;
    // What follows the location: the message and, in v1, the type.
    const auto tail_of = [&](const Words& words) {
      std::string tail;
      Writer w(tail);
      append_msg_tail(words, kind, v1, w);
      return std::move(w.str());
    };
    if (walk::quotes_limit(kind)) {
      // The words' own context, with its number and closing brace cut off
      // (left empty, for the words to write whole, if it ends otherwise).
      std::string ctx;
      {
        Writer w(ctx);
        append_ctx(Words(none, record, rules::Detail::of_limit(0)), v1, w);
      }
      constexpr std::string_view kLimitEnd = ":0}";
      if (ctx.ends_with(kLimitEnd)) t.ctx_before_limit = ctx.substr(0, ctx.size() - kLimitEnd.size() + 1);
      // The message around a limit no text holds otherwise.
      constexpr int64_t kSentinel = 987654321;
      const std::string tail = tail_of(Words(none, record, rules::Detail::of_limit(kSentinel)));
      const size_t at = tail.find(std::to_string(kSentinel));
      if (at != std::string::npos && tail.find(std::to_string(kSentinel), at + 1) == std::string::npos) {
        t.tail_before_limit = tail.substr(0, at);
        t.tail_after_limit = tail.substr(at + std::to_string(kSentinel).size());
        t.limit_one_fits =
            tail_of(Words(none, record, rules::Detail::of_limit(1))) == t.tail_before_limit + "1" + t.tail_after_limit;
      }
    }
    if (quotes_expected_alone(kind)) {
      // The words around an `expected` no text holds otherwise.
      constexpr std::string_view kSentinel = "tfschema-expected-987654321";
      const rules::Detail detail = rules::Detail::of_literal(kSentinel);
      if (split_around(tail_of(Words(none, record, detail)), kSentinel, t.tail_before_expected,
                       t.tail_after_expected) &&
          !(v1 && kind == ErrorKind::kLiteral)) {
        std::string ending;
        {
          Writer w(ending);
          append_ctx(Words(none, record, detail), v1, w);
          w += '}';
        }
        split_around(ending, kSentinel, t.ending_before_expected, t.ending_after_expected);
      }
    }
    if (has_fixed_message(kind)) t.tail = tail_of(Words(none, record));
    if (!walk::has_fact(kind)) {
      // Such a context quotes nothing of the list, if there is one.
      std::string ctx;
      {
        Writer w(ctx);
        append_ctx(Words(none, record), v1, w);
      }
      t.no_ctx = ctx.empty();
    }
  }
  return table;
}

const KindTable& kind_table(bool v1) {
  static const KindTable kV2 = make_kind_table(false);
  static const KindTable kV1 = make_kind_table(true);
  return v1 ? kV1 : kV2;
}

// The same for a pattern error, whose message and context quote only its
// pattern: the tail, and the context with the item's closing brace. One per
// pattern (indexed by the enum's value) and dialect, made once.
struct PatternTexts {
  std::string tail;
  std::string ending;  // ,"ctx":{"pattern":"…"}}
};
const PatternTexts& pattern_texts(bool v1, rules::Pattern pattern) {
  const auto make = [](bool v1_dialect) {
    std::array<PatternTexts, 256> texts;
    const ErrorList none;
    for (size_t i = 0; i < texts.size(); ++i) {
      const auto p = static_cast<rules::Pattern>(i);
      if (rules::pattern_text(p).empty()) continue;
      Record record;
      record.kind = ErrorKind::kStringPatternMismatch;
      const Words words(none, record, rules::Detail::of_pattern(p));
      {
        Writer w(texts[i].tail);
        append_msg_tail(words, record.kind, v1_dialect, w);
      }
      Writer w(texts[i].ending);
      append_ctx(words, v1_dialect, w);
      w += '}';
    }
    return texts;
  };
  // One guard checked per call, not both.
  if (v1) {
    static const std::array<PatternTexts, 256> kV1 = make(true);
    return kV1[static_cast<size_t>(pattern)];
  }
  static const std::array<PatternTexts, 256> kV2 = make(false);
  return kV2[static_cast<size_t>(pattern)];
}

}  // namespace

void Wording::append_fastapi_item(size_t i, std::string& out) {
  Writer w(out);
  append_fastapi_item(i, w);
}

void Wording::append_fastapi_item(size_t i, Writer& w) {
  const Record& record = list_[i];  // found once (a chunked list's lookup)
  const Words words(list_, record);
  const ErrorKind kind = record.kind;
  // The dialect's table, found once per rendering (a function's static
  // tables cost a check of their guard at each call).
  if (kind_texts_ == nullptr) kind_texts_ = kind_table(v1_).data();
  const KindTexts& texts = kind_texts_[static_cast<size_t>(kind)];
  // What follows the location, and what follows the input, when they are
  // the same for every error of its kind (or, for a pattern error, of its
  // pattern).
  std::string_view tail = texts.tail;
  std::string_view ending;
  if (kind == ErrorKind::kStringPatternMismatch && words.detail().pattern) {
    const PatternTexts& pattern = pattern_texts(v1_, *words.detail().pattern);
    tail = pattern.tail;
    ending = pattern.ending;
  }
  // Or a message that quotes the rule's limit: kept text around the number.
  const int64_t limit = words.detail().limit;
  const bool limit_tail = tail.empty() && !texts.tail_before_limit.empty() && (limit != 1 || texts.limit_one_fits);
  // Or one that quotes the rule's `expected` text: kept text around it,
  // when it needs no escape.
  const std::string_view expected = words.detail().expected;
  const bool expected_plain = !texts.tail_before_expected.empty() && expected.size() <= kMaxPlainExpected &&
                              text::json_plain_run_end<true>(expected, 0) == expected.size();
  const bool expected_tail = tail.empty() && !limit_tail && expected_plain;
  const size_t tail_room = limit_tail ? texts.tail_before_limit.size() + 20 + texts.tail_after_limit.size()
                           : expected_tail
                               ? texts.tail_before_expected.size() + expected.size() + texts.tail_after_expected.size()
                               : tail.size();
  // The head, the location and the tail in one piece when they fit.
  const size_t room = texts.head.size() + kLocRoom + tail_room;
  char* const start = room <= Writer::kMaxRoom ? w.reserve(room) : nullptr;
  char* end = start != nullptr ? loc_json_into(record, Writer::put(start, texts.head)) : nullptr;
  if (end != nullptr) {
    if (limit_tail) {
      end = Writer::put(end, texts.tail_before_limit);
      end = std::to_chars(end, end + 20, limit).ptr;
      end = Writer::put(end, texts.tail_after_limit);
    } else if (expected_tail) {
      end = Writer::put(end, texts.tail_before_expected);
      end = Writer::put(end, expected);
      end = Writer::put(end, texts.tail_after_expected);
    } else {
      end = Writer::put(end, tail);
    }
    w.commit(end);
  } else {
    w += texts.head;
    loc_json(i, w);
    if (limit_tail) {
      w += texts.tail_before_limit;
      w.append_int(limit);
      w += texts.tail_after_limit;
    } else if (expected_tail) {
      w += texts.tail_before_expected;
      w += expected;
      w += texts.tail_after_expected;
    } else {
      w += tail;
    }
  }
  if (tail.empty() && !limit_tail && !expected_tail) append_msg_tail(words, kind, v1_, w);
  if (!v1_) words.v2_input(w);
  if (!ending.empty()) {
    w += ending;
  } else if (texts.no_ctx) {
    w += '}';
  } else if (!texts.ctx_before_limit.empty() && texts.ctx_before_limit.size() <= Writer::kMaxRoom - 24) {
    char* p = Writer::put(w.reserve(texts.ctx_before_limit.size() + 24), texts.ctx_before_limit);
    p = std::to_chars(p, p + 20, words.detail().limit).ptr;
    *p++ = '}';
    *p++ = '}';
    w.commit(p);
  } else if (expected_plain && !texts.ending_before_expected.empty() &&
             texts.ending_before_expected.size() + texts.ending_after_expected.size() <=
                 Writer::kMaxRoom - kMaxPlainExpected) {
    char* p = w.reserve(texts.ending_before_expected.size() + expected.size() + texts.ending_after_expected.size());
    p = Writer::put(p, texts.ending_before_expected);
    p = Writer::put(p, expected);
    w.commit(Writer::put(p, texts.ending_after_expected));
  } else {
    append_ctx(words, v1_, w);
    w += '}';
  }
}

Error Wording::error(size_t i) const {
  Error e;
  e.kind = list_[i].kind;
  e.type = type(i);
  e.loc = loc(i);
  append_msg(i, e.msg);
  append_input_json(i, e.input_json);
  append_ctx_json(i, e.ctx_json);
  e.byte_offset = byte_offset(i);
  e.server_cannot_render = list_[i].server_cannot_render();
  return e;
}

bool server_can_render(const walk::ErrorList& list, size_t i) { return Words(list, list[i]).renderable(); }

}  // namespace tfschema::render
