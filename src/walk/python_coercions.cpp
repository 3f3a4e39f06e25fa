#include "walk/python_coercions.hpp"

namespace tfschema::walk {
namespace {

using json::Kind;

// A node for the code point of `string` starting at byte `at`.
uint32_t character_node(json::Document& doc, uint32_t string, uint32_t at, uint32_t size) {
  const json::Node& n = doc.node(string);
  return doc.add_string_node(json::TextRef{n.text.begin + at, size}, n.offset);
}

uint32_t utf8_length(unsigned char lead) { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

// The pair dict() takes from one item, or false.
bool item_pair(json::Document& doc, uint32_t item, Pair& pair) {
  const json::Node n = doc.node(item);
  switch (n.kind) {
    case Kind::kArray:
      if (n.child_count != 2) return false;
      pair = Pair{n.first_child, doc.node(n.first_child).next_sibling};
      break;
    case Kind::kObject: {
      if (n.child_count != 2) return false;
      const uint32_t first = n.first_child;
      const uint32_t second = doc.node(first).next_sibling;
      pair.key = doc.add_string_node(doc.node(first).key, doc.node(first).offset);
      pair.value = doc.add_string_node(doc.node(second).key, doc.node(second).offset);
      break;
    }
    case Kind::kString: {
      const std::string_view s = doc.text(n.text);
      if (s.empty()) return false;
      const uint32_t first_size = utf8_length(static_cast<unsigned char>(s[0]));
      if (first_size >= s.size()) return false;
      const uint32_t second_size = utf8_length(static_cast<unsigned char>(s[first_size]));
      if (first_size + second_size != s.size()) return false;
      pair.key = character_node(doc, item, 0, first_size);
      pair.value = character_node(doc, item, first_size, second_size);
      break;
    }
    default:
      return false;
  }
  const Kind key = doc.node(pair.key).kind;
  return key != Kind::kArray && key != Kind::kObject;  // unhashable
}

}  // namespace

bool coerce_to_pairs(json::Document& doc, uint32_t node, std::vector<Pair>& out) {
  const json::Node n = doc.node(node);
  if (n.kind == Kind::kString) return n.text.size == 0;
  if (n.kind != Kind::kArray) return false;
  for (uint32_t item = n.first_child; item != json::kNoNode; item = doc.node(item).next_sibling) {
    Pair pair{};
    if (!item_pair(doc, item, pair)) return false;
    out.push_back(pair);
  }
  return true;
}

}  // namespace tfschema::walk
