// The benchmark subjects: tfschema's two entry points per profile, simdjson's
// own traversal (the limit SPEC §5 measures against) and the peers a user
// would otherwise pick.
//
// A subject is constructed once per benchmark run, outside timing; its
// `bool run(const Body&)` is one timed iteration and returns the verdict
// (true: valid). Subjects that only parse (kJudgesSchema == false) answer
// "well-formed JSON", which every benchmark body is. A subject may also offer
// `std::string problem() const`: what was wrong with the last run beyond the
// verdict (empty when nothing). run() is not virtual and lives in this header
// so that the benchmark loop calls it directly, as a user's code would.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <simdjson.h>

// The internal regex of RapidJSON 1.1 silently drops patterns it cannot
// parse, among them `^[A-Za-z0-9_\-]+$` (manifest.name): with it the peer
// would skip a check the others make. Defining the macro (to anything) turns
// it off; RapidJSON then picks std::regex by itself. Defining
// RAPIDJSON_SCHEMA_USE_STDREGEX as well would clash with Debian's 1.1
// header, which #defines it unconditionally; the static_assert below checks
// the outcome instead.
#define RAPIDJSON_SCHEMA_USE_INTERNALREGEX 0
#include <rapidjson/document.h>
#include <rapidjson/reader.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
static_assert(RAPIDJSON_SCHEMA_USE_STDREGEX == 1, "RapidJSON must validate `pattern` with std::regex");

#include <valijson/adapters/rapidjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "bench_inputs.hpp"
#include "tfschema/tfschema.hpp"

#if TFSCHEMA_BENCH_HAVE_REFERENCE
#include "tfschema_reference/reference.hpp"
#endif

namespace tfschema::bench {

// tfschema's fast yes/no: simdjson On-Demand over the caller's buffer.
class TfschemaIsValid {
 public:
  static constexpr bool kJudgesSchema = true;
  explicit TfschemaIsValid(Profile profile, Schema schema = Schema::kRequest)
      : validator_(Options{.profile = profile, .schema = schema}) {}
  bool run(const Body& body) { return validator_.is_valid(body.padded); }

 private:
  Validator validator_;
};

// tfschema's diagnostic call, and for a rejected body the response the
// server would send, rendered into a buffer kept across bodies: what a
// gateway answering in the server's place does.
class TfschemaValidate {
 public:
  static constexpr bool kJudgesSchema = true;
  explicit TfschemaValidate(Profile profile, Schema schema = Schema::kRequest)
      : validator_(Options{.profile = profile, .schema = schema}) {}
  bool run(const Body& body) {
    const Result result = validator_.validate(body.padded);
    ok_ = result.ok();
    errors_ = result.error_count();
    response_.clear();
    if (!ok_) render_fastapi(result, response_);
    return ok_;
  }
  size_t errors() const { return errors_; }
  std::string problem() const {
    if (!ok_ && (errors_ == 0 || !response_.starts_with("{\"detail\":"))) {
      return "a rejected body rendered as '" + response_.substr(0, 80) + "'";
    }
    return {};
  }

 private:
  Validator validator_;
  std::string response_;
  size_t errors_ = 0;
  bool ok_ = true;
};

// The limit: simdjson On-Demand reading every value of the body the way the
// fast path must (every key unescaped, every string unescaped, every number
// parsed as its type, every literal checked), with no schema at all. It
// mirrors what tfschema reads, so the ratio prices the rules alone.
//
// Written as simdjson recommends (its json2msgpack benchmark, pull request
// #2819): `ondemand::value` passed by value (under GCC a reference costs about
// 2x), and scalars read in the loop that meets them, so only containers
// recurse. The yardstick is itself checked against simdjson_dom on the same
// body in the same run (bench/run_benchmarks.py reports both).
class SimdjsonWalk {
 public:
  static constexpr bool kJudgesSchema = false;
  bool run(const Body& body) {
    simdjson::ondemand::document doc;
    if (parser_.iterate(body.padded).get(doc)) return false;
    simdjson::ondemand::value root;
    if (doc.get_value().get(root) || !visit(root)) return false;
    // As tfschema does: content after the root value is an error.
    return doc.current_location().error() == simdjson::OUT_OF_BOUNDS;
  }
  // Folds in what was read, so that no read can be optimised away.
  uint64_t checksum() const { return checksum_; }

