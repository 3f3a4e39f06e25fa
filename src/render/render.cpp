// The serialisers of include/tfschema/render.hpp, over a Result's recorded
// errors (render/wording.hpp): nothing is built per error.
#include "tfschema/render.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string>

#include "api/result_access.hpp"
#include "render/render_internal.hpp"
#include "render/wording.hpp"
#include "render/writer.hpp"
#include "text/py_json_writer.hpp"

namespace tfschema {
namespace {

using detail::ResultAccess;

void append_string(std::string_view s, std::string& out) {
  text::append_python_json_string(s, out, text::LoneSurrogatePolicy::kReplace);
}

void append_uint(uint64_t value, std::string& out) {
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

// The response body when the result has no errors to list.
std::string_view fixed_response(Status status) {
  switch (status) {
    case Status::kValid:
      return {};
    case Status::kBadRequest:
      return "{\"detail\":\"There was an error parsing the body\"}";
    case Status::kLimitExceeded:
      return "{\"detail\":\"Request body refused by a tfschema limit\"}";
    case Status::kUnsupported:
      return "{\"detail\":\"Profile not implemented\"}";
    case Status::kOutOfMemory:  // the server has no such answer
    case Status::kInvalid:
      break;
  }
  return {};
}

// Errors rendered between two flushes of a piecewise rendering.
constexpr size_t kPieceBytes = size_t{64} << 10;
// From this many errors on, render_fastapi sizes its output before writing it.
constexpr size_t kSizeFirstErrors = 1024;

}  // namespace

namespace render {

void fastapi_pieces(const Result& result, std::string& piece, const std::function<void(std::string_view)>& flush) {
  const detail::ErrorList* errors = ResultAccess::errors(result);
  if (result.status() != Status::kInvalid || errors == nullptr) {
    piece += fixed_response(result.status());
    flush(piece);
    piece.clear();
    return;
  }
  Wording wording(*errors);
  {
    Writer w(piece);
    w += "{\"detail\":[";
    for (size_t i = 0; i < wording.size(); ++i) {
      if (i != 0) w += ',';
      wording.append_fastapi_item(i, w);
      if (w.size() >= kPieceBytes) {
        flush(w.str());
        piece.clear();
      }
    }
    w += "]}";
  }
  flush(piece);
  piece.clear();
}

bool many_errors(const Result& result) { return result.error_count() >= kSizeFirstErrors; }

size_t fastapi_size(const Result& result) {
  size_t size = 0;
  std::string piece;
  fastapi_pieces(result, piece, [&](std::string_view text) { size += text.size(); });
  return size;
}

void append_fastapi(const Result& result, std::string& out) {
  const detail::ErrorList* errors = ResultAccess::errors(result);
  if (result.status() != Status::kInvalid || errors == nullptr) {
    out += fixed_response(result.status());
    return;
  }
  Wording wording(*errors);
  Writer w(out);
  w += "{\"detail\":[";
  for (size_t i = 0; i < wording.size(); ++i) {
    if (i != 0) w += ',';
    wording.append_fastapi_item(i, w);
  }
  w += "]}";
}

}  // namespace render

std::string render_fastapi(const Result& result) {
  std::string out;
  render_fastapi(result, out);
  return out;
}

void render_fastapi(const Result& result, std::string& out) {
  // Growing by doubling would hold up to three times a large response at once.
  if (render::many_errors(result)) out.reserve(out.size() + render::fastapi_size(result));
  render::append_fastapi(result, out);
}

size_t render_fastapi(const Result& result, char* buffer, size_t size) {
  size_t length = 0;
  std::string piece;
  render::fastapi_pieces(result, piece, [&](std::string_view text) {
    if (length + 1 < size) {
      const size_t n = std::min(text.size(), size - 1 - length);
      std::memcpy(buffer + length, text.data(), n);
    }
    length += text.size();
  });
  if (size > 0) buffer[std::min(length, size - 1)] = '\0';
  return length;
}

void render_fastapi(const Result& result, const std::function<void(std::string_view)>& sink) {
  std::string piece;
  render::fastapi_pieces(result, piece, [&](std::string_view text) {
    if (!text.empty()) sink(text);
  });
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
  if (const detail::ErrorList* errors = ResultAccess::errors(result)) {
    const render::Wording wording(*errors);
    offsets.reserve(wording.size());
    for (size_t i = 0; i < wording.size(); ++i) offsets.push_back(wording.byte_offset(i));
  }
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

std::string format_loc(const Result& result, size_t index) {
  std::string out;
  const detail::ErrorList* errors = ResultAccess::errors(result);
  if (errors != nullptr && index < errors->size()) render::Wording(*errors).append_loc_text(index, out);
  return out;
}

namespace render {

void append_text(const Result& result, std::string_view body, std::string_view name, uint64_t first_line,
                 std::string& out) {
  const auto header = [&](uint64_t line, uint64_t column) {
    out += name;
    out += ':';
    append_uint(line, out);
    out += ':';
    append_uint(column, out);
    out += ": error: ";
  };
  switch (result.status()) {
    case Status::kValid:
      return;
    case Status::kBadRequest:
      header(first_line, 1);
      out += "the server cannot parse this body (HTTP 400)\n";
      return;
    case Status::kLimitExceeded:
      header(first_line, 1);
      out += "body refused by a tfschema limit\n";
      return;
    case Status::kUnsupported:
      header(first_line, 1);
      out += "profile not implemented\n";
      return;
    case Status::kOutOfMemory:
      header(first_line, 1);
      out += "out of memory while validating\n";
      return;
    case Status::kInvalid:
      break;
  }
  const detail::ErrorList* errors = ResultAccess::errors(result);
  if (errors == nullptr) return;
  const Wording wording(*errors);
  const std::vector<LineColumn> positions = error_positions(result, body, first_line);
  for (size_t i = 0; i < wording.size(); ++i) {
    header(positions[i].line, positions[i].column);
    wording.append_loc_text(i, out);
    out += ": ";
    wording.append_msg(i, out);
    out += " [";
    out += wording.type(i);
    out += "]\n";
  }
}

void append_json_error(Wording& wording, size_t i, uint64_t offset, const LineColumn& position, std::string& out) {
  out += "{\"loc\":";
  wording.append_loc_json(i, out);
  out += ",\"type\":";
  append_string(wording.type(i), out);
  out += ",\"msg\":";
  std::string msg;
  wording.append_msg(i, msg);
  append_string(msg, out);
  const size_t input_at = out.size();
  out += ",\"input\":";
  if (!wording.append_input_json(i, out)) out.resize(input_at);
  const size_t ctx_at = out.size();
  out += ",\"ctx\":";
  if (!wording.append_ctx_json(i, out)) out.resize(ctx_at);
  out += ",\"offset\":";
  append_uint(offset, out);
  out += ",\"line\":";
  append_uint(position.line, out);
  out += ",\"column\":";
  append_uint(position.column, out);
  out += '}';
}

void append_json(const Result& result, std::string_view body, const BodySource& source, std::string& out) {
  const uint64_t first_line = source.first_line;
  out += "{\"file\":";
  append_string(source.name, out);
  if (source.is_jsonl_line) {
    out += ",\"line\":";
    append_uint(first_line, out);
  }
  out += ",\"valid\":";
  out += result.ok() ? "true" : "false";
  out += ",\"status\":";
  append_uint(static_cast<uint64_t>(result.http_status()), out);
  out += ",\"truncated\":";
  out += result.truncated() ? "true" : "false";
  out += ",\"errors\":[";
  if (const detail::ErrorList* errors = ResultAccess::errors(result)) {
    Wording wording(*errors);
    const std::vector<LineColumn> positions = error_positions(result, body, first_line);
    for (size_t i = 0; i < wording.size(); ++i) {
      if (i != 0) out += ',';
      append_json_error(wording, i, wording.byte_offset(i), positions[i], out);
    }
  }
  out += "]}";
}

}  // namespace render

std::string render_text(const Result& result, std::string_view body, std::string_view name, uint64_t first_line) {
  std::string out;
  render::append_text(result, body, name, first_line, out);
  return out;
}

std::string render_json(const Result& result, std::string_view body, std::string_view name, uint64_t first_line) {
  return render_json(result, body, BodySource{.name = name, .first_line = first_line});
}

std::string render_json(const Result& result, std::string_view body, const BodySource& source) {
  std::string out;
  render::append_json(result, body, source, out);
  return out;
}

}  // namespace tfschema
