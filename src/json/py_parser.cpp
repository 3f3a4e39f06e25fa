// The parser follows CPython's C scanner (Modules/_json.c) step by step,
// because the exact JSONDecodeError message and position depend on the order
// in which it checks things. It runs on the decoded text held as generalized
// UTF-8 (see text_decoding.hpp): every character it looks at is ASCII, so
// byte positions are tracked and turned into code point positions only when
// a parse fails.
#include "json/py_parser.hpp"

#include <atomic>
#include <limits>
#include <utility>
#include <vector>

#include "json/key_index.hpp"
#include "json/number_scan.hpp"
#include "json/text_decoding.hpp"
#include "text/ascii_scan.hpp"

namespace tfschema::json {
namespace {

using namespace std::string_view_literals;

// Python's int() refuses longer literals (sys.get_int_max_str_digits()).
constexpr size_t kMaxIntDigits = 4300;
// Objects up to this many members find duplicates by walking their members;
// bigger ones use the KeyIndex.
constexpr uint32_t kLinearKeyLimit = 8;
// Document offsets are 32-bit.
constexpr uint64_t kMaxTextBytes = UINT32_MAX - 1;

struct Frame {
  uint32_t node = kNoNode;
  uint32_t last_child = kNoNode;
  TextRef pending_key;  // objects: the key of the member being read
  bool is_object = false;
  bool indexed = false;  // the object's keys are in the KeyIndex
};

// Where the body's text is, once decoded.
struct DecodedText {
  std::string_view text;  // generalized UTF-8
  uint32_t base = 0;      // byte offset of text[0] in the offsets we report
  ParseResult failure;    // when decoding fails (outcome != kOk)
};

uint64_t next_seed() {
  static std::atomic<uint64_t> counter{0};
  return counter.fetch_add(0x9E3779B97F4A7C15ULL, std::memory_order_relaxed);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The 4 hex digits at text[pos..pos+4) (caller checked they exist), or -1.
int32_t read_hex4(std::string_view text, size_t pos) {
  int32_t value = 0;
  for (size_t i = pos; i < pos + 4; ++i) {
    const int digit = hex_value(text[i]);
    if (digit < 0) return -1;
    value = value << 4 | digit;
  }
  return value;
}

bool is_high_surrogate(uint32_t c) { return c >= 0xD800 && c <= 0xDBFF; }
bool is_low_surrogate(uint32_t c) { return c >= 0xDC00 && c <= 0xDFFF; }

ParseResult failure_at(ParseOutcome outcome, SyntaxCode code, uint64_t char_position, uint64_t byte_offset) {
  ParseResult result;
  result.outcome = outcome;
  result.code = code;
  result.char_position = char_position;
  result.byte_offset = byte_offset;
  return result;
}

ParseResult too_large() { return failure_at(ParseOutcome::kTooLarge, SyntaxCode::kExpectingValue, 0, 0); }

bool has_any_bom(std::string_view bytes) {
  return bytes.starts_with("\xEF\xBB\xBF"sv) || bytes.starts_with("\xFE\xFF"sv) || bytes.starts_with("\xFF\xFE"sv) ||
         bytes.starts_with("\x00\x00\xFE\xFF"sv);
}

// RFC 8259: UTF-8 only, no BOM, no surrogates.
DecodedText decode_rfc(std::string_view bytes) {
  DecodedText decoded;
  if (has_any_bom(bytes)) {
    decoded.failure = failure_at(ParseOutcome::kSyntaxError, SyntaxCode::kByteOrderMark, 0, 0);
    return decoded;
  }
  const Utf8Check check = check_utf8(bytes, /*allow_surrogates=*/false);
  if (!check.ok) {
    const SyntaxCode code = check.error_is_surrogate ? SyntaxCode::kLoneSurrogate : SyntaxCode::kInvalidUtf8;
    decoded.failure = failure_at(ParseOutcome::kSyntaxError, code,
                                 count_code_points(bytes.substr(0, check.error_offset)), check.error_offset);
    return decoded;
  }
  decoded.text = bytes;
  return decoded;
}

// What bytes.decode(json.detect_encoding(bytes), 'surrogatepass') gives.
// UTF-8 input is used in place; UTF-16/32 input is transcoded into `buffer`.
DecodedText decode_python(std::string_view bytes, std::string& buffer) {
  DecodedText decoded;
  const PythonEncoding encoding = detect_python_encoding(bytes);
  if (encoding == PythonEncoding::kUtf8 || encoding == PythonEncoding::kUtf8Sig) {
    const uint32_t bom = encoding == PythonEncoding::kUtf8Sig ? 3 : 0;
    const std::string_view text = bytes.substr(bom);
    const Utf8Check check = check_utf8(text, /*allow_surrogates=*/true);
    if (!check.ok) {
      decoded.failure = failure_at(ParseOutcome::kUndecodable, SyntaxCode::kExpectingValue,
                                   count_code_points(text.substr(0, check.error_offset)), bom + check.error_offset);
      return decoded;
    }
    decoded.text = text;
    decoded.base = bom;
    return decoded;
  }
  size_t skip = 0;
  bool big_endian = false;
  bool utf32 = false;
  switch (encoding) {
    case PythonEncoding::kUtf16:
      skip = 2;
      big_endian = bytes[0] == '\xFE';
      break;
    case PythonEncoding::kUtf16Be:
      big_endian = true;
      break;
    case PythonEncoding::kUtf32:
      skip = 4;
      big_endian = bytes[0] == '\x00';
      utf32 = true;
      break;
    case PythonEncoding::kUtf32Be:
      big_endian = true;
      utf32 = true;
      break;
    case PythonEncoding::kUtf32Le:
      utf32 = true;
      break;
    default:
      break;
  }
  buffer.clear();
  size_t error_offset = 0;
  const std::string_view units = bytes.substr(skip);
  const bool ok = utf32 ? transcode_utf32(units, big_endian, buffer, &error_offset)
                        : transcode_utf16(units, big_endian, buffer, &error_offset);
  if (!ok) {
    decoded.failure = failure_at(ParseOutcome::kUndecodable, SyntaxCode::kExpectingValue, count_code_points(buffer),
                                 skip + error_offset);
    return decoded;
  }
  decoded.text = buffer;
  return decoded;
}

}  // namespace

struct Parser::Scratch {
  // Seeds the key hash per parser so that keys crafted to collide cannot be
  // reused against every process.
  Scratch() { keys.set_seed(next_seed() ^ reinterpret_cast<uintptr_t>(this)); }

