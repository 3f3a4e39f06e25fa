// The serialisers of include/tfschema/render.hpp.
#include "tfschema/render.hpp"

#include <algorithm>
#include <string>

#include "rules/policy.hpp"
#include "text/py_json_writer.hpp"

namespace tfschema {
namespace {

void append_string(std::string_view s, std::string& out) {
  text::append_python_json_string(s, out, text::LoneSurrogatePolicy::kReplace);
}

void append_loc_json(const Error& e, std::string& out) {
  out += '[';
  for (size_t i = 0; i < e.loc.size(); ++i) {
    if (i != 0) out += ',';
    if (e.loc[i].is_index) {
      text::append_python_json_int(e.loc[i].index, out);
    } else {
      append_string(e.loc[i].key, out);
    }
  }
  out += ']';
}

// One entry of "detail", keys in the order Pydantic v2 + FastAPI emit them.
void append_v2_error(const Error& e, std::string& out) {
  out += "{\"type\":";
  append_string(e.type, out);
  out += ",\"loc\":";
  append_loc_json(e, out);
  out += ",\"msg\":";
  append_string(e.msg, out);
  if (!e.input_json.empty()) {
    out += ",\"input\":";
    out += e.input_json;
  }
  if (!e.ctx_json.empty()) {
    out += ",\"ctx\":";
    out += e.ctx_json;
  }
  out += '}';
}

// One entry of "detail" as Pydantic v1's error_dict orders it: loc, msg,
// type, then ctx when the error has one; v1 echoes no input.
void append_v1_error(const Error& e, std::string& out) {
  out += "{\"loc\":";
  append_loc_json(e, out);
  out += ",\"msg\":";
  append_string(e.msg, out);
  out += ",\"type\":";
  append_string(e.type, out);
  if (!e.ctx_json.empty()) {
    out += ",\"ctx\":";
    out += e.ctx_json;
  }
  out += '}';
}

}  // namespace

std::string render_fastapi(const Result& result) {
  switch (result.status()) {
    case Status::kValid:
      return {};
    case Status::kBadRequest:
      return "{\"detail\":\"There was an error parsing the body\"}";
    case Status::kLimitExceeded:
      return "{\"detail\":\"Request body refused by a tfschema limit\"}";
    case Status::kUnsupported:
      return "{\"detail\":\"Profile not implemented\"}";
    case Status::kOutOfMemory:
      return {};
    case Status::kInvalid:
      break;
  }
  // One allocation in the common case: the echoes plus room for the rest.
  size_t size = 16;
  for (const Error& e : result.errors()) size += e.input_json.size() + e.ctx_json.size() + e.msg.size() + 96;
  std::string out;
  out.reserve(size);
  out += "{\"detail\":[";
  const bool v1 = rules::policy_for(result.profile()).wording == rules::Wording::kPydanticV1;
  for (size_t i = 0; i < result.errors().size(); ++i) {
    if (i != 0) out += ',';
    if (v1) {
      append_v1_error(result.errors()[i], out);
    } else {
      append_v2_error(result.errors()[i], out);
    }
  }
  out += "]}";
  return out;
}

namespace {

// Moves `lc` from byte `from` to byte `to` (from <= to <= body.size()).
void advance(std::string_view body, size_t from, size_t to, LineColumn& lc) noexcept {
  for (size_t i = from; i < to; ++i) {
    const unsigned char c = static_cast<unsigned char>(body[i]);
    if (c == '\n') {
      ++lc.line;
      lc.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++lc.column;
    }
  }
}

size_t clamp_offset(std::string_view body, uint64_t offset) noexcept {
  return offset < body.size() ? static_cast<size_t>(offset) : body.size();
}

}  // namespace

LineColumn line_column(std::string_view body, uint64_t byte_offset, uint64_t first_line) noexcept {
  LineColumn lc;
  lc.line = first_line;
  advance(body, 0, clamp_offset(body, byte_offset), lc);
  return lc;
}

std::vector<LineColumn> line_columns(std::string_view body, const std::vector<uint64_t>& byte_offsets,
                                     uint64_t first_line) {
  std::vector<size_t> order(byte_offsets.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return byte_offsets[a] < byte_offsets[b]; });
  std::vector<LineColumn> positions(byte_offsets.size());
  LineColumn lc;
  lc.line = first_line;
  size_t at = 0;
  for (const size_t i : order) {
    const size_t to = clamp_offset(body, byte_offsets[i]);
    advance(body, at, to, lc);
    at = to;
    positions[i] = lc;
  }
  return positions;
}

