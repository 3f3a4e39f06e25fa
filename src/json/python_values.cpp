#include "json/python_values.hpp"

#include "text/py_float.hpp"
#include "text/py_json_writer.hpp"
#include "text/utf8.hpp"

namespace tfschema::json {

namespace {

// Python's repr() of a str: single quotes unless the text has a single quote
// and no double quote; backslash escapes for the quote, backslash, \t \n \r,
// other control characters and lone surrogates; other characters as they are.
// (Python also escapes the other non-printable non-ASCII characters, such as
// U+200B; those are escaped here only for the C1 controls, the space
// separators (Zs but U+0020), the line and paragraph separators and the BOM.)
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
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD) {
      out += "\\x";
      out += kHex[cp >> 4];
      out += kHex[cp & 0xF];
    } else if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0x1680 ||
               (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  out += quote;
}

void append_python_repr(const Document& doc, uint32_t node, std::string& out, uint32_t depth) {
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

void append_python_repr(const Document& doc, uint32_t node, std::string& out) { append_python_repr(doc, node, out, 0); }

void append_python_str(const Document& doc, uint32_t node, std::string& out) {
  const json::Node& n = doc.node(node);
  if (n.kind == Kind::kString) {
    out += doc.text(n.text);
    return;
  }
  append_python_repr(doc, node, out, 0);
}

void append_python_scalar_str(const Document& doc, uint32_t node, std::string& out) {
  append_python_repr(doc, node, out);
}

}  // namespace tfschema::json
