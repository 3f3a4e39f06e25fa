#include "yaml/json_dump.hpp"

#include "text/py_json_writer.hpp"
#include "text/utf8.hpp"

namespace tfschema::yaml {

void append_json_ascii_string(std::string_view utf8, std::string& out) {
  out += '"';
  for (size_t i = 0; i < utf8.size();) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c >= 0x20 && c <= 0x7E && c != '"' && c != '\\') {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const uint32_t cp = text::next_code_point(utf8, i);
    if (cp < 0x80) {
      text::append_ascii_escape(static_cast<unsigned char>(cp), out);  // a control, '"', '\\' or DEL
    } else if (cp >= 0x10000) {
      const uint32_t v = cp - 0x10000;
      text::append_u_escape(0xD800 | (v >> 10), out);
      text::append_u_escape(0xDC00 | (v & 0x3FF), out);
    } else {
      text::append_u_escape(cp, out);
    }
  }
  out += '"';
}

namespace {

std::string_view python_type_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::kTimestamp:
      return "date";
    case ValueKind::kBinary:
      return "bytes";
    case ValueKind::kSet:
      return "set";
    case ValueKind::kList:
    case ValueKind::kPairList:
      return "list";
    case ValueKind::kDict:
      return "dict";
    default:
      return "object";
  }
}

class Dumper {
 public:
  Dumper(const Graph& graph, const Constructed& values, uint64_t max_bytes, Dumped& out)
      : g_(graph), v_(values), max_bytes_(max_bytes), out_(out), on_stack_(graph.nodes.size(), false) {}

  void run() {
    out_.json.clear();
    out_.offsets.clear();
    out_.problem.reset();
    out_.offsets.push_back({0, g_.offset});
    out_.json += "{\"manifest\": ";
    depth_ = 1;
    if (!write_value(g_.root)) return;
    while (!stack_.empty()) {
      if (!step()) return;
    }
    out_.json += '}';
  }

 private:
  enum class FrameKind : uint8_t { kList, kDict, kPairList, kTuple };
  struct Frame {
    FrameKind kind;
    uint32_t id;
    uint32_t next;
    uint32_t count;
    Pair pair;  // kTuple
  };

  bool fail(ProblemKind kind, std::string message, uint32_t item) {
    out_.problem = Problem{kind, std::move(message), g_.nodes[item].offset};
    return false;
  }
  bool within_budget(uint32_t item) {
    if (out_.json.size() <= max_bytes_) return true;
    return fail(ProblemKind::kLimit,
                "the document expands to more than " + std::to_string(max_bytes_) +
                    " bytes of JSON (aliases repeat what they name: an alias bomb?)",
                item);
  }
  void record(uint32_t item) { out_.offsets.push_back({out_.json.size(), g_.nodes[item].offset}); }

  // Py_EnterRecursiveCall, then the container's bracket (or its empty form).
  bool open(FrameKind kind, uint32_t id, uint32_t count, uint32_t item, Pair pair = {}) {
    if (depth_ + 1 > kJsonDumpsMaxDepth)
      return fail(ProblemKind::kNotJson, "maximum recursion depth exceeded while encoding a JSON object", item);
    const bool list_like = kind != FrameKind::kDict;
    if (count == 0) {
      out_.json += list_like ? "[]" : "{}";
      return within_budget(item);
    }
    if (kind != FrameKind::kTuple) {
      if (on_stack_[id]) return fail(ProblemKind::kNotJson, "Circular reference detected", item);
      on_stack_[id] = true;
    }
    ++depth_;
    out_.json += list_like ? '[' : '{';
    stack_.push_back(Frame{kind, id, 0, count, pair});
    return within_budget(item);
  }