std::vector<LineColumn> error_positions(const Result& result, std::string_view body, uint64_t first_line) {
  std::vector<uint64_t> offsets;
  offsets.reserve(result.errors().size());
  for (const Error& e : result.errors()) offsets.push_back(e.byte_offset);
  return line_columns(body, offsets, first_line);
}

std::string format_loc(const Error& error) {
  std::string out;
  for (const LocItem& item : error.loc) {
    if (item.is_index) {
      out += '[' + std::to_string(item.index) + ']';
    } else {
      if (!out.empty()) out += '.';
      out += item.key;
    }
  }
  return out;
}

std::string render_text(const Result& result, std::string_view body, std::string_view name, uint64_t first_line) {
  std::string out;
  const std::string prefix(name);
  switch (result.status()) {
    case Status::kValid:
      return out;
    case Status::kBadRequest:
      return prefix + ':' + std::to_string(first_line) + ":1: error: the server cannot parse this body (HTTP 400)\n";
    case Status::kLimitExceeded:
      return prefix + ':' + std::to_string(first_line) + ":1: error: body refused by a tfschema limit\n";
    case Status::kUnsupported:
      return prefix + ':' + std::to_string(first_line) + ":1: error: profile not implemented\n";
    case Status::kOutOfMemory:
      return prefix + ':' + std::to_string(first_line) + ":1: error: out of memory while validating\n";
    case Status::kInvalid:
      break;
  }
  const std::vector<LineColumn> positions = error_positions(result, body, first_line);
  for (size_t i = 0; i < result.errors().size(); ++i) {
    const Error& e = result.errors()[i];
    const LineColumn lc = positions[i];
    out += prefix + ':' + std::to_string(lc.line) + ':' + std::to_string(lc.column) + ": error: " + format_loc(e) +
           ": " + e.msg + " [" + std::string(e.type) + "]\n";
  }
  return out;
}

std::string render_json(const Result& result, std::string_view body, std::string_view name, uint64_t first_line) {
  return render_json(result, body, BodySource{.name = name, .first_line = first_line});
}

std::string render_json(const Result& result, std::string_view body, const BodySource& source) {
  const uint64_t first_line = source.first_line;
  std::string out = "{\"file\":";
  append_string(source.name, out);
  if (source.is_jsonl_line) out += ",\"line\":" + std::to_string(first_line);
  out += ",\"valid\":";
  out += result.ok() ? "true" : "false";
  out += ",\"status\":" + std::to_string(result.http_status());
  out += ",\"truncated\":";
  out += result.truncated() ? "true" : "false";
  out += ",\"errors\":[";
  const std::vector<LineColumn> positions = error_positions(result, body, first_line);
  for (size_t i = 0; i < result.errors().size(); ++i) {
    const Error& e = result.errors()[i];
    const LineColumn lc = positions[i];
    if (i != 0) out += ',';
    out += "{\"loc\":";
    append_loc_json(e, out);
    out += ",\"type\":";
    append_string(e.type, out);
    out += ",\"msg\":";
    append_string(e.msg, out);
    if (!e.input_json.empty()) out += ",\"input\":" + e.input_json;
    if (!e.ctx_json.empty()) out += ",\"ctx\":" + e.ctx_json;
    out += ",\"offset\":" + std::to_string(e.byte_offset) + ",\"line\":" + std::to_string(lc.line) +
           ",\"column\":" + std::to_string(lc.column) + '}';
  }
  out += "]}";
  return out;
}

}  // namespace tfschema