  std::vector<Frame> stack;
  KeyIndex keys;
  std::string transcoded;
};

namespace {

// One parse of one decoded text.
class Run {
 public:
  Run(const DecodedText& decoded, const ParseOptions& options, std::vector<Frame>& stack, KeyIndex& keys, Document& doc)
      : text_(decoded.text),
        base_(decoded.base),
        options_(options),
        python_(options.dialect != Dialect::kRfc8259),
        trailing_comma_errors_(options.dialect != Dialect::kPython311),
        stack_(stack),
        keys_(keys),
        nodes_(doc.mutable_nodes()),
        arena_(doc.mutable_arena()),
        doc_(doc) {}

  ParseResult run();

 private:
  enum class Step { kValue, kKey, kAfterValue, kDone };

  bool fail(ParseOutcome outcome, SyntaxCode code, size_t pos);
  bool syntax_error(SyntaxCode code, size_t pos) { return fail(ParseOutcome::kSyntaxError, code, pos); }
  bool at(size_t pos, char c) const { return pos < text_.size() && text_[pos] == c; }
  void skip_whitespace() {
    while (pos_ < text_.size() && text::is_json_whitespace(text_[pos_])) ++pos_;
  }

  uint32_t new_node(Kind kind, size_t pos);
  bool begin_value(Step* step, uint32_t* done);
  bool begin_container(bool is_object, Step* step, uint32_t* done);
  bool literal(std::string_view word, Kind kind, uint32_t* done);
  bool non_finite(std::string_view word, double value, uint32_t* done);
  bool number(uint32_t* done);
  bool read_key();
  bool after_value(Step* step, uint32_t* done);
  void attach(uint32_t node);
  void attach_member(Frame& frame, uint32_t node);
  uint32_t find_member(const Frame& frame, std::string_view key) const;
  void index_members(Frame& frame);
  void link(Frame& frame, uint32_t node);
  void merge_into(uint32_t existing, uint32_t node);

