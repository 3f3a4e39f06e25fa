#include "cli/report.hpp"

#include <vector>

#include "api/result_access.hpp"
#include "cli/sarif.hpp"
#include "cli/source_excerpt.hpp"
#include "json/text_decoding.hpp"
#include "render/render_internal.hpp"
#include "render/wording.hpp"
#include "text/py_json_writer.hpp"
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

// One error to show, whatever its origin.
struct Diagnostic {
  uint64_t offset = 0;
  LineColumn position;
  std::string type;
  std::string text;  // "LOC: MSG", or a message of its own
};

void append_excerpt(std::string_view text, uint64_t offset, uint64_t line, const Palette& p, std::string& out) {
  const SourceExcerpt excerpt = source_excerpt(text, offset);
  const std::string number = std::to_string(line);
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

void append_text_line(const Subject& s, const Diagnostic& d, bool with_excerpt, const Palette& p, std::string& out) {
  out += p.bold;
  out +=
      printable(s.body.name) + ':' + std::to_string(d.position.line) + ':' + std::to_string(d.position.column) + ": ";
  out += p.reset;
  out += p.error;
  out += "error: ";
  out += p.reset;
  out += p.bold;
  out += printable(d.text);
  out += p.reset;
  out += " [" + printable(d.type) + "]\n";
  if (with_excerpt) append_excerpt(s.text, d.offset, d.position.line, p, out);
}

// GitHub workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
std::string github_escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void append_github_line(const Subject& s, const Diagnostic& d, std::string& out) {
  out += "::error file=" + github_escape(s.body.name, true) + ",line=" + std::to_string(d.position.line) +
         ",col=" + std::to_string(d.position.column) + ",title=" + github_escape(printable(d.type), true) +
         "::" + github_escape(printable(d.text), false) + '\n';
}

void append_diagnostics(const Subject& s, const std::vector<Diagnostic>& diagnostics, const ReportStyle& style,
                        Batch& batch) {
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    const Diagnostic& d = diagnostics[i];
    switch (style.format) {
      case Format::kText:
        append_text_line(s, d, i < kExcerptsPerBody, style.palette, batch.out);
        break;
      case Format::kGithub:
        append_github_line(s, d, batch.out);
        break;
      case Format::kSarif:
        append_sarif_result(s.body.name, d.type, d.text, d.position.line, d.position.column, batch.out);
        batch.rules.push_back(d.type);
        break;
      case Format::kFastapi:
      case Format::kJson:
        break;
    }
  }
}

// The recorded errors of a result (none for a result without them).
const detail::ErrorList* recorded(const Result& result) { return detail::ResultAccess::errors(result); }

// The lines of a human-facing format, from the recorded errors (no Error is
// built: only the text each line shows).
std::vector<Diagnostic> error_diagnostics(const Result& result, const Subject& s,
                                          const std::vector<uint64_t>& offsets) {
  const std::vector<LineColumn> positions = line_columns(s.text, offsets, s.body.line);
  std::vector<Diagnostic> out;
  const detail::ErrorList* list = recorded(result);
  if (list == nullptr) return out;
  const render::Wording errors(*list);
  out.reserve(errors.size());
  for (size_t i = 0; i < errors.size(); ++i) {
    Diagnostic d{offsets[i], positions[i], std::string(errors.type(i)), {}};
    errors.append_loc_text(i, d.text);
    d.text += ": ";
    errors.append_msg(i, d.text);
    out.push_back(std::move(d));
  }
  return out;
}

