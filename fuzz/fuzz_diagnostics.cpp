// Differential: the diagnostic fast path (errors collected by the stream
// walker and rendered from the body's text) against the exact path (errors
// collected on the Python-faithful tree), on every input, in every profile
// and schema, with and without an error cap. Any difference in the status,
// the rendered bodies (FastAPI, JSON and text reports) or the owned errors
// aborts with both answers.
#include <string>
#include <utility>

#include "api/exact_path.hpp"
#include "fuzz/fuzz_common.hpp"
#include "tests/support/result_text.hpp"
#include "tfschema/tfschema.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > tfschema::fuzz::kMaxInput) return 0;
  const simdjson::padded_string body = tfschema::fuzz::padded_copy(data, size);
  const std::string_view text(body.data(), body.size());
  constexpr std::pair<tfschema::Profile, tfschema::Schema> kValidators[] = {
      {tfschema::Profile::kPydanticV2, tfschema::Schema::kRequest},
      {tfschema::Profile::kPydanticV1, tfschema::Schema::kRequest},
      {tfschema::Profile::kStrict, tfschema::Schema::kRequest},
      {tfschema::Profile::kStrict, tfschema::Schema::kResponse},
      {tfschema::Profile::kStrict, tfschema::Schema::kError},
  };
  for (const auto& [profile, schema] : kValidators) {
    for (const size_t cap : {size_t{0}, size_t{1}, size_t{3}}) {
      const tfschema::Options options{.profile = profile, .schema = schema, .max_errors = cap};
      tfschema::Validator fast(options);
      tfschema::Validator exact(options);
      const std::string a = tfschema::testing::result_text(fast.validate(body), text);
      const std::string b = tfschema::testing::result_text(tfschema::detail::validate_on_tree(exact, body), text);
      if (a != b) {
        tfschema::fuzz::fail(std::string("stream and exact diagnostics differ, ") +
                                 std::string(tfschema::profile_name(profile)) + "/" +
                                 std::string(tfschema::schema_name(schema)) + " cap " + std::to_string(cap),
                             a, b);
      }
    }
  }
  return 0;
}
