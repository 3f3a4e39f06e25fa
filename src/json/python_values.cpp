#include "json/python_values.hpp"

#include <algorithm>
#include <span>

#include "text/py_float.hpp"
#include "text/py_json_writer.hpp"
#include "text/utf8.hpp"

namespace tfschema::json {

namespace {

// The generated tables, one per server Python (tools/python_unicode_tables.py).
namespace py311 {
#include "json/python311_nonprintable.inc"
}  // namespace py311
namespace py313 {
#include "json/python313_nonprintable.inc"
}  // namespace py313

using Range = uint32_t[2];  // inclusive

std::span<const Range> non_printable_ranges(PythonVersion python) {
  switch (python) {
    case PythonVersion::k3_11:
      return py311::kNonPrintableRanges;
    case PythonVersion::k3_13:
      break;
  }
  return py313::kNonPrintableRanges;
}

constexpr char kHex[] = "0123456789abcdef";

void append_hex(uint32_t value, int digits, std::string& out) {
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xF];
}

void append_python_repr(const Document& doc, uint32_t node, PythonVersion python, std::string& out, uint32_t depth) {
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
      append_python_str_repr(doc.text(n.text), python, out);
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
          append_python_str_repr(doc.key(c), python, out);
          out += ": ";
        }
        append_python_repr(doc, c, python, out, depth + 1);
      }
      out += is_object ? '}' : ']';
      return;
    }
  }
}

}  // namespace

bool python_is_printable(uint32_t code_point, PythonVersion python) {
  // ASCII first: everything from the space to the tilde prints.
  if (code_point < 0x7F) return code_point >= 0x20;
  const std::span<const Range> ranges = non_printable_ranges(python);
  // The first range whose end is at or after the code point.
  const auto it = std::lower_bound(ranges.begin(), ranges.end(), code_point,
                                   [](const Range& range, uint32_t cp) { return range[1] < cp; });
  return it == ranges.end() || code_point < (*it)[0];
}

// CPython's unicode_repr: single quotes unless the text has a single quote and
// no double quote; the chosen quote and the backslash escaped; \t \n \r; other
// ASCII controls as \xNN; a non-printable character as \xNN, \uNNNN or
// \UNNNNNNNN by its size; every other character as it is.
void append_python_str_repr(std::string_view text, PythonVersion python, std::string& out) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  out += quote;
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    const uint32_t cp = text::next_code_point(text, i);
    if (cp == static_cast<uint32_t>(quote) || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (python_is_printable(cp, python)) {
      out.append(text.substr(start, i - start));
    } else if (cp <= 0xFF) {
      out += "\\x";
      append_hex(cp, 2, out);
    } else if (cp <= 0xFFFF) {
      out += "\\u";
      append_hex(cp, 4, out);
    } else {
      out += "\\U";
      append_hex(cp, 8, out);
    }
  }
  out += quote;
}

void append_python_repr(const Document& doc, uint32_t node, PythonVersion python, std::string& out) {
  append_python_repr(doc, node, python, out, 0);
}

void append_python_str(const Document& doc, uint32_t node, PythonVersion python, std::string& out) {
  const json::Node& n = doc.node(node);
  if (n.kind == Kind::kString) {
    out += doc.text(n.text);
    return;
  }
  append_python_repr(doc, node, python, out, 0);
}

void append_python_scalar_str(const Document& doc, uint32_t node, std::string& out) {
  // No str reaches here, so the Python's Unicode tables never matter.
  append_python_repr(doc, node, PythonVersion::k3_13, out, 0);
}

}  // namespace tfschema::json