// Where Python's json.loads(bytes) fails to decode a body, if it does.
std::optional<uint64_t> undecodable_at(std::string_view body) {
  switch (json::detect_python_encoding(body)) {
    case json::PythonEncoding::kUtf8:
    case json::PythonEncoding::kUtf8Sig: {
      const json::Utf8Check check = json::check_utf8(body, /*allow_surrogates=*/true);
      if (!check.ok) return check.error_offset;
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

// A 400: the server cannot parse the body (it cannot decode it, or it nests
// past the parser's limit).
Diagnostic bad_request_diagnostic(const Subject& s) {
  Diagnostic d;
  d.type = "bad_request";
  d.position = LineColumn{s.body.line, 1};
  d.text = "the server cannot parse this body (HTTP 400)";
  if (const auto at = undecodable_at(s.text)) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(s.text[*at]));
    d.offset = *at;
    d.position = line_column(s.text, *at, s.body.line);
    d.text = "the server cannot decode this body (HTTP 400): byte " + std::string(hex) + " at offset " +
             std::to_string(*at) + " is not UTF-8";
  }
  return d;
}

void append_truncation_note(const Subject& s, const ReportStyle& style, std::string& out) {
  const Palette& p = style.palette;
  out += p.bold;
  out += printable(s.body.name) + ':' + std::to_string(s.body.line) + ":1: ";
  out += p.reset;
  out += p.note;
  out += "note: ";
  out += p.reset;
  out += "more errors not shown (--max-errors " + std::to_string(style.max_errors) + ")\n";
}

void append_json_string(std::string_view s, std::string& out) {
  text::append_python_json_string(s, out, text::LoneSurrogatePolicy::kReplace);
}

// docs/cli-json-output.md, for a YAML document: positions in the YAML file.
void append_yaml_json(const Result& result, const Subject& s, const std::vector<uint64_t>& offsets, std::string& out) {
  const std::vector<LineColumn> positions = line_columns(s.text, offsets);
  out += "{\"file\":";
  append_json_string(s.body.name, out);
  out += ",\"document\":" + std::to_string(*s.document + 1);
  out += ",\"valid\":";
  out += result.ok() ? "true" : "false";
  out += ",\"status\":" + std::to_string(result.http_status());
  out += ",\"truncated\":";
  out += result.truncated() ? "true" : "false";
  out += ",\"errors\":[";
  if (const detail::ErrorList* list = recorded(result)) {
    render::Wording errors(*list);
    for (size_t i = 0; i < errors.size(); ++i) {
      if (i != 0) out += ',';
      render::append_json_error(errors, i, offsets[i], positions[i], out);
    }
  }
  out += "]}\n";
}

void count(const Result& result, Tally& tally) {
  tally.bodies += 1;
  if (!result.ok()) {
    tally.invalid_bodies += 1;
    tally.errors += result.status() == Status::kInvalid ? result.error_count() : 1;
  }
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  static constexpr char kHex[] = "0123456789abcdef";
  const auto escape = [&](unsigned cp) {
    out += "\\x";
    out += kHex[(cp >> 4) & 0xF];
    out += kHex[cp & 0xF];
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7F) {
      escape(c);
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      escape(static_cast<unsigned char>(text[++i]));  // a C1 control, U+0080..U+009F
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string_view yaml_problem_type(YamlProblemKind kind) {
  switch (kind) {
    case YamlProblemKind::kUnreadable:
      return "yaml_unreadable";
    case YamlProblemKind::kSyntax:
      return "yaml_syntax";
    case YamlProblemKind::kConstruct:
      return "yaml_construct";
    case YamlProblemKind::kNotJson:
      return "yaml_not_json";
    case YamlProblemKind::kLimit:
      return "yaml_limit";
  }
  return "yaml";
}

void append_report(const Result& result, const Body& body, const ReportStyle& style, Batch& batch) {
  // The formats that need no positions need no offsets either.
  std::vector<uint64_t> offsets;
  const detail::ErrorList* list = recorded(result);
  if (list != nullptr && style.format != Format::kFastapi && style.format != Format::kJson) {
    const render::Wording errors(*list);
    offsets.reserve(errors.size());
    for (size_t i = 0; i < errors.size(); ++i) offsets.push_back(errors.byte_offset(i));
  }
  append_report(result, Subject{body, body.bytes, std::nullopt}, offsets, style, batch);
}

void append_report(const Result& result, const Subject& s, const std::vector<uint64_t>& offsets,
                   const ReportStyle& style, Batch& batch) {
  if (result.status() == Status::kLimitExceeded) {
    // Not the server's answer: tfschema did not check this body.
    batch.err += "tfschema: cannot check " + s.body.name + ':' + std::to_string(s.body.line) +
                 ": over the size limit of " + with_thousands(style.max_body_bytes) +
                 " bytes (raise it with --max-body-bytes)\n";
    batch.tally.unreadable_inputs += 1;
    return;
  }
  if (result.status() == Status::kOutOfMemory) {
    // Not judged either: the library ran out of memory on this body.
    batch.err += "tfschema: cannot check " + s.body.name + ':' + std::to_string(s.body.line) + ": out of memory\n";
    batch.tally.unreadable_inputs += 1;
    return;
  }
  count(result, batch.tally);
  switch (style.format) {
    // These two render straight into the batch's output: nothing per error.
    case Format::kFastapi:
      if (!result.ok()) {
        // Sized once with its newline: a large response is never copied.
        if (render::many_errors(result)) batch.out.reserve(batch.out.size() + render::fastapi_size(result) + 1);
        render::append_fastapi(result, batch.out);
        batch.out += '\n';
      }
      return;
    case Format::kJson:
      if (s.document) {
        append_yaml_json(result, s, offsets, batch.out);
      } else {
        render::append_json(
            result, s.body.bytes,
            BodySource{.name = s.body.name, .first_line = s.body.line, .is_jsonl_line = s.body.jsonl_line}, batch.out);
        batch.out += '\n';
      }
      return;
    case Format::kText:
    case Format::kGithub:
    case Format::kSarif:
      break;
  }
  if (result.ok()) return;
  if (result.status() != Status::kInvalid) {
    append_diagnostics(s, {bad_request_diagnostic(s)}, style, batch);
    return;
  }
  append_diagnostics(s, error_diagnostics(result, s, offsets), style, batch);
  if (result.truncated() && style.format == Format::kText) append_truncation_note(s, style, batch.out);
}

void append_yaml_problem(const YamlProblem& problem, const Subject& s, const ReportStyle& style, Batch& batch) {
  batch.tally.bodies += 1;
  batch.tally.invalid_bodies += 1;
  batch.tally.errors += 1;
  Diagnostic d;
  d.offset = problem.byte_offset;
  d.position = line_column(s.text, problem.byte_offset);
  d.type = yaml_problem_type(problem.kind);
  const std::string_view what = problem.kind == YamlProblemKind::kNotJson ? "cannot be written as JSON: "
                                : problem.kind == YamlProblemKind::kLimit ? ""
                                                                          : "cannot be loaded: ";
  d.text = "YAML document " + std::to_string(*s.document + 1) + ' ' + std::string(what) + problem.message;
  switch (style.format) {
    case Format::kFastapi: {
      // No body, so no server answer: the diagnostic goes to standard error.
      Batch side;
      ReportStyle text_style;
      text_style.format = Format::kText;
      append_diagnostics(s, {d}, text_style, side);
      batch.err += side.out;
      return;
    }
    case Format::kJson: {
      std::string& out = batch.out;
      out += "{\"file\":";
      append_json_string(s.body.name, out);
      out += ",\"document\":" + std::to_string(*s.document + 1);
      out += ",\"valid\":false,\"status\":null,\"truncated\":false,\"errors\":[],\"yaml_error\":{\"type\":";
      append_json_string(d.type, out);
      out += ",\"msg\":";
      append_json_string(d.text, out);
      out += ",\"offset\":" + std::to_string(d.offset) + ",\"line\":" + std::to_string(d.position.line) +
             ",\"column\":" + std::to_string(d.position.column) + "}}\n";
      return;
    }
    case Format::kText:
    case Format::kGithub:
    case Format::kSarif:
      append_diagnostics(s, {d}, style, batch);
      return;
  }
}

std::string summary_line(const Tally& tally, bool jsonl, const Palette& palette) {
  const bool yaml = tally.files != 0;
  const std::string_view one = jsonl ? "body" : yaml ? "document" : "file";
  const std::string_view many = jsonl ? "bodies" : yaml ? "documents" : "files";
  std::string line(palette.bold);
  if (tally.errors == 0) {
    line += "no errors in " + plural(tally.bodies, one, many);
  } else {
    line += plural(tally.errors, "error", "errors") + " in " + with_thousands(tally.invalid_bodies) + " of " +
            plural(tally.bodies, one, many);
  }
  if (yaml) {
    const uint64_t json_files = tally.bodies - tally.yaml_documents;
    line += " (" + plural(tally.files, "YAML file", "YAML files");
    if (json_files != 0) line += ", " + plural(json_files, "JSON file", "JSON files");
    line += ')';
  }
  if (!tally.skipped_kinds.empty()) {
    uint64_t skipped = 0;
    std::string kinds;
    for (const auto& [kind, n] : tally.skipped_kinds) {
      skipped += n;
      kinds += (kinds.empty() ? "" : ", ") + printable(kind) + " (" + with_thousands(n) + ')';
    }
    line += "; skipped " + plural(skipped, "document", "documents") + " of other kinds: " + kinds;
  }
  if (tally.unreadable_inputs != 0) {
    line += "; " + plural(tally.unreadable_inputs, "input", "inputs") + " could not be read";
  }
  line += palette.reset;
  line += '\n';
  return line;
}

}  // namespace tfschema::cli
