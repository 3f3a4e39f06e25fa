// The CLI's own readers of untrusted bytes: JSON-lines splitting (any chunk
// size gives the lines a naive split gives) and the caret excerpt under a
// diagnostic (always printable UTF-8, caret within the shown line, column
// agreeing with line_column()).
#include <algorithm>
#include <string>
#include <vector>

#include "cli/line_splitter.hpp"
#include "cli/source_excerpt.hpp"
#include "fuzz/fuzz_common.hpp"
#include "tfschema/tfschema.hpp"

namespace {

using tfschema::fuzz::fail;

std::vector<std::string> naive_lines(std::string_view stream, size_t max_line) {
  std::vector<std::string> lines;
  size_t begin = 0;
  while (begin < stream.size()) {
    size_t end = stream.find('\n', begin);
    if (end == std::string_view::npos) end = stream.size();
    lines.emplace_back(stream.substr(begin, std::min(end - begin, max_line + 1)));
    begin = end + 1;
  }
  return lines;
}

bool printable_utf8(std::string_view text) {
  if (!simdjson::validate_utf8(text.data(), text.size())) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) return false;  // C1
  }
  return true;
}

void check_excerpt(std::string_view body, uint64_t offset) {
  const tfschema::cli::SourceExcerpt excerpt = tfschema::cli::source_excerpt(body, offset);
  if (!printable_utf8(excerpt.line)) fail("excerpt line is not printable UTF-8", excerpt.line);
  if (excerpt.caret_indent.find_first_not_of(" \t") != std::string::npos) fail("caret indent", excerpt.caret_indent);
  const uint64_t shown = tfschema::line_column(excerpt.line, excerpt.line.size()).column - 1;  // code points
  // At most one past the end: after the hidden '\r' of a CRLF line end.
  if (excerpt.caret_indent.size() > shown + 1) fail("caret past the end of the shown line", excerpt.line);
  if (shown > tfschema::cli::kExcerptWidth + 2) fail("excerpt too wide", excerpt.line);
  // Where the line is shown from its start, the caret is at the reported column.
  const bool cut = excerpt.line.rfind("\xE2\x80\xA6", 0) == 0;
  if (!cut && simdjson::validate_utf8(body.data(), body.size()) &&
      excerpt.caret_indent.size() + 1 != tfschema::line_column(body, offset).column) {
    fail("caret not at line_column()", body.substr(0, 200), std::to_string(offset));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2 || size > tfschema::fuzz::kMaxInput) return 0;
  // The first byte picks the chunk size and the line limit; the rest is the stream.
  const size_t chunk = 1 + data[0] % 64;
  const size_t max_line = data[1] < 128 ? data[1] : size_t{1} << 20;
  const std::string_view stream(reinterpret_cast<const char*>(data + 2), size - 2);

  std::vector<std::string> lines;
  tfschema::cli::LineSplitter splitter(max_line);
  const auto on_line = [&](std::string_view line, uint64_t number) {
    if (number != lines.size() + 1) fail("line numbers are not consecutive");
    lines.emplace_back(line);
  };
  for (size_t i = 0; i < stream.size(); i += chunk) splitter.feed(stream.substr(i, chunk), on_line);
  splitter.finish(on_line);
  if (lines != naive_lines(stream, max_line)) fail("chunked split differs from a naive split", stream);

  // Every error of every line, and of the whole stream as one body, gets an
  // excerpt; so do offsets the validator would never produce.
  tfschema::Validator validator;
  for (const std::string_view body : {lines.empty() ? std::string_view() : std::string_view(lines[0]), stream}) {
    const tfschema::Result result = validator.validate(body);
    for (const tfschema::Error& error : result.errors()) check_excerpt(body, error.byte_offset);
  }
  for (size_t offset = 0; offset <= stream.size() + 1; offset += 1 + stream.size() / 16) check_excerpt(stream, offset);
  return 0;
}
