// The renderers of tfschema/render.hpp in their appending form, for the
// library's own callers (the CLI, the C API): they write into a buffer the
// caller keeps warm.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "render/wording.hpp"
#include "tfschema/render.hpp"

namespace tfschema::render {

// render_fastapi() a piece at a time: appends to `piece` and calls
// flush(piece) whenever it holds about 64 KiB and at the end (the caller
// clears nothing: `piece` is cleared after each flush).
void fastapi_pieces(const Result& result, std::string& piece, const std::function<void(std::string_view)>& flush);

// render_fastapi() without sizing `out` first; and the size of its output,
// measured by rendering it a piece at a time, for the callers that size their
// buffer themselves (when many_errors(): below that, growing is cheaper).
void append_fastapi(const Result& result, std::string& out);
size_t fastapi_size(const Result& result);
bool many_errors(const Result& result);

// render_text() and render_json(), appended to `out`.
void append_text(const Result& result, std::string_view body, std::string_view name, uint64_t first_line,
                 std::string& out);
void append_json(const Result& result, std::string_view body, const BodySource& source, std::string& out);
// One error of the json format: {"loc":…,"type":…,"msg":…,"input":…,"ctx":…,
// "offset":…,"line":…,"column":…}, the offset and position given.
void append_json_error(Wording& wording, size_t i, uint64_t offset, const LineColumn& position, std::string& out);

}  // namespace tfschema::render
