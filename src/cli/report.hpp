// One body's (or YAML document's) result in the chosen output format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.hpp"
#include "cli/ordered_pipeline.hpp"
#include "cli/terminal.hpp"
#include "tfschema/validator.hpp"
#include "tfschema/yaml.hpp"

namespace tfschema::cli {

struct ReportStyle {
  Format format = Format::kFastapi;
  Palette palette;
  size_t max_errors = 0;      // named in the note when a list was cut
  size_t max_body_bytes = 0;  // named when a body is over it
};

// What a report is about: a JSON body, or one document of a YAML file.
struct Subject {
  const Body& body;
  std::string_view text;           // what offsets refer to: the body, or the YAML text
  std::optional<size_t> document;  // the YAML document's index, from 0
};

// Appends the report of `result` (its errors at `offsets` in subject.text)
// to batch.out (a body too large for the limit: to batch.err) and counts it
// in batch.tally.
void append_report(const Result& result, const Subject& subject, const std::vector<uint64_t>& offsets,
                   const ReportStyle& style, Batch& batch);

// The same for a JSON body: offsets are the errors' own.
void append_report(const Result& result, const Body& body, const ReportStyle& style, Batch& batch);

// A YAML document the Python tooling cannot load or write as JSON: one error.
void append_yaml_problem(const YamlProblem& problem, const Subject& subject, const ReportStyle& style, Batch& batch);

// The text format's last line: "3 errors in 2 of 5 files", plus the YAML
// documents skipped by kind.
std::string summary_line(const Tally& tally, bool jsonl, const Palette& palette);

// `text` safe to print on a terminal: control characters (C0 but tab, DEL,
// C1) written as \xNN.
std::string printable(std::string_view text);

// The rule id of a YAML problem ("yaml_syntax", ...).
std::string_view yaml_problem_type(YamlProblemKind kind);

}  // namespace tfschema::cli