  bool scan_string(size_t quote, TextRef* out);
  bool unicode_escape(size_t backslash, size_t* next);
  bool read_unicode_escape(size_t u, int32_t* value);

  const std::string_view text_;
  const uint32_t base_;
  const ParseOptions& options_;
  const bool python_;
  const bool trailing_comma_errors_;
  std::vector<Frame>& stack_;
  KeyIndex& keys_;
  std::vector<Node>& nodes_;
  std::string& arena_;
  const Document& doc_;
  size_t pos_ = 0;
  ParseResult failure_;
};

bool Run::fail(ParseOutcome outcome, SyntaxCode code, size_t pos) {
  failure_ = failure_at(outcome, code, count_code_points(text_.substr(0, pos)), base_ + pos);
  return false;
}

ParseResult Run::run() {
  // Mirrors JSONDecoder.decode: skip whitespace, scan one value, skip
  // whitespace, and anything left is "Extra data".
  skip_whitespace();
  Step step = Step::kValue;
  uint32_t done = kNoNode;  // the value just completed (kAfterValue)
  while (step != Step::kDone) {
    bool ok = true;
    switch (step) {
      case Step::kValue:
        ok = begin_value(&step, &done);
        break;
      case Step::kKey:
        ok = read_key();
        step = Step::kValue;
        break;
      case Step::kAfterValue:
        ok = after_value(&step, &done);
        break;
      case Step::kDone:
        break;
    }
    if (!ok) return failure_;
  }
  skip_whitespace();
  if (pos_ != text_.size()) {
    syntax_error(SyntaxCode::kExtraData, pos_);
    return failure_;
  }
  return ParseResult{};
}

uint32_t Run::new_node(Kind kind, size_t pos) {
  const uint32_t index = static_cast<uint32_t>(nodes_.size());
  Node& node = nodes_.emplace_back();
  node.kind = kind;
  node.offset = static_cast<uint32_t>(base_ + pos);
  if (!stack_.empty() && stack_.back().is_object) node.key = stack_.back().pending_key;
  return index;
}

// CPython's scan_once: dispatch on the first character; anything that is not
// a string, container or named constant is tried as a number.
bool Run::begin_value(Step* step, uint32_t* done) {
  *step = Step::kAfterValue;
  if (pos_ >= text_.size()) return syntax_error(SyntaxCode::kExpectingValue, pos_);
  switch (text_[pos_]) {
    case '"': {
      const size_t quote = pos_;
      TextRef ref;
      if (!scan_string(quote, &ref)) return false;
      *done = new_node(Kind::kString, quote);
      nodes_[*done].text = ref;
      return true;
    }
    case '{':
      return begin_container(/*is_object=*/true, step, done);
    case '[':
      return begin_container(/*is_object=*/false, step, done);
    case 'n':
      if (literal("null"sv, Kind::kNull, done)) return true;
      break;
    case 't':
      if (literal("true"sv, Kind::kTrue, done)) return true;
      break;
    case 'f':
      if (literal("false"sv, Kind::kFalse, done)) return true;
      break;
    case 'N':
      if (text_.substr(pos_).starts_with("NaN"sv))
        return non_finite("NaN"sv, std::numeric_limits<double>::quiet_NaN(), done);
      break;
    case 'I':
      if (text_.substr(pos_).starts_with("Infinity"sv))
        return non_finite("Infinity"sv, std::numeric_limits<double>::infinity(), done);
      break;
    case '-':
      if (text_.substr(pos_).starts_with("-Infinity"sv))
        return non_finite("-Infinity"sv, -std::numeric_limits<double>::infinity(), done);
      break;
    default:
      break;
  }
  return number(done);
}

bool Run::begin_container(bool is_object, Step* step, uint32_t* done) {
  // Python checks its recursion limit on entering the container, before
  // looking inside.
  if (stack_.size() >= options_.max_depth) {
    return fail(ParseOutcome::kTooDeep, SyntaxCode::kExpectingValue, pos_);
  }
  const uint32_t node = new_node(is_object ? Kind::kObject : Kind::kArray, pos_);
  Frame& frame = stack_.emplace_back();
  frame.node = node;
  frame.is_object = is_object;
  ++pos_;
  skip_whitespace();
  if (at(pos_, is_object ? '}' : ']')) {
    ++pos_;
    stack_.pop_back();
    *done = node;
    *step = Step::kAfterValue;
    return true;
  }
  *step = is_object ? Step::kKey : Step::kValue;
  return true;
}

bool Run::literal(std::string_view word, Kind kind, uint32_t* done) {
  if (!text_.substr(pos_).starts_with(word)) return false;
  *done = new_node(kind, pos_);
  pos_ += word.size();
  return true;
}

bool Run::non_finite(std::string_view word, double value, uint32_t* done) {
  if (!python_) return syntax_error(SyntaxCode::kNonFiniteNumber, pos_);
  *done = new_node(Kind::kFloat, pos_);
  nodes_[*done].float_value = value;
  pos_ += word.size();
  return true;
}

bool Run::number(uint32_t* done) {
  NumberToken token;
  if (!scan_number(text_, pos_, &token)) return syntax_error(SyntaxCode::kExpectingValue, pos_);
  const std::string_view literal = text_.substr(pos_, token.end - pos_);
  if (token.is_float) {
    *done = new_node(Kind::kFloat, pos_);
    nodes_[*done].float_value = parse_float_literal(literal);
  } else {
    if (python_ && token.int_digits > kMaxIntDigits) {
      return fail(ParseOutcome::kIntegerTooLong, SyntaxCode::kExpectingValue, pos_);
    }
    int64_t value = 0;
    if (parse_int64_literal(literal, &value)) {
      *done = new_node(Kind::kInt, pos_);
      nodes_[*done].int_value = value;
    } else {
      // The literal is already what str(int) prints: JSON allows no leading
      // zeros, and "-0" fits int64.
      *done = new_node(Kind::kBigInt, pos_);
      nodes_[*done].text = TextRef{static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(literal.size())};
      arena_.append(literal);
    }
  }
  pos_ = token.end;
  return true;
}

bool Run::read_key() {
  if (!at(pos_, '"')) return syntax_error(SyntaxCode::kExpectingPropertyName, pos_);
  TextRef key;
  if (!scan_string(pos_, &key)) return false;
  skip_whitespace();
  if (!at(pos_, ':')) return syntax_error(SyntaxCode::kExpectingColon, pos_);
  ++pos_;
  skip_whitespace();
  stack_.back().pending_key = key;
  return true;
}

// After a value: attach it to its container, then expect the container's
// closer or a comma, as _parse_object_unicode / _parse_array_unicode do.
bool Run::after_value(Step* step, uint32_t* done) {
  if (stack_.empty()) {
    *step = Step::kDone;
    return true;
  }
  attach(*done);
  skip_whitespace();
  const Frame& frame = stack_.back();
  const char closer = frame.is_object ? '}' : ']';
  if (at(pos_, closer)) {
    ++pos_;
    *done = frame.node;
    stack_.pop_back();
    *step = Step::kAfterValue;
    return true;
  }
  if (!at(pos_, ',')) return syntax_error(SyntaxCode::kExpectingComma, pos_);
  const size_t comma = pos_++;
  skip_whitespace();
  if (trailing_comma_errors_ && at(pos_, closer)) {
    return syntax_error(frame.is_object ? SyntaxCode::kTrailingCommaInObject : SyntaxCode::kTrailingCommaInArray,
                        comma);
  }
  *step = frame.is_object ? Step::kKey : Step::kValue;
  return true;
}

void Run::attach(uint32_t node) {
  Frame& frame = stack_.back();
  if (frame.is_object) {
    attach_member(frame, node);
  } else {
    link(frame, node);
  }
}

void Run::link(Frame& frame, uint32_t node) {
  Node& container = nodes_[frame.node];
  if (frame.last_child == kNoNode) {
    container.first_child = node;
  } else {
    nodes_[frame.last_child].next_sibling = node;
  }
  frame.last_child = node;
  ++container.child_count;
}

// Python's dict: a repeated key keeps its first place and takes the new value.
void Run::attach_member(Frame& frame, uint32_t node) {
  const std::string_view key = doc_.text(nodes_[node].key);
  const uint32_t existing = find_member(frame, key);
  if (existing != kNoNode) {
    merge_into(existing, node);
    return;
  }
  link(frame, node);
  if (frame.indexed) {
    keys_.insert(frame.node, node, key);
  } else if (nodes_[frame.node].child_count > kLinearKeyLimit) {
    index_members(frame);
  }
}

uint32_t Run::find_member(const Frame& frame, std::string_view key) const {
  if (frame.indexed) return keys_.find(frame.node, key, doc_);
  for (uint32_t m = nodes_[frame.node].first_child; m != kNoNode; m = nodes_[m].next_sibling) {
    if (doc_.text(nodes_[m].key) == key) return m;
  }
  return kNoNode;
}

void Run::index_members(Frame& frame) {
  for (uint32_t m = nodes_[frame.node].first_child; m != kNoNode; m = nodes_[m].next_sibling) {
    keys_.insert(frame.node, m, doc_.text(nodes_[m].key));
  }
  frame.indexed = true;
}

void Run::merge_into(uint32_t existing, uint32_t node) {
  Node& target = nodes_[existing];
  const Node& source = nodes_[node];
  target.kind = source.kind;
  target.offset = source.offset;
  target.first_child = source.first_child;
  target.child_count = source.child_count;
  target.text = source.text;
  if (source.kind == Kind::kFloat) {
    target.float_value = source.float_value;
  } else {
    target.int_value = source.int_value;
  }
  target.duplicated_key = true;
}

// CPython's scanstring in strict mode. Appends the unescaped text to the
// arena; on success pos_ is just past the closing quote.
bool Run::scan_string(size_t quote, TextRef* out) {
  const size_t n = text_.size();
  const size_t begin = arena_.size();
  size_t p = quote + 1;
  while (true) {
    const size_t run_start = p;
    p = text::json_plain_run_end<false>(text_, p);
    if (p >= n) return syntax_error(SyntaxCode::kUnterminatedString, quote);
    if (static_cast<unsigned char>(text_[p]) < 0x20) return syntax_error(SyntaxCode::kInvalidControlCharacter, p);
    arena_.append(text_.substr(run_start, p - run_start));
    if (text_[p] == '"') {
      pos_ = p + 1;
      *out = TextRef{static_cast<uint32_t>(begin), static_cast<uint32_t>(arena_.size() - begin)};
      return true;
    }
    const size_t backslash = p;
    if (backslash + 1 >= n) return syntax_error(SyntaxCode::kUnterminatedString, quote);
    char unescaped = 0;
    switch (text_[backslash + 1]) {
      case '"':
        unescaped = '"';
        break;
      case '\\':
        unescaped = '\\';
        break;
      case '/':
        unescaped = '/';
        break;
      case 'b':
        unescaped = '\b';
        break;
      case 'f':
        unescaped = '\f';
        break;
      case 'n':
        unescaped = '\n';
        break;
      case 'r':
        unescaped = '\r';
        break;
      case 't':
        unescaped = '\t';
        break;
      case 'u':
        if (!unicode_escape(backslash, &p)) return false;
        continue;
      default:
        return syntax_error(SyntaxCode::kInvalidEscape, backslash);
    }
    arena_.push_back(unescaped);
    p = backslash + 2;
  }
}

// \uXXXX at text_[backslash]; a high surrogate followed by \u and a low
// surrogate makes one code point. Sets *next past what was consumed.
bool Run::unicode_escape(size_t backslash, size_t* next) {
  int32_t value = 0;
  if (!read_unicode_escape(backslash + 1, &value)) return false;
  uint32_t code_point = static_cast<uint32_t>(value);
  size_t end = backslash + 6;
  bool lone = is_low_surrogate(code_point);
  if (is_high_surrogate(code_point)) {
    lone = true;
    // CPython reads a following \u escape as the low half only when 7 more
    // characters are there, else leaves it to the next round, which then
    // fails on it the same way; so reading it at once is equivalent.
    if (at(end, '\\') && at(end + 1, 'u')) {
      int32_t low = 0;
      if (!read_unicode_escape(end + 1, &low)) return false;
      if (is_low_surrogate(static_cast<uint32_t>(low))) {
        code_point = 0x10000 + ((code_point - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00);
        end += 6;
        lone = false;
      }
    }
  }
  if (lone && !python_) return syntax_error(SyntaxCode::kLoneSurrogate, backslash);
  append_code_point(code_point, arena_);
  *next = end;
  return true;
}

// The 4 hex digits after the 'u' at text_[u].
bool Run::read_unicode_escape(size_t u, int32_t* value) {
  // CPython wants the 4 digits and at least one more character (a string
  // needs its closing quote anyway) and reports the 'u'. Checking bytes
  // instead of code points gives the same answer: a non-ASCII character among
  // the 4 is not a hex digit and is reported at the 'u' too.
  if (u + 5 >= text_.size()) return syntax_error(SyntaxCode::kInvalidUnicodeEscape, u);
  *value = read_hex4(text_, u + 1);
  if (*value < 0) return syntax_error(SyntaxCode::kInvalidUnicodeEscape, u);
  return true;
}

}  // namespace

std::string_view syntax_message(SyntaxCode code) {
  switch (code) {
    case SyntaxCode::kExpectingValue:
      return "Expecting value";
    case SyntaxCode::kExpectingPropertyName:
      return "Expecting property name enclosed in double quotes";
    case SyntaxCode::kExpectingColon:
      return "Expecting ':' delimiter";
    case SyntaxCode::kExpectingComma:
      return "Expecting ',' delimiter";
    case SyntaxCode::kExtraData:
      return "Extra data";
    case SyntaxCode::kUnterminatedString:
      return "Unterminated string starting at";
    case SyntaxCode::kInvalidControlCharacter:
      return "Invalid control character at";
    case SyntaxCode::kInvalidEscape:
      return "Invalid \\escape";
    case SyntaxCode::kInvalidUnicodeEscape:
      return "Invalid \\uXXXX escape";
    case SyntaxCode::kTrailingCommaInObject:
      return "Illegal trailing comma before end of object";
    case SyntaxCode::kTrailingCommaInArray:
      return "Illegal trailing comma before end of array";
    case SyntaxCode::kByteOrderMark:
      return "Unexpected byte order mark";
    case SyntaxCode::kInvalidUtf8:
      return "Invalid UTF-8";
    case SyntaxCode::kLoneSurrogate:
      return "Unpaired surrogate";
    case SyntaxCode::kNonFiniteNumber:
      return "NaN and Infinity are not JSON numbers";
  }
  return "Unknown JSON syntax error";
}

Parser::Parser() : scratch_(std::make_unique<Scratch>()) {}

Parser::~Parser() = default;
Parser::Parser(Parser&&) noexcept = default;
Parser& Parser::operator=(Parser&&) noexcept = default;

ParseResult Parser::parse(std::string_view bytes, const ParseOptions& options, Document& out) {
  out.clear();
  if (!scratch_) scratch_ = std::make_unique<Scratch>();  // a moved-from parser
  Scratch& scratch = *scratch_;
  const DecodedText decoded =
      options.dialect == Dialect::kRfc8259 ? decode_rfc(bytes) : decode_python(bytes, scratch.transcoded);
  if (decoded.failure.outcome != ParseOutcome::kOk) return decoded.failure;
  if (decoded.base + decoded.text.size() > kMaxTextBytes) return too_large();
  // Unescaped strings never grow, so the arena needs at most the text's size.
  out.mutable_arena().reserve(decoded.text.size());
  scratch.stack.clear();
  scratch.keys.clear();
  Run run(decoded, options, scratch.stack, scratch.keys, out);
  ParseResult result = run.run();
  if (result.outcome != ParseOutcome::kOk) out.clear();
  return result;
}

ParseResult parse(std::string_view bytes, const ParseOptions& options, Document& out) {
  // One warm parser per thread keeps repeated calls free of allocations.
  thread_local Parser parser;
  return parser.parse(bytes, options, out);
}

bool decode_python_text(std::string_view bytes, std::string& out) {
  std::string buffer;
  const DecodedText decoded = decode_python(bytes, buffer);
  if (decoded.failure.outcome != ParseOutcome::kOk) return false;
  if (decoded.text.data() == buffer.data()) {
    out.swap(buffer);
  } else {
    out.assign(decoded.text);
  }
  return true;
}

}  // namespace tfschema::json
