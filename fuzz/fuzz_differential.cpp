// Differential: the fast validators against the reference validator (an
// independent reading of the OpenAPI document) on every input and every
// profile; any disagreement on the verdict or on an error's loc or type
// aborts with both answers.
#include <string>
#include <variant>

#include "fuzz/fuzz_common.hpp"
#include "tfschema/tfschema.hpp"
#include "tfschema_reference/reference.hpp"

namespace {

std::string describe(const tfschema::Result& result) {
  std::string out = std::to_string(result.http_status());
  for (const tfschema::Error& e : result.errors()) out += " " + tfschema::format_loc(e) + "=" + std::string(e.type);
  return out;
}

std::string describe(const tfschema::reference::RefResult& result) {
  std::string out = result.valid ? "200" : "4xx";
  for (const auto& e : result.errors) {
    std::string loc;
    for (const auto& item : e.loc) {
      if (const auto* key = std::get_if<std::string>(&item)) {
        loc += (loc.empty() ? "" : ".") + *key;
      } else {
        loc += "[" + std::to_string(std::get<int64_t>(item)) + "]";
      }
    }
    out += " " + loc + "=" + e.type;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > tfschema::fuzz::kMaxInput) return 0;
  const simdjson::padded_string body = tfschema::fuzz::padded_copy(data, size);
  for (tfschema::Profile profile :
       {tfschema::Profile::kPydanticV2, tfschema::Profile::kPydanticV1, tfschema::Profile::kStrict}) {
    static const tfschema::reference::Validator references[] = {
        tfschema::reference::Validator(tfschema::Profile::kPydanticV2),
        tfschema::reference::Validator(tfschema::Profile::kPydanticV1),
        tfschema::reference::Validator(tfschema::Profile::kStrict)};
    const tfschema::reference::RefResult expected =
        references[static_cast<int>(profile)].validate(std::string_view(body.data(), body.size()));
    if (!expected.judged) continue;
    tfschema::Validator validator({.profile = profile});
    const tfschema::Result result = validator.validate(body);
    const std::string ours = describe(result);
    const std::string theirs = describe(expected);
    // Both answers are compared in the same shape: status class, then loc=type.
    const std::string ours_shape = (result.ok() ? "200" : "4xx") + ours.substr(3);
    if (ours_shape != theirs) {
      tfschema::fuzz::fail(
          std::string("fast path and reference disagree, profile ") + std::string(tfschema::profile_name(profile)),
          ours, theirs);
    }
  }
  // The response schemas (strict only), from the document's 200 and 422 answers.
  for (tfschema::Schema schema : {tfschema::Schema::kResponse, tfschema::Schema::kError}) {
    static const tfschema::reference::Validator response_references[] = {
        tfschema::reference::Validator(tfschema::Profile::kStrict, tfschema::Schema::kResponse),
        tfschema::reference::Validator(tfschema::Profile::kStrict, tfschema::Schema::kError)};
    const tfschema::reference::RefResult expected =
        response_references[schema == tfschema::Schema::kResponse ? 0 : 1].validate(
            std::string_view(body.data(), body.size()));
    if (!expected.judged) continue;
    tfschema::Validator validator({.profile = tfschema::Profile::kStrict, .schema = schema});
    const tfschema::Result result = validator.validate(body);
    const std::string ours = describe(result);
    const std::string ours_shape = (result.ok() ? "200" : "4xx") + ours.substr(3);
    if (ours_shape != describe(expected)) {
      tfschema::fuzz::fail(
          std::string("fast path and reference disagree, strict ") + std::string(tfschema::schema_name(schema)), ours,
          describe(expected));
    }
  }
  return 0;
}
