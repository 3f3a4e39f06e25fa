// A YAML file in the CLI: each document a manifest, validated as the body
// {"manifest": document}. Unless every document is asked for, these are
// skipped and counted by kind: a mapping whose `type` is a str other than
// "artifact-version" (its kind: "service", a misspelt "Artifact-Version"),
// a mapping with neither `type` nor any of `ml_repo`, `source` (not a
// manifest: a workflow, a compose file), a document that is not a mapping,
// an empty document. A mapping without `type` but with `ml_repo` or
// `source` is a manifest that forgot its type: it is validated.
#pragma once

#include "cli/ordered_pipeline.hpp"
#include "cli/report.hpp"
#include "tfschema/validator.hpp"
#include "tfschema/yaml.hpp"

namespace tfschema::cli {

struct YamlSelection {
  bool all_documents = false;
  bool quiet = false;  // count only
};

void check_yaml_file(const Body& body, Validator& validator, const YamlOptions& options, const YamlSelection& selection,
                     const ReportStyle& style, Batch& batch);

// The kinds skipped documents without a `type` are counted under.
inline constexpr std::string_view kEmptyDocumentKind = "(empty document)";
inline constexpr std::string_view kNoTypeKind = "(no type)";
inline constexpr std::string_view kNotMappingKind = "(not a mapping)";

}  // namespace tfschema::cli
