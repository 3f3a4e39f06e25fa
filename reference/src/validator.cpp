// The entry point: what is decided about the body as a whole (empty, not
// readable, null), then the interpreter over the request body schema.
#include <exception>
#include <utility>

#include "body_reader.hpp"
#include "interpreter.hpp"
#include "profiles.hpp"
#include "tfschema_reference/reference.hpp"

namespace tfschema::reference {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

RefResult not_judged(std::string why) {
  RefResult result;
  result.why_not_judged = std::move(why);
  return result;
}

// The answer whose schema a response document is checked against.
std::string_view answer_status(tfschema::Schema document) {
  return document == tfschema::Schema::kResponse ? "200" : "422";
}

RefResult judge(const detail::ProfilePolicy& policy, const Schema& schema, tfschema::Schema document,
                std::string_view body) {
  const bool request = document == tfschema::Schema::kRequest;
  const detail::SchemaNode* root = request ? &schema.request_body() : schema.response_body(answer_status(document));
  if (root == nullptr) return not_judged("the document gives no schema for " + std::string(answer_status(document)));
  RefResult result;
  result.judged = true;
  detail::Interpreter interpreter(policy, result.errors, request ? "body" : "response");
  // FastAPI does not parse an empty request body: it reports the body missing.
  if (request && body.empty()) {
    interpreter.report(detail::Problem::kMissing);
    return result;
  }
  // nlohmann reads a NUL byte as the end of the input; to everyone else
  // it is a character no JSON text may hold (or part of UTF-16/32 text).
  if (body.find('\0') != std::string_view::npos) return not_judged("a NUL byte (UTF-16/32, or not JSON)");
  if (!policy.skips_bom && body.starts_with(kUtf8Bom)) {
    return not_judged("a UTF-8 BOM: json_invalid in RFC 8259, at a position this reader does not compute");
  }
  detail::Body parsed;
  const detail::ReadResult read = detail::read_body(body, parsed);
  if (read.outcome != detail::ReadOutcome::kOk) return not_judged(read.message);
  if (parsed.root.is_null() && policy.null_body_is_missing) {
    interpreter.report(detail::Problem::kMissing);
    return result;
  }
  if (policy.repeated_names_are_errors) interpreter.check_repeated_names(parsed);
  interpreter.check(*root, parsed.root, false);
  result.valid = result.errors.empty();
  return result;
}

}  // namespace

Validator::Validator(tfschema::Profile profile, tfschema::Schema document) noexcept
    : profile_(profile), document_(document) {
  try {
    schema_ = embedded_schema(&schema_error_);
  } catch (...) {
    schema_ = nullptr;
  }
}

Validator::Validator(tfschema::Profile profile, std::shared_ptr<const Schema> schema,
                     tfschema::Schema document) noexcept
    : profile_(profile), document_(document), schema_(std::move(schema)) {}

RefResult Validator::validate(std::string_view body) const noexcept {
  try {
    if (schema_ == nullptr) return not_judged("no schema: " + schema_error_);
    return judge(detail::policy_for(profile_), *schema_, document_, body);
  } catch (const std::exception& e) {
    return not_judged(std::string("the reference failed: ") + e.what());
  } catch (...) {
  }
  return {};
}

}  // namespace tfschema::reference
