// One composed YAML document: PyYAML's node graph (ScalarNode, SequenceNode,
// MappingNode) with aliases kept as nodes of their own, so that a value
// reached through `*name` is reported where the alias stands.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tfschema::yaml {

enum class NodeKind : uint8_t { kScalar, kSequence, kMapping, kAlias };

// The tags SafeConstructor knows (tag:yaml.org,2002:*), and kOther for any
// other tag (no constructor: "could not determine a constructor").
enum class Tag : uint8_t {
  kNull,
  kBool,
  kInt,
  kFloat,
  kStr,
  kBinary,
  kTimestamp,
  kOmap,
  kPairs,
  kSet,
  kSeq,
  kMap,
  kMerge,  // `<<`: only meaningful as a mapping key
  kValue,  // `=`: a str when it is a mapping key, an error elsewhere
  kYaml,   // `!`, `&`, `*` (PyYAML's documentation-only resolver)
  kOther,
};

Tag tag_from_uri(std::string_view uri);

struct Node {
  NodeKind kind = NodeKind::kScalar;
  Tag tag = Tag::kStr;
  uint64_t offset = 0;  // byte offset of the node's first character (its anchor or tag, if any)
  // kScalar: the value, in Graph::text. kOther: the tag's text, in Graph::text.
  uint32_t text_begin = 0;
  uint32_t text_size = 0;
  uint32_t tag_text_begin = 0;
  uint32_t tag_text_size = 0;
  // kSequence: `count` node ids; kMapping: `count` (key, value) pairs, i.e.
  // 2 * count ids; both starting at Graph::items[first]. kAlias: `first` is
  // the node the alias names.
  uint32_t first = 0;
  uint32_t count = 0;
};

struct Graph {
  std::vector<Node> nodes;
  std::vector<uint32_t> items;
  std::string text;
  uint32_t root = 0;
  uint64_t offset = 0;  // where the document starts (its `---`, or its first node)

  std::string_view scalar(const Node& node) const {
    return std::string_view(text).substr(node.text_begin, node.text_size);
  }
  std::string_view tag_text(const Node& node) const {
    return std::string_view(text).substr(node.tag_text_begin, node.tag_text_size);
  }
  // The node an item stands for (an alias names its anchor's node).
  uint32_t target(uint32_t id) const { return nodes[id].kind == NodeKind::kAlias ? nodes[id].first : id; }
  void clear() {
    nodes.clear();
    items.clear();
    text.clear();
    root = 0;
    offset = 0;
  }
};

}  // namespace tfschema::yaml
