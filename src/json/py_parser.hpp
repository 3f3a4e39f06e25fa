// A JSON reader that accepts and rejects exactly what a server's JSON parser
// does: CPython's json.loads(bytes) (3.11 or 3.13 wording), or plain RFC 8259.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "json/document.hpp"

namespace tfschema::json {

enum class Dialect : uint8_t {
  kPython311,  // json.loads(bytes) on CPython 3.11 (the pydantic-v1 server)
  kPython313,  // json.loads(bytes) on CPython 3.13 (the pydantic-v2 server)
  kRfc8259,    // RFC 8259 only (the strict profile)
};

// Why a body is not JSON. The Python codes carry CPython's exact message
// (JSONDecodeError.msg); the RFC-only codes are ours.
enum class SyntaxCode : uint8_t {
  kExpectingValue,
  kExpectingPropertyName,
  kExpectingColon,
  kExpectingComma,
  kExtraData,
  kUnterminatedString,
  kInvalidControlCharacter,
  kInvalidEscape,
  kInvalidUnicodeEscape,
  kTrailingCommaInObject,  // CPython >= 3.13 only
  kTrailingCommaInArray,   // CPython >= 3.13 only
  // RFC 8259 (strict) only:
  kByteOrderMark,
  kInvalidUtf8,
  kLoneSurrogate,
  kNonFiniteNumber,  // NaN, Infinity, -Infinity (not 1e400, which is a number)
};

// CPython's JSONDecodeError.msg for the code (for RFC-only codes, our wording).
std::string_view syntax_message(SyntaxCode code);

enum class ParseOutcome : uint8_t {
  kOk,
  kSyntaxError,     // JSONDecodeError (Python) / not RFC 8259 JSON: see code, char_position
  kUndecodable,     // the bytes do not decode (UnicodeDecodeError): FastAPI answers 400
  kTooDeep,         // nesting beyond ParseOptions::max_depth (RecursionError): 400
  kIntegerTooLong,  // an integer literal over 4300 digits (ValueError): 400
  // The body does not fit the 32-bit offsets of Document (4 GiB or more once
  // decoded). Not a Python outcome: Python would go on, we cannot.
  kTooLarge,
};

struct ParseOptions {
  Dialect dialect = Dialect::kPython313;
  // Containers nested deeper than this fail with kTooDeep: a body with
  // max_depth nested arrays/objects parses, one more level fails at the
  // opening bracket of the extra level (0 allows scalars only). Python's own
  // limit depends on its stack at the call (json.loads at the top of a
  // script: 994 on 3.11, 9998 on 3.13). The parser keeps its own stack, so
  // any value is safe for the C++ stack.
  uint32_t max_depth = 10000;
};

struct ParseResult {
  ParseOutcome outcome = ParseOutcome::kOk;
  SyntaxCode code = SyntaxCode::kExpectingValue;  // when outcome == kSyntaxError
  // Where the failure is (kSyntaxError: Python's place; kTooDeep: the opening
  // bracket; kIntegerTooLong: the number's first character; kUndecodable:
  // the first byte that does not decode).
  uint64_t char_position = 0;  // JSONDecodeError.pos: code points into the decoded text
  // The same place as a byte offset, counted like Node::offset: into `bytes`
  // for UTF-8 input (a BOM counts), into the UTF-8 transcoding for UTF-16/32
  // input (except kUndecodable: always into `bytes`).
  uint64_t byte_offset = 0;
};

// A parser with scratch state (nesting stack, duplicate-key index, UTF-16/32
// transcoding buffer) that keeps its capacity between calls: a warm Parser
// with a warm Document parses bodies of sizes it has seen without
// allocating. Not thread-safe; use one per thread.
class Parser {
 public:
  Parser();
  ~Parser();
  Parser(Parser&&) noexcept;
  Parser& operator=(Parser&&) noexcept;

  // Parses `bytes` into `out` (cleared first). On success out.root() is the
  // value; node offsets are byte offsets into `bytes` for UTF-8 input (a BOM
  // counts), and into the UTF-8 transcoding for UTF-16/32 input.
  //
  // Duplicate keys are merged as Python's dict does: the first member node
  // of that key takes the last value (kind, value, children, offset of the
  // last value), keeps its place and gets duplicated_key = true; later
  // member nodes of that key stay in the node vector but are not linked.
  // child_count counts distinct keys.
  ParseResult parse(std::string_view bytes, const ParseOptions& options, Document& out);

 private:
  struct Scratch;
  std::unique_ptr<Scratch> scratch_;
};

// Parser::parse on a thread-local Parser: calls on one thread reuse its
// scratch buffers (kept, at the size of the largest body, until the thread
// ends). Hold a Parser yourself to control that memory.
ParseResult parse(std::string_view bytes, const ParseOptions& options, Document& out);

// The text Python decoded from `bytes` (JSONDecodeError.doc), as WTF-8 (lone
// surrogates as 3 bytes). Returns false when the bytes do not decode.
bool decode_python_text(std::string_view bytes, std::string& out);

}  // namespace tfschema::json
