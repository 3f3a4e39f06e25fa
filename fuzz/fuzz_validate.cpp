// Every profile (and strict's response schemas) and both entry points on arbitrary bytes: the yes/no answer
// equals the diagnostic verdict, a rejected body renders as well-formed
// JSON, the text and JSON reports render, and answers are deterministic.
#include "fuzz/fuzz_common.hpp"
#include "json/py_parser.hpp"
#include "tfschema/tfschema.hpp"

namespace {

// RFC 8259 JSON (nlohmann would refuse the big integers a body may echo).
bool is_json(std::string_view text) {
  static tfschema::json::Parser parser;
  static tfschema::json::Document doc;
  const tfschema::json::ParseOptions options{tfschema::json::Dialect::kRfc8259, 100000};
  return parser.parse(text, options, doc).outcome == tfschema::json::ParseOutcome::kOk;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > tfschema::fuzz::kMaxInput) return 0;
  const simdjson::padded_string body = tfschema::fuzz::padded_copy(data, size);
  // Each profile on each schema it validates.
  for (const auto& [profile, schema] : tfschema::fuzz::implemented_pairs()) {
    tfschema::Validator validator({.profile = profile, .schema = schema});
    const bool yes = validator.is_valid(body);
    const tfschema::Result result = validator.validate(body);
    const std::string rendered = tfschema::render_fastapi(result);
    if (yes != result.ok())
      tfschema::fuzz::fail("is_valid disagrees with validate", tfschema::profile_name(profile),
                           std::string(tfschema::schema_name(schema)) + ": " + rendered);
    if (!result.ok() && !is_json(rendered)) tfschema::fuzz::fail("rendered body is not JSON", rendered);
    const std::string report = tfschema::render_json(result, body, "input");
    if (!is_json(report)) tfschema::fuzz::fail("JSON report is not JSON", report);
    tfschema::render_text(result, body, "input");
    // A second run on the same (warm) validator answers the same bytes.
    const std::string again = tfschema::render_fastapi(validator.validate(std::string_view(body.data(), body.size())));
    if (again != rendered) tfschema::fuzz::fail("validation is not deterministic", rendered, again);
  }
  return 0;
}
