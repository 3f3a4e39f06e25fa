#include "cli/yaml_documents.hpp"

namespace tfschema::cli {
namespace {

std::optional<std::string_view> skipped_kind(const YamlDocument& doc) {
  if (doc.empty) return kEmptyDocumentKind;
  if (!doc.is_mapping) return kNotMappingKind;
  if (doc.manifest_type) {
    if (*doc.manifest_type == "artifact-version") return std::nullopt;
    return std::string_view(*doc.manifest_type);
  }
  if (!doc.has_type && !doc.has_manifest_keys) return kNoTypeKind;
  return std::nullopt;
}

}  // namespace

void check_yaml_file(const Body& body, Validator& validator, const YamlOptions& options, const YamlSelection& selection,
                     const ReportStyle& style, Batch& batch) {
  const YamlStream stream = read_yaml(body.bytes, options);
  batch.tally.files += 1;
  for (const YamlDocument& doc : stream.documents) {
    if (!selection.all_documents && !doc.problem) {
      if (const std::optional<std::string_view> kind = skipped_kind(doc)) {
        batch.tally.skipped_kinds[std::string(*kind)] += 1;
        continue;
      }
    }
    batch.tally.yaml_documents += 1;
    const Subject subject{body, stream.text, doc.index};
    if (selection.quiet) {
      batch.tally.bodies += 1;
      const bool valid = !doc.problem && validator.is_valid(doc.json_body);
      batch.tally.invalid_bodies += valid ? 0 : 1;
      continue;
    }
    if (doc.problem) {
      append_yaml_problem(*doc.problem, subject, style, batch);
      continue;
    }
    const YamlValidation validation = validate_yaml_document(validator, doc);
    append_report(validation.result, subject, validation.error_offsets, style, batch);
  }
}

}  // namespace tfschema::cli
