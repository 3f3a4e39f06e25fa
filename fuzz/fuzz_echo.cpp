// The Python-compatible formatting against an independent reader: a float's
// repr reads back as the same double (strtod), and an echoed string is JSON
// that nlohmann reads back as the same text. And the echo written from a
// body's text (render/text_echo.hpp, the diagnostic fast path) against the
// echo written from the parsed tree, for every text that meets its
// precondition; on any other text it must not crash.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_common.hpp"
#include "json/py_parser.hpp"
#include "render/python_echo.hpp"
#include "render/text_echo.hpp"
#include "text/py_float.hpp"
#include "text/py_json_writer.hpp"

namespace {

void check_float(const uint8_t* data) {
  double x;
  std::memcpy(&x, data, sizeof x);
  std::string repr;
  tfschema::text::append_python_float_repr(x, repr);
  if (std::isnan(x)) {
    if (repr != "nan") tfschema::fuzz::fail("repr(nan)", repr);
    return;
  }
  if (std::isinf(x)) {
    if (repr != (x > 0 ? "inf" : "-inf")) tfschema::fuzz::fail("repr(inf)", repr);
    return;
  }
  const double back = std::strtod(repr.c_str(), nullptr);
  if (std::memcmp(&back, &x, sizeof x) != 0) tfschema::fuzz::fail("float repr does not read back", repr);
  // Python prints a decimal point or an exponent, always.
  if (repr.find_first_of(".e") == std::string::npos) tfschema::fuzz::fail("float repr looks like an int", repr);
}

void check_string(std::string_view text) {
  std::string quoted;
  tfschema::text::append_python_json_string(text, quoted, tfschema::text::LoneSurrogatePolicy::kReplace);
  if (!nlohmann::json::accept(quoted)) tfschema::fuzz::fail("echoed string is not JSON", quoted);
  if (simdjson::validate_utf8(text.data(), text.size())) {
    const std::string back = nlohmann::json::parse(quoted).get<std::string>();
    if (back != text) tfschema::fuzz::fail("echoed string does not read back", text, back);
  }
}

// The precondition of the text echo: JSON simdjson reads whole (so valid
// UTF-8, no lone surrogate escape, no NaN, integers within 64 bits), with no
// repeated member name and no deeper than the stream walker goes.
bool echo_precondition(std::string_view text, const tfschema::json::Document& doc) {
  static simdjson::dom::parser parser;
  const simdjson::padded_string padded(text);
  simdjson::dom::element ignored;
  if (parser.parse(padded).get(ignored)) return false;
  for (size_t i = 0; i < doc.node_count(); ++i) {
    if (doc.node(static_cast<uint32_t>(i)).duplicated_key) return false;
  }
  return true;
}

void check_text_echo(std::string_view text) {
  for (const bool drop_sa_keys : {true, false}) {
    std::string from_text;
    tfschema::render::append_text_echo(text, 0, drop_sa_keys, from_text);  // whatever the text: no crash
    static tfschema::json::Parser parser;
    static tfschema::json::Document doc;
    const tfschema::json::ParseOptions options{tfschema::json::Dialect::kPython313, 256};
    if (parser.parse(text, options, doc).outcome != tfschema::json::ParseOutcome::kOk) return;
    if (!echo_precondition(text, doc)) return;
    std::string from_tree;
    tfschema::render::append_echo(doc, doc.root(), tfschema::render::EchoLimits{UINT32_MAX, drop_sa_keys}, from_tree);
    if (from_text != from_tree) tfschema::fuzz::fail("text echo differs from tree echo", from_text, from_tree);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > tfschema::fuzz::kMaxInput) return 0;
  if (size >= 8) check_float(data);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_string(text);
  check_text_echo(text);
  return 0;
}
