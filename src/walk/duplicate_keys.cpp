#include "walk/duplicate_keys.hpp"

#include <vector>

namespace tfschema::walk {

void find_duplicate_keys(const json::Document& doc,
                         const std::function<void(std::span<const Step> loc, uint32_t member)>& found) {
  if (doc.root() == json::kNoNode) return;
  // One frame per open container: the next child to visit and its index.
  struct Frame {
    uint32_t next;
    uint32_t index;
    bool is_object;
  };
  std::vector<Frame> stack;
  std::vector<Step> loc;
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
    loc.push_back(top.is_object ? Step{StepKind::kMemberKey, child} : Step{StepKind::kIndex, top.index});
    ++top.index;
    if (top.is_object && n.duplicated_key) found(loc, child);
    if (!enter(child)) loc.pop_back();
  }
}

}  // namespace tfschema::walk
