// The value tree that Python's json.loads would build, as compact data.
//
// The exact (diagnostic) path validates this tree instead of the simdjson
// stream because every error must echo the input the way Python saw it:
// duplicate keys merged (last value at the first key's position), NaN and
// Infinity as floats, integers of any size, lone surrogates inside strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tfschema::json {

inline constexpr uint32_t kNoNode = UINT32_MAX;

enum class Kind : uint8_t {
  kNull,
  kFalse,
  kTrue,
  kInt,     // fits int64_t: Node::int_value
  kBigInt,  // does not fit int64_t: Node::text holds the decimal digits, '-' first if negative
  kFloat,   // Node::float_value; may be NaN or +-inf (Python reads NaN, Infinity, 1e400)
  kString,  // Node::text holds the unescaped string as WTF-8 (lone surrogates encoded as 3 bytes)
  kArray,   // Node::first_child .. via Node::next_sibling, Node::child_count items
  kObject,  // members like arrays; each member node also carries Node::key
};

struct TextRef {
  uint32_t begin = 0;  // into Document::arena()
  uint32_t size = 0;
};

struct Node {
  Kind kind = Kind::kNull;
  // Set on an object member whose key appeared more than once in the object
  // (Python kept the last value here, at the first key's position).
  bool duplicated_key = false;
  uint32_t offset = 0;  // byte offset of the value's first byte in the parsed text
  uint32_t next_sibling = kNoNode;
  uint32_t first_child = kNoNode;  // arrays and objects
  uint32_t child_count = 0;        // arrays and objects
  TextRef key;                     // object members only: the unescaped key (WTF-8)
  TextRef text;                    // kString, kBigInt
  union {
    int64_t int_value;
    double float_value;
  };
  Node() : int_value(0) {}
};

// A parsed document. Reusable: clear() keeps the capacity, so a warm
// Document parses a body of a size it has seen before without allocating.
class Document {
 public:
  void clear() {
    nodes_.clear();
    arena_.clear();
  }
  uint32_t root() const { return nodes_.empty() ? kNoNode : 0; }
  const Node& node(uint32_t index) const { return nodes_[index]; }
  std::string_view text(TextRef ref) const { return std::string_view(arena_).substr(ref.begin, ref.size); }
  std::string_view string_value(uint32_t index) const { return text(nodes_[index].text); }
  std::string_view key(uint32_t index) const { return text(nodes_[index].key); }
  size_t node_count() const { return nodes_.size(); }

  // Adds a string node for text already in the arena (a value that exists
  // only in Python's view of the body, such as a key of a coerced dict).
  uint32_t add_string_node(TextRef text, uint32_t offset) {
    Node n;
    n.kind = Kind::kString;
    n.text = text;
    n.offset = offset;
    nodes_.push_back(n);
    return static_cast<uint32_t>(nodes_.size() - 1);
  }

  // For the parser.
  std::vector<Node>& mutable_nodes() { return nodes_; }
  std::string& mutable_arena() { return arena_; }

 private:
  std::vector<Node> nodes_;  // nodes_[0] is the root
  std::string arena_;        // unescaped strings, keys, big-integer digits
};

}  // namespace tfschema::json
