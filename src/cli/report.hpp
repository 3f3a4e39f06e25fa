// One body's result in the chosen output format.
#pragma once

#include <string>
#include <string_view>

#include "cli/args.hpp"
#include "cli/ordered_pipeline.hpp"
#include "cli/terminal.hpp"
#include "tfschema/validator.hpp"

namespace tfschema::cli {

struct ReportStyle {
  Format format = Format::kFastapi;
  Palette palette;
  size_t max_errors = 0;  // named in the note when a list was cut
};

// Appends the report of `result` for `body` to `out`; adds to `tally`.
void append_report(const Result& result, const Body& body, const ReportStyle& style, std::string& out, Tally& tally);

// The text format's last line: "3 errors in 2 of 5 files".
std::string summary_line(const Tally& tally, bool jsonl, const Palette& palette);

}  // namespace tfschema::cli
