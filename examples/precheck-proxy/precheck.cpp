#include "precheck.hpp"

namespace precheck {

tfschema::Options precheck_validator_options(tfschema::Profile profile, size_t max_body_bytes, uint32_t depth_margin) {
  const uint32_t limit = tfschema::server_max_depth(profile);
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
    case tfschema::Status::kOutOfMemory:
      return std::nullopt;
  }
  if (result.server_cannot_render()) return std::nullopt;
  return LocalAnswer{result.http_status(), tfschema::render_fastapi(result)};
}

}  // namespace precheck