 private:
  bool visit(simdjson::ondemand::value value) {
    simdjson::ondemand::json_type type;
    if (value.type().get(type)) return false;
    switch (type) {
      case simdjson::ondemand::json_type::object: {
        simdjson::ondemand::object object;
        if (value.get_object().get(object)) return false;
        for (auto member : object) {
          simdjson::ondemand::field field;
          std::string_view key;
          if (std::move(member).get(field) || field.unescaped_key().get(key)) return false;
          checksum_ += key.size();
          if (!visit(field.value())) return false;
        }
        return true;
      }
      case simdjson::ondemand::json_type::array: {
        simdjson::ondemand::array array;
        if (value.get_array().get(array)) return false;
        for (auto element : array) {
          simdjson::ondemand::value item;
          if (element.get(item) || !visit(item)) return false;
        }
        return true;
      }
      default:
        return scalar(value, type);
    }
  }

  // Inlined into visit(): a scalar costs no call of its own.
  [[gnu::always_inline]] inline bool scalar(simdjson::ondemand::value value, simdjson::ondemand::json_type type) {
    switch (type) {
      case simdjson::ondemand::json_type::string: {
        std::string_view text;
        if (value.get_string().get(text)) return false;
        checksum_ += text.size();
        return true;
      }
      case simdjson::ondemand::json_type::number: {
        simdjson::ondemand::number number;
        if (value.get_number().get(number)) return false;
        switch (number.get_number_type()) {
          case simdjson::ondemand::number_type::signed_integer:
            checksum_ += static_cast<uint64_t>(number.get_int64());
            break;
          case simdjson::ondemand::number_type::unsigned_integer:
            checksum_ += number.get_uint64();
            break;
          case simdjson::ondemand::number_type::floating_point_number:
            checksum_ += static_cast<uint64_t>(number.get_double() > 0.5);
            break;
        }
        return true;
      }
      case simdjson::ondemand::json_type::boolean: {
        bool flag = false;
        if (value.get_bool().get(flag)) return false;
        checksum_ += flag;
        return true;
      }
      case simdjson::ondemand::json_type::null: {
        bool is_null = false;
        return !value.is_null().get(is_null) && is_null;
      }
      default:
        return false;
    }
  }

  simdjson::ondemand::parser parser_;
  uint64_t checksum_ = 0;
};

// simdjson's DOM parser: the whole body to a tape, no schema.
class SimdjsonDom {
 public:
  static constexpr bool kJudgesSchema = false;
  bool run(const Body& body) {
    simdjson::dom::element root;
    return !parser_.parse(body.padded).get(root);
  }

 private:
  simdjson::dom::parser parser_;
};

#if TFSCHEMA_BENCH_HAVE_REFERENCE
// The independent reading of the OpenAPI document (nlohmann/json + RE2) that
// tests hold tfschema to; slow by design, measured to show how slow.
class NlohmannReference {
 public:
  static constexpr bool kJudgesSchema = true;
  explicit NlohmannReference(Profile profile = Profile::kPydanticV2, Schema schema = Schema::kRequest)
      : validator_(profile, schema) {}
  bool run(const Body& body) {
    const auto result = validator_.validate(std::string_view(body.text));
    judged_ = result.judged;
    return result.judged && result.valid;
  }
  std::string problem() const { return judged_ ? std::string() : "the reference validator did not judge the body"; }

 private:
  reference::Validator validator_;
  bool judged_ = true;
};
#endif

// RapidJSON's SchemaValidator in its fastest form: validating SAX events as
// the Reader produces them, with no DOM. UTF-8 is validated, as simdjson and
// tfschema always do.
class RapidjsonSchema {
 public:
  static constexpr bool kJudgesSchema = true;
  explicit RapidjsonSchema(const std::string& json_schema)
      : schema_json_(parse_schema(json_schema)), schema_(*schema_json_), validator_(schema_) {}
  bool run(const Body& body) {
    validator_.Reset();
    rapidjson::StringStream stream(body.text.c_str());
    const rapidjson::ParseResult parsed = reader_.Parse<rapidjson::kParseValidateEncodingFlag>(stream, validator_);
    return parsed && validator_.IsValid();
  }

 private:
  static std::unique_ptr<rapidjson::Document> parse_schema(const std::string& json_schema) {
    auto document = std::make_unique<rapidjson::Document>();
    if (document->Parse(json_schema.c_str(), json_schema.size()).HasParseError()) fatal("rapidjson: bad JSON Schema");
    return document;
  }

