#include "cli/report.hpp"

#include <vector>

#include "cli/source_excerpt.hpp"
#include "tfschema/render.hpp"

namespace tfschema::cli {
namespace {

std::string plural(uint64_t n, std::string_view one, std::string_view many) {
  return with_thousands(n) + ' ' + std::string(n == 1 ? one : many);
}

// clang/rustc style:
//   FILE:LINE:COL: error: LOC: MSG [TYPE]
//       7 |   "paths": [{"src": "a"}, {"dest": "b"}]
//         |                           ^
// Each excerpt scans its line, so a body with 100,000 errors on one long line
// gets the source line only for its first errors; every error keeps its header.
constexpr size_t kExcerptsPerBody = 50;

void append_diagnostic(std::string_view body, const Body& where, const Error& error, LineColumn lc, bool with_excerpt,
                       const Palette& p, std::string& out) {
  out += p.bold;
  out += where.name + ':' + std::to_string(lc.line) + ':' + std::to_string(lc.column) + ": ";
  out += p.reset;
  out += p.error;
  out += "error: ";
  out += p.reset;
  out += p.bold;
  out += format_loc(error) + ": " + error.msg;
  out += p.reset;
  out += " [" + std::string(error.type) + "]\n";
  if (!with_excerpt) return;

  const SourceExcerpt excerpt = source_excerpt(body, error.byte_offset);
  const std::string number = std::to_string(lc.line);
  const std::string blank(number.size(), ' ');
  out += p.gutter;
  out += ' ' + number + " | ";
  out += p.reset;
  out += excerpt.line + '\n';
  out += p.gutter;
  out += ' ' + blank + " | ";
  out += p.reset;
  out += excerpt.caret_indent;
  out += p.caret;
  out += '^';
  out += p.reset;
  out += '\n';
}

void append_text(const Result& result, const Body& body, const ReportStyle& style, std::string& out) {
  if (result.status() != Status::kInvalid) {
    // 400, 413, 501, out of memory: one line, no position to point at.
    out += render_text(result, body.bytes, body.name, body.line);
    return;
  }
  const std::vector<LineColumn> positions = error_positions(result, body.bytes, body.line);
  for (size_t i = 0; i < result.errors().size(); ++i) {
    append_diagnostic(body.bytes, body, result.errors()[i], positions[i], i < kExcerptsPerBody, style.palette, out);
  }
  if (result.truncated()) {
    const Palette& p = style.palette;
    out += p.bold;
    out += body.name + ':' + std::to_string(body.line) + ":1: ";
    out += p.reset;
    out += p.note;
    out += "note: ";
    out += p.reset;
    out += "more errors not shown (--max-errors " + std::to_string(style.max_errors) + ")\n";
  }
}

}  // namespace

void append_report(const Result& result, const Body& body, const ReportStyle& style, std::string& out, Tally& tally) {
  tally.bodies += 1;
  if (!result.ok()) {
    tally.invalid_bodies += 1;
    tally.errors += result.status() == Status::kInvalid ? result.errors().size() : 1;
  }
  switch (style.format) {
    case Format::kFastapi:
      if (!result.ok()) out += render_fastapi(result) + '\n';
      break;
    case Format::kText:
      append_text(result, body, style, out);
      break;
    case Format::kJson:
      out += render_json(result, body.bytes,
                         BodySource{.name = body.name, .first_line = body.line, .is_jsonl_line = body.jsonl_line});
      out += '\n';
      break;
  }
}

std::string summary_line(const Tally& tally, bool jsonl, const Palette& palette) {
  const std::string_view one = jsonl ? "body" : "file";
  const std::string_view many = jsonl ? "bodies" : "files";
  std::string line(palette.bold);
  if (tally.errors == 0) {
    line += "no errors in " + plural(tally.bodies, one, many);
  } else {
    line += plural(tally.errors, "error", "errors") + " in " + with_thousands(tally.invalid_bodies) + " of " +
            plural(tally.bodies, one, many);
  }
  if (tally.unreadable_inputs != 0) {
    line += "; " + plural(tally.unreadable_inputs, "input", "inputs") + " could not be read";
  }
  line += palette.reset;
  line += '\n';
  return line;
}

}  // namespace tfschema::cli
