#include "render/python_echo.hpp"

#include <cmath>
#include <string_view>
#include <vector>

#include "text/py_float.hpp"
#include "text/py_json_writer.hpp"
#include "text/utf8.hpp"

namespace tfschema::render {
namespace {

using json::Kind;
using json::kNoNode;

// jsonable_encoder(sqlalchemy_safe=True) leaves out these keys.
bool dropped_by_jsonable_encoder(std::string_view key) { return key.substr(0, 3) == "_sa"; }

// Writes one scalar; false when Python could not have.
bool append_scalar(const json::Document& doc, const json::Node& n, std::string& out) {
  switch (n.kind) {
    case Kind::kNull:
      out += "null";
      return true;
    case Kind::kFalse:
      out += "false";
      return true;
    case Kind::kTrue:
      out += "true";
      return true;
    case Kind::kInt:
      text::append_python_json_int(n.int_value, out);
      return true;
    case Kind::kBigInt:
      out += doc.text(n.text);
      return true;
    case Kind::kFloat:
      if (!text::is_json_encodable_float(n.float_value)) {
        // Our stand-in for what json.dumps(allow_nan=False) refuses.
        out += '"';
        text::append_python_json_float(n.float_value, out);
        out += '"';
        return false;
      }
      text::append_python_json_float(n.float_value, out);
      return true;
    case Kind::kString: {
      std::string_view s = doc.text(n.text);
      text::append_python_json_string(s, out, text::LoneSurrogatePolicy::kReplace);
      return !text::contains_lone_surrogate(s);
    }
    default:
      return true;
  }
}

// A container being written: the next child to visit.
struct Frame {
  uint32_t next_child;
  bool is_object;
  bool wrote_member;
};

}  // namespace

bool append_echo(const json::Document& doc, uint32_t root, const EchoLimits& limits, std::string& out) {
  bool renderable = true;
  std::vector<Frame> stack;
  uint32_t current = root;
  // Iterative, so that a body nested 100,000 deep is no danger to the stack.
  for (;;) {
    if (current != kNoNode) {
      const json::Node& n = doc.node(current);
      if (n.kind == Kind::kArray || n.kind == Kind::kObject) {
        const bool is_object = n.kind == Kind::kObject;
        out += is_object ? '{' : '[';
        stack.push_back(Frame{n.first_child, is_object, false});
        if (stack.size() > limits.server_max_depth) renderable = false;
      } else {
        renderable &= append_scalar(doc, n, out);
        if (stack.size() + 1 > limits.server_max_depth) renderable = false;
      }
    }
    // Find the next child to write, closing finished containers.
    current = kNoNode;
    while (!stack.empty()) {
      Frame& top = stack.back();
      uint32_t child = top.next_child;
      if (top.is_object) {
        while (child != kNoNode && limits.drop_sa_keys && dropped_by_jsonable_encoder(doc.key(child))) {
          child = doc.node(child).next_sibling;
        }
      }
      if (child == kNoNode) {
        out += top.is_object ? '}' : ']';
        stack.pop_back();
        continue;
      }
      top.next_child = doc.node(child).next_sibling;
      if (top.wrote_member) out += ',';
      top.wrote_member = true;
      if (top.is_object) {
        std::string_view key = doc.key(child);
        text::append_python_json_string(key, out, text::LoneSurrogatePolicy::kReplace);
        renderable &= !text::contains_lone_surrogate(key);
        out += ':';
      }
      current = child;
      break;
    }
    if (current == kNoNode && stack.empty()) break;
  }
  return renderable;
}

namespace {

// Python's repr() of a str: single quotes unless the text has a single quote
// and no double quote; backslash escapes for the quote, backslash, \t \n \r,
// other control characters and lone surrogates; other characters as they are.
// (Python also escapes non-printable non-ASCII characters such as U+00A0 or
// U+200B; those are escaped here only for the C1 controls, the line and
// paragraph separators and the BOM.)
void append_python_str_repr(std::string_view s, std::string& out) {
  const bool has_single = s.find('\'') != std::string_view::npos;
  const bool has_double = s.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  static constexpr char kHex[] = "0123456789abcdef";
  out += quote;
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    const uint32_t cp = text::next_code_point(s, i);
    if (cp == static_cast<uint32_t>(quote) || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xAD) {
      out += "\\x";
      out += kHex[cp >> 4];
      out += kHex[cp & 0xF];
    } else if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  out += quote;
}

void append_python_repr(const json::Document& doc, uint32_t node, std::string& out, uint32_t depth) {
  const json::Node& n = doc.node(node);
  switch (n.kind) {
    case Kind::kNull:
      out += "None";
      return;
    case Kind::kFalse:
      out += "False";
      return;
    case Kind::kTrue:
      out += "True";
      return;
    case Kind::kInt:
      text::append_python_json_int(n.int_value, out);
      return;
    case Kind::kBigInt:
      out += doc.text(n.text);
      return;
    case Kind::kFloat:
      text::append_python_float_repr(n.float_value, out);
      return;
    case Kind::kString:
      append_python_str_repr(doc.text(n.text), out);
      return;
    case Kind::kArray:
    case Kind::kObject: {
      const bool is_object = n.kind == Kind::kObject;
      // Python's repr would fail with RecursionError long before this.
      if (depth > 1000) {
        out += is_object ? "{...}" : "[...]";
        return;
      }
      out += is_object ? '{' : '[';
      for (uint32_t c = n.first_child; c != kNoNode; c = doc.node(c).next_sibling) {
        if (c != n.first_child) out += ", ";
        if (is_object) {
          append_python_str_repr(doc.key(c), out);
          out += ": ";
        }
        append_python_repr(doc, c, out, depth + 1);
      }
      out += is_object ? '}' : ']';
      return;
    }
  }
}

}  // namespace

void append_python_repr(const json::Document& doc, uint32_t node, std::string& out) {
  append_python_repr(doc, node, out, 0);
}

void append_python_str(const json::Document& doc, uint32_t node, std::string& out) {
  const json::Node& n = doc.node(node);
  if (n.kind == Kind::kString) {
    out += doc.text(n.text);
    return;
  }
  append_python_repr(doc, node, out, 0);
}

}  // namespace tfschema::render