  std::unique_ptr<rapidjson::Document> schema_json_;  // the SchemaDocument refers into it
  rapidjson::SchemaDocument schema_;
  rapidjson::SchemaValidator validator_;
  rapidjson::Reader reader_;
};

// valijson over RapidJSON's DOM (its fastest adapter), one Document per body
// as a user would parse it.
class Valijson {
 public:
  static constexpr bool kJudgesSchema = true;
  explicit Valijson(const std::string& json_schema) {
    rapidjson::Document schema_json;
    if (schema_json.Parse(json_schema.c_str(), json_schema.size()).HasParseError()) fatal("valijson: bad JSON Schema");
    // Built without VALIJSON_USE_EXCEPTIONS (see bench/CMakeLists.txt): a
    // schema valijson cannot read prints why and aborts.
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::RapidJsonAdapter(schema_json), schema_);
  }
  bool run(const Body& body) {
    rapidjson::Document document;
    if (document.Parse<rapidjson::kParseValidateEncodingFlag>(body.text.c_str(), body.text.size()).HasParseError()) {
      return false;
    }
    return validator_.validate(schema_, valijson::adapters::RapidJsonAdapter(document), nullptr);
  }

 private:
  valijson::Schema schema_;
  valijson::Validator validator_;
};

// The suffix of a profile's subjects: none for the default profile, "_v1"
// for pydantic-v1, "_strict" for strict.
inline std::string profile_suffix(Profile profile) {
  if (profile == Options{}.profile) return "";
  std::string_view name = profile_name(profile);
  if (name.starts_with("pydantic-")) name.remove_prefix(std::string_view("pydantic-").size());
  return "_" + std::string(name);
}

// Calls visit(name, make) for every subject, where make() returns a
// std::unique_ptr to a fresh instance. One list for the benchmark binary and
// the callgrind driver.
template <class Visit>
void for_each_subject(const std::string& json_schema, Visit&& visit) {
  for (const Profile profile : kAllProfiles) {
    const std::string suffix = profile_suffix(profile);
    visit("tfschema_is_valid" + suffix, [profile] { return std::make_unique<TfschemaIsValid>(profile); });
    visit("tfschema_validate" + suffix, [profile] { return std::make_unique<TfschemaValidate>(profile); });
  }
  visit(std::string("simdjson_walk"), [] { return std::make_unique<SimdjsonWalk>(); });
  visit(std::string("simdjson_dom"), [] { return std::make_unique<SimdjsonDom>(); });
#if TFSCHEMA_BENCH_HAVE_REFERENCE
  visit(std::string("nlohmann_reference"), [] { return std::make_unique<NlohmannReference>(); });
#endif
  visit(std::string("rapidjson_schema"), [&json_schema] { return std::make_unique<RapidjsonSchema>(json_schema); });
  visit(std::string("valijson"), [&json_schema] { return std::make_unique<Valijson>(json_schema); });
}

// The subjects of the response schemas (strict only), for the bodies in
// bench/data/response/: `schema` is the body's (Body::schema).
template <class Visit>
void for_each_response_subject(Schema schema, Visit&& visit) {
  visit(std::string("tfschema_is_valid_response"),
        [schema] { return std::make_unique<TfschemaIsValid>(Profile::kStrict, schema); });
  visit(std::string("tfschema_validate_response"),
        [schema] { return std::make_unique<TfschemaValidate>(Profile::kStrict, schema); });
  visit(std::string("simdjson_walk"), [] { return std::make_unique<SimdjsonWalk>(); });
#if TFSCHEMA_BENCH_HAVE_REFERENCE
  visit(std::string("nlohmann_reference_response"),
        [schema] { return std::make_unique<NlohmannReference>(Profile::kStrict, schema); });
#endif
}

// The verdict `subject` must give on `body`, checked before any timing.
template <class Subject>
bool expected_verdict(const Body& body) {
  return Subject::kJudgesSchema ? body.expect_valid : true;
}

// Runs `subject` once on `body` and says what is wrong with its answer
// (empty when it is the expected one).
template <class Subject>
std::string check_verdict(Subject& subject, const Body& body) {
  const bool verdict = subject.run(body);
  if (verdict != expected_verdict<Subject>(body)) {
    return std::string("verdict ") + (verdict ? "valid" : "invalid") + ", expected " +
           (expected_verdict<Subject>(body) ? "valid" : "invalid");
  }
  if constexpr (requires { subject.problem(); }) return subject.problem();
  return {};
}

}  // namespace tfschema::bench
