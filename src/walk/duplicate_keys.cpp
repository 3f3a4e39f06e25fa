#include "walk/duplicate_keys.hpp"

#include <string>

namespace tfschema::walk {

void find_duplicate_keys(const json::Document& doc, std::vector<DuplicateKey>& out) {
  if (doc.root() == json::kNoNode) return;
  // One frame per open container: the next child to visit and its index.
  struct Frame {
    uint32_t next;
    int64_t index;
    bool is_object;
  };
  std::vector<Frame> stack;
  std::vector<LocItem> loc;
  const auto enter = [&](uint32_t node) {
    const json::Node& n = doc.node(node);
    if (n.kind == json::Kind::kArray || n.kind == json::Kind::kObject) {
      stack.push_back(Frame{n.first_child, 0, n.kind == json::Kind::kObject});
      return true;
    }
    return false;
  };
  enter(doc.root());
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == json::kNoNode) {
      stack.pop_back();
      if (!loc.empty()) loc.pop_back();
      continue;
    }
    const uint32_t child = top.next;
    const json::Node& n = doc.node(child);
    top.next = n.next_sibling;
    LocItem item = top.is_object ? LocItem{std::string(doc.key(child)), 0, false} : LocItem{{}, top.index, true};
    ++top.index;
    loc.push_back(std::move(item));
    if (top.is_object && n.duplicated_key) out.push_back(DuplicateKey{loc, child});
    if (!enter(child)) loc.pop_back();
  }
}

}  // namespace tfschema::walk
