#include "precheck.hpp"

#include <algorithm>

namespace precheck {

// The deepest nesting each profile's server parses (one level more is its
// 400), as src/rules/policy.cpp has it: Options::max_depth = 0 picks it, but
// the public API does not say what it is. precheck_proxy_test checks that
// these agree with the library.
uint32_t server_depth_limit(tfschema::Profile profile) {
  switch (profile) {
    case tfschema::Profile::kPydanticV2:
      return 9994;
    case tfschema::Profile::kPydanticV1:
      return 970;
    case tfschema::Profile::kStrict:
      return 100000;
  }
  return 0;
}

tfschema::Options precheck_validator_options(tfschema::Profile profile, size_t max_body_bytes, uint32_t depth_margin) {
  const uint32_t limit = server_depth_limit(profile);
  return tfschema::Options{.profile = profile,
                           .max_body_bytes = max_body_bytes,
                           .max_depth = limit > depth_margin ? limit - depth_margin : 1};
}

std::optional<LocalAnswer> answer_locally(tfschema::Validator& validator, std::string_view body) {
  // For a valid body validate() costs what is_valid() costs, so one call.
  tfschema::Result result = validator.validate(body);
  switch (result.status()) {
    case tfschema::Status::kInvalid:
      break;
    case tfschema::Status::kValid:
    case tfschema::Status::kBadRequest:
    case tfschema::Status::kLimitExceeded:
    case tfschema::Status::kUnsupported:
      return std::nullopt;
  }
  const auto& errors = result.errors();
  if (std::any_of(errors.begin(), errors.end(), [](const tfschema::Error& e) { return e.server_cannot_render; })) {
    return std::nullopt;
  }
  return LocalAnswer{result.http_status(), tfschema::render_fastapi(result)};
}

}  // namespace precheck
