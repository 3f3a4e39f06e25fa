// Turning a Result into text: the FastAPI response body, a JSON report with
// positions, or compiler-style diagnostics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tfschema/export.h"
#include "tfschema/result.hpp"

namespace tfschema {

// The exact response body the profile's server sends for a rejected body:
// {"detail":[...]} for 422, {"detail":"There was an error parsing the body"}
// for 400. Empty for a valid body, and for Status::kOutOfMemory (the server
// has no such answer: forward the body, or answer 500 yourself). Where the
// server itself fails to render (it answers 500: NaN/Infinity or a lone
// surrogate in an echoed input), tfschema still answers 422, rendering
// non-finite numbers as the strings "NaN", "Infinity", "-Infinity" and each
// lone surrogate as U+FFFD, so that every JSON parser accepts the body;
// Error::server_cannot_render marks them.
TFSCHEMA_API std::string render_fastapi(const Result& result);

// The same, appended to `out`. Nothing is allocated per error: a buffer the
// caller reuses renders without allocating once it has room. A response of
// many errors is sized first and `out` grows once, to the exact size.
TFSCHEMA_API void render_fastapi(const Result& result, std::string& out);

// The same, snprintf-style: writes at most `size` bytes into `buffer` (which
// may be null when `size` is 0), the last of them a NUL, and returns the
// response's full length (without the NUL): the response is complete iff
// the return value < size. Allocates a little, never the whole response.
// Throws std::bad_alloc when even that fails.
TFSCHEMA_API size_t render_fastapi(const Result& result, char* buffer, size_t size);

// The same, handed to `sink` in order, a piece at a time (pieces of up to
// about 64 KiB): for a server that streams its answer. Memory stays at one
// piece, whatever the number of errors.
TFSCHEMA_API void render_fastapi(const Result& result, const std::function<void(std::string_view)>& sink);

// 1-based line and column (in code points) of a byte offset in `body`.
struct LineColumn {
  uint64_t line = 1;
  uint64_t column = 1;
};
TFSCHEMA_API LineColumn line_column(std::string_view body, uint64_t byte_offset, uint64_t first_line = 1) noexcept;

// line_column() of every offset, in the order given, in one pass over `body`
// (plus sorting the offsets): many errors on one long line stay linear.
TFSCHEMA_API std::vector<LineColumn> line_columns(std::string_view body, const std::vector<uint64_t>& byte_offsets,
                                                  uint64_t first_line = 1);

// line_columns() of the errors of `result` (validated from `body`), in their order.
TFSCHEMA_API std::vector<LineColumn> error_positions(const Result& result, std::string_view body,
                                                     uint64_t first_line = 1);

// "body.manifest.source.local.paths[1].src"
TFSCHEMA_API std::string format_loc(const Error& error);
// The same for error `index` of `result`, without building the Error.
TFSCHEMA_API std::string format_loc(const Result& result, size_t index);

// One line per error: "NAME:LINE:COL: error: LOC: MSG [TYPE]", nothing for a
// valid body. `first_line` is the line the body starts on in NAME (for a
// body that is one line of a JSON-lines file).
TFSCHEMA_API std::string render_text(const Result& result, std::string_view body, std::string_view name,
                                     uint64_t first_line = 1);

// {"file":NAME,"valid":bool,"status":N,"truncated":bool,"errors":[{"loc",
//  "type","msg","input","ctx","offset","line","column"}]} on one line
// (docs/cli-json-output.md describes every member).
TFSCHEMA_API std::string render_json(const Result& result, std::string_view body, std::string_view name,
                                     uint64_t first_line = 1);

// Where a body came from, for render_json.
struct BodySource {
  std::string_view name;       // the file name ("<stdin>" for standard input)
  uint64_t first_line = 1;     // the line the body starts on in that file
  bool is_jsonl_line = false;  // one line of a JSON-lines input: the document gets "line"
};

// As above; a JSON-lines body's document also names its line:
// {"file":NAME,"line":N,"valid":...}.
TFSCHEMA_API std::string render_json(const Result& result, std::string_view body, const BodySource& source);

}  // namespace tfschema