  bool write_value(uint32_t item) {
    const uint32_t id = g_.target(item);
    const Value& value = v_.values[id];
    record(item);
    switch (value.kind) {
      case ValueKind::kNull:
        out_.json += "null";
        break;
      case ValueKind::kBool:
        out_.json += value.boolean ? "true" : "false";
        break;
      case ValueKind::kInt:
        if (value.int_too_long) return int_too_long(item);
        out_.json += v_.ints[value.index];
        break;
      case ValueKind::kFloat:
        text::append_python_json_float(value.number, out_.json);
        break;
      case ValueKind::kStr:
        append_json_ascii_string(g_.scalar(g_.nodes[value.text_node]), out_.json);
        break;
      case ValueKind::kList:
        return open(FrameKind::kList, id, g_.nodes[id].count, item);
      case ValueKind::kDict:
        return open(FrameKind::kDict, id, value.count, item);
      case ValueKind::kPairList:
        return open(FrameKind::kPairList, id, value.count, item);
      case ValueKind::kTimestamp:
      case ValueKind::kBinary:
      case ValueKind::kSet:
      case ValueKind::kPending:
        return fail(ProblemKind::kNotJson,
                    "Object of type " + std::string(python_type_name(value.kind)) + " is not JSON serializable", item);
    }
    return within_budget(item);
  }

  bool int_too_long(uint32_t item) {
    return fail(ProblemKind::kNotJson,
                "Exceeds the limit (4300 digits) for integer string conversion (an int too large for json.dumps)",
                item);
  }

  // A dict key as the C encoder converts it before quoting it.
  bool write_key(uint32_t item) {
    const uint32_t id = g_.target(item);
    const Value& value = v_.values[id];
    record(item);
    std::string key;
    switch (value.kind) {
      case ValueKind::kStr:
        append_json_ascii_string(g_.scalar(g_.nodes[value.text_node]), out_.json);
        return true;
      case ValueKind::kFloat:
        text::append_python_json_float(value.number, key);
        break;
      case ValueKind::kBool:
        key = value.boolean ? "true" : "false";
        break;
      case ValueKind::kNull:
        key = "null";
        break;
      case ValueKind::kInt:
        if (value.int_too_long) return int_too_long(item);
        key = v_.ints[value.index];
        break;
      default:
        return fail(ProblemKind::kNotJson,
                    "keys must be str, int, float, bool or None, not " + std::string(python_type_name(value.kind)),
                    item);
    }
    out_.json += '"';
    out_.json += key;
    out_.json += '"';
    return true;
  }

  bool step() {
    Frame& top = stack_.back();
    if (top.next == top.count) {
      out_.json += top.kind == FrameKind::kDict ? '}' : ']';
      if (top.kind != FrameKind::kTuple) on_stack_[top.id] = false;
      stack_.pop_back();
      --depth_;
      return true;
    }
    if (top.next != 0) out_.json += ", ";
    const uint32_t n = top.next++;
    const Frame frame = top;  // the stack may grow below
    switch (frame.kind) {
      case FrameKind::kList:
        return write_value(g_.items[g_.nodes[frame.id].first + n]);
      case FrameKind::kDict: {
        const Pair& pair = v_.pairs[v_.values[frame.id].index + n];
        if (!write_key(pair.key)) return false;
        out_.json += ": ";
        return write_value(pair.value);
      }
      case FrameKind::kPairList: {
        const Pair pair = v_.pairs[v_.values[frame.id].index + n];
        return open(FrameKind::kTuple, frame.id, 2, pair.key, pair);
      }
      case FrameKind::kTuple:
        return write_value(n == 0 ? frame.pair.key : frame.pair.value);
    }
    return true;
  }

  const Graph& g_;
  const Constructed& v_;
  uint64_t max_bytes_;
  Dumped& out_;
  std::vector<bool> on_stack_;
  std::vector<Frame> stack_;
  uint32_t depth_ = 0;
};

}  // namespace

void dump_body(const Graph& graph, const Constructed& values, uint64_t max_bytes, Dumped& out) {
  Dumper(graph, values, max_bytes, out).run();
}

}  // namespace tfschema::yaml
