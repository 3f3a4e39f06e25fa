#include "render/python_echo.hpp"

#include <string_view>
#include <vector>

#include "text/py_json_writer.hpp"

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

}  // namespace tfschema::render
