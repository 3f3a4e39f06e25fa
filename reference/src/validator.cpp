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

RefResult judge(const detail::ProfilePolicy& policy, const Schema& schema, std::string_view body) {
  RefResult result;
  result.judged = true;
  detail::Interpreter interpreter(policy, result.errors);
  // FastAPI does not parse an empty body: it reports the body missing.
  if (body.empty()) {
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
  interpreter.check(schema.request_body(), parsed.root, false);
  result.valid = result.errors.empty();
  return result;
}

}  // namespace

Validator::Validator(tfschema::Profile profile) noexcept : profile_(profile) {
  try {
    schema_ = embedded_schema(&schema_error_);
  } catch (...) {
    schema_ = nullptr;
  }
}

Validator::Validator(tfschema::Profile profile, std::shared_ptr<const Schema> schema) noexcept
    : profile_(profile), schema_(std::move(schema)) {}

RefResult Validator::validate(std::string_view body) const noexcept {
  try {
    if (schema_ == nullptr) return not_judged("no schema: " + schema_error_);
    return judge(detail::policy_for(profile_), *schema_, body);
  } catch (const std::exception& e) {
    return not_judged(std::string("the reference failed: ") + e.what());
  } catch (...) {
  }
  return {};
}

}  // namespace tfschema::reference
