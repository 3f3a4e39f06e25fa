// Differential: the fast validators against the reference validator (an
// independent reading of the OpenAPI document) on every input and every
// profile; any disagreement on the verdict or on an error's loc or type
// aborts with both answers.
#include <string>
#include <variant>
#include <vector>

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
  const auto& pairs = tfschema::fuzz::implemented_pairs();
  // One reference validator per (profile, schema) pair, built once.
  static const std::vector<tfschema::reference::Validator> references = [&pairs] {
    std::vector<tfschema::reference::Validator> out;
    for (const auto& [profile, schema] : pairs) out.emplace_back(profile, schema);
    return out;
  }();
  for (size_t i = 0; i < pairs.size(); ++i) {
    const auto [profile, schema] = pairs[i];
    const tfschema::reference::RefResult expected = references[i].validate(std::string_view(body.data(), body.size()));
    if (!expected.judged) continue;
    tfschema::Validator validator({.profile = profile, .schema = schema});
    const tfschema::Result result = validator.validate(body);
    const std::string ours = describe(result);
    const std::string theirs = describe(expected);
    // Both answers are compared in the same shape: status class, then loc=type.
    const std::string ours_shape = (result.ok() ? "200" : "4xx") + ours.substr(3);
    if (ours_shape != theirs) {
      tfschema::fuzz::fail("fast path and reference disagree, " + std::string(tfschema::profile_name(profile)) + " " +
                               std::string(tfschema::schema_name(schema)),
                           ours, theirs);
    }
  }
  return 0;
}
