#include "render/text_echo.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "json/py_parser.hpp"
#include "render/python_echo.hpp"
#include "render/writer.hpp"

namespace tfschema::render {
namespace {

// The echo written from the body's text, through both outputs, and the one
// written from the parsed tree (Python's json.dumps of json.loads).
struct Echoes {
  std::string text;
  std::string text_writer;
  std::string tree;
};
Echoes echoes(std::string_view json, bool drop_sa_keys) {
  Echoes e;
  append_text_echo(json, 0, drop_sa_keys, e.text);
  {
    Writer w(e.text_writer);
    append_text_echo(json, 0, drop_sa_keys, w);
  }
  json::Parser parser;
  json::Document doc;
  const json::ParseOptions options{json::Dialect::kPython313, 256};
  EXPECT_EQ(parser.parse(json, options, doc).outcome, json::ParseOutcome::kOk) << json;
  append_echo(doc, doc.root(), EchoLimits{UINT32_MAX, drop_sa_keys}, e.tree);
  return e;
}

// Small containers are copied with their whitespace dropped; what else
// Python rewrites (escapes, floats, -0, "_sa" members) and long containers
// go through the full echo. Either way the echo is the tree's.
TEST(TextEcho, ContainersEchoAsTheTreeDoes) {
  const std::string long_list = "[" + std::string(300, '1') + ", 2]";
  std::string many_items = "[";
  for (int i = 0; i < 100; ++i) many_items += std::to_string(i) + (i == 99 ? "]" : " , ");
  const std::string_view texts[] = {
      R"({"dest": "a"})",
      R"( { "dest" : "a" , "src" : [ 1 , -2 , true , false , null , { } , [ ] ] } )",
      R"([{"a": {"b": [{"c": "d"}]}}, "é€😀", 12345678901234567])",
      R"({"x": 1.50, "y": [0.10]})",
      R"([1e5, 2E-3])",
      R"([-0, -7, 0])",
      R"([-0.5, -0.0])",
      R"({"esc": "a\"b", "u": "\u00e9\ud83d\ude00"})",
      R"(["a\"b", "\/", "\u0041"])",
      R"(["\/\"", 1])",
      R"({"_sa_instance": 1, "kept": 2})",
      R"(["_sa", {"_sab": "_sa"}])",
      R"({"truth": [true, false, null], "e": "eE."})",
      std::string_view(long_list),
      std::string_view(many_items),
  };
  for (const std::string_view json : texts) {
    for (const bool drop_sa_keys : {false, true}) {
      const Echoes e = echoes(json, drop_sa_keys);
      EXPECT_EQ(e.text, e.tree) << json << " drop_sa_keys=" << drop_sa_keys;
      EXPECT_EQ(e.text_writer, e.tree) << json << " drop_sa_keys=" << drop_sa_keys;
    }
  }
}

// Text that breaks the precondition (not JSON, cut short) gives some output
// and reads nothing outside the view.
TEST(TextEcho, BrokenTextStaysInBounds) {
  for (const std::string_view json : {"{", "[\"", "[t", "{\"a\":-", "]", "[1,", "{\"a\":nul", "[[[[", "[\"\\"}) {
    std::string out;
    append_text_echo(json, 0, false, out);
    Writer w(out);
    append_text_echo(json, 0, true, w);
  }
}

}  // namespace
}  // namespace tfschema::render
