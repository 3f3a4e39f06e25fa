// The library checking itself: whatever the body, in every profile, a 422
// answer render_fastapi() writes is JSON and validates as the API's
// HTTPValidationError (strict profile, Schema::kError), also where the
// server itself would fail to render (server_cannot_render) and with
// --max-errors cuts.
#include <string>

#include "fuzz/fuzz_common.hpp"
#include "tfschema/tfschema.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > tfschema::fuzz::kMaxInput) return 0;
  const simdjson::padded_string body = tfschema::fuzz::padded_copy(data, size);
  static tfschema::Validator error_schema({.profile = tfschema::Profile::kStrict, .schema = tfschema::Schema::kError});
  for (const tfschema::Profile profile : tfschema::kAllProfiles) {
    for (const size_t max_errors : {size_t{0}, size_t{1}}) {
      tfschema::Validator validator({.profile = profile, .max_errors = max_errors});
      const tfschema::Result result = validator.validate(body);
      if (result.http_status() != 422) continue;
      const std::string rendered = tfschema::render_fastapi(result);
      const tfschema::Result check = error_schema.validate(rendered);
      if (!check.ok()) {
        const std::string why = check.errors().empty()
                                    ? tfschema::render_fastapi(check)
                                    : tfschema::format_loc(check.errors()[0]) + ": " + check.errors()[0].msg;
        tfschema::fuzz::fail("a rendered 422 is not an HTTPValidationError", rendered, why);
      }
    }
  }
  return 0;
}
