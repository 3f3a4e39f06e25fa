// A YAML file in the CLI: each document a manifest, validated as the body
// {"manifest": document}; documents of other kinds (a mapping whose `type`
// is a str other than "artifact-version") and empty documents are skipped
// and counted by kind, unless every document is asked for.
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

// The kind a skipped empty document is counted under.
inline constexpr std::string_view kEmptyDocumentKind = "(empty document)";

}  // namespace tfschema::cli
