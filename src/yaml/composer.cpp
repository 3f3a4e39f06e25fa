#include "yaml/composer.hpp"

#include <yaml.h>

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "yaml/resolver.hpp"

namespace tfschema::yaml {

Tag tag_from_uri(std::string_view uri) {
  constexpr std::string_view kPrefix = "tag:yaml.org,2002:";
  if (uri.substr(0, kPrefix.size()) != kPrefix) return Tag::kOther;
  const std::string_view name = uri.substr(kPrefix.size());
  struct Entry {
    std::string_view name;
    Tag tag;
  };
  static constexpr Entry kTags[] = {
      {"null", Tag::kNull},
      {"bool", Tag::kBool},
      {"int", Tag::kInt},
      {"float", Tag::kFloat},
      {"str", Tag::kStr},
      {"binary", Tag::kBinary},
      {"timestamp", Tag::kTimestamp},
      {"omap", Tag::kOmap},
      {"pairs", Tag::kPairs},
      {"set", Tag::kSet},
      {"seq", Tag::kSeq},
      {"map", Tag::kMap},
      {"merge", Tag::kMerge},
      {"value", Tag::kValue},
      {"yaml", Tag::kYaml},
  };
  for (const Entry& entry : kTags) {
    if (entry.name == name) return entry.tag;
  }
  return Tag::kOther;
}

namespace {

std::string_view view(const yaml_char_t* text) {
  return text == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(text));
}

// A tag given in the source, or none: PyYAML resolves both a missing tag and
// the non-specific "!" from the node.
bool non_specific(const yaml_char_t* tag) { return tag == nullptr || view(tag) == "!"; }

}  // namespace

class Composer::Impl {
 public:
  Impl(std::string_view text, size_t start, uint32_t max_depth)
      : checked_(start), text_(text), start_(start), index_(text, start), max_depth_(max_depth) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data() + start),
                                 text.size() - start);
  }
  ~Impl() { yaml_parser_delete(&parser_); }

  Next next(Graph& graph, Problem& problem) {
    graph.clear();
    anchors_.clear();
    depth_ = 0;
    for (;;) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser_, &event)) {
        problem = parser_problem();
        return Next::kError;
      }
      const Outcome outcome = handle(event, graph, problem);
      yaml_event_delete(&event);
      switch (outcome) {
        case Outcome::kContinue:
          break;
        case Outcome::kDocument:
          return Next::kDocument;
        case Outcome::kEnd:
          return Next::kEnd;
        case Outcome::kError:
          return Next::kError;
      }
    }
  }

 private:
  enum class Outcome { kContinue, kDocument, kEnd, kError };

  uint64_t offset(const yaml_mark_t& mark) const { return index_.byte_offset(mark.index); }

  Problem parser_problem() const {
    Problem problem;
    problem.message = parser_.problem != nullptr ? parser_.problem : "cannot parse the YAML stream";
    if (parser_.context != nullptr) problem.message += std::string(" (") + parser_.context + ")";
    problem.offset =
        parser_.error == YAML_READER_ERROR ? start_ + parser_.problem_offset : offset(parser_.problem_mark);
    return problem;
  }

  uint32_t append_text(Graph& graph, std::string_view s) {
    const uint32_t at = static_cast<uint32_t>(graph.text.size());
    graph.text.append(s);
    return at;
  }

  uint32_t new_node(Graph& graph, NodeKind kind, const yaml_mark_t& mark) {
    Node node;
    node.kind = kind;
    node.offset = offset(mark);
    graph.nodes.push_back(node);
    return static_cast<uint32_t>(graph.nodes.size() - 1);
  }

  void set_tag(Graph& graph, uint32_t id, const yaml_char_t* tag, Tag default_tag) {
    Node& node = graph.nodes[id];
    if (non_specific(tag)) {
      node.tag = default_tag;
      return;
    }
    node.tag = tag_from_uri(view(tag));
    if (node.tag == Tag::kOther) {
      node.tag_text_begin = append_text(graph, view(tag));
      node.tag_text_size = static_cast<uint32_t>(view(tag).size());
    }
  }

  // Registers `anchor` for node `id`; false (with `problem`) when it is
  // already taken in this document.
  bool add_anchor(Graph& graph, const yaml_char_t* anchor, uint32_t id, const yaml_mark_t& mark, Problem& problem) {
    if (anchor == nullptr) return true;
    const auto [it, inserted] = anchors_.emplace(std::string(view(anchor)), id);
    if (inserted) return true;
    problem.message = "found duplicate anchor '" + it->first + "'; first occurrence at byte " +
                      std::to_string(graph.nodes[it->second].offset) + ", second occurrence here";
    problem.offset = offset(mark);
    return false;
  }

  void attach(Graph& graph, uint32_t id) {
    if (depth_ == 0) {
      graph.root = id;
    } else {
      children_[depth_ - 1].push_back(id);
    }
  }

  bool open(Graph& graph, uint32_t id, const yaml_mark_t& mark, Problem& problem) {
    attach(graph, id);
    if (depth_ >= max_depth_) {
      problem.message = "the document nests more than " + std::to_string(max_depth_) +
                        " collections (PyYAML's composer runs out of recursion depth)";
      problem.offset = offset(mark);
      return false;
    }
    if (children_.size() <= depth_) children_.emplace_back();
    children_[depth_].clear();
    open_nodes_.resize(depth_ + 1);
    open_nodes_[depth_] = id;
    ++depth_;
    return true;
  }

  void close(Graph& graph) {
    --depth_;
    Node& node = graph.nodes[open_nodes_[depth_]];
    const std::vector<uint32_t>& children = children_[depth_];
    node.first = static_cast<uint32_t>(graph.items.size());
    node.count = static_cast<uint32_t>(node.kind == NodeKind::kMapping ? children.size() / 2 : children.size());
    graph.items.insert(graph.items.end(), children.begin(), children.end());
  }

  Outcome handle(const yaml_event_t& event, Graph& graph, Problem& problem) {
    switch (event.type) {
      case YAML_STREAM_START_EVENT:
      case YAML_NO_EVENT:
        return Outcome::kContinue;
      case YAML_STREAM_END_EVENT:
        return Outcome::kEnd;
      case YAML_DOCUMENT_START_EVENT:
        graph.offset = offset(event.start_mark);
        return Outcome::kContinue;
      case YAML_DOCUMENT_END_EVENT:
        if (!tabs_allowed_until(offset(event.end_mark), problem)) return Outcome::kError;
        return Outcome::kDocument;
      case YAML_ALIAS_EVENT: {
        const auto it = anchors_.find(std::string(view(event.data.alias.anchor)));
        if (it == anchors_.end()) {
          problem.message = "found undefined alias '" + std::string(view(event.data.alias.anchor)) + "'";
          problem.offset = offset(event.start_mark);
          return Outcome::kError;
        }
        const uint32_t id = new_node(graph, NodeKind::kAlias, event.start_mark);
        graph.nodes[id].first = it->second;
        attach(graph, id);
        return Outcome::kContinue;
      }
      case YAML_SCALAR_EVENT: {
        const auto& scalar = event.data.scalar;
        const uint32_t id = new_node(graph, NodeKind::kScalar, event.start_mark);
        const std::string_view value(reinterpret_cast<const char*>(scalar.value), scalar.length);
        if (scalar.style != YAML_PLAIN_SCALAR_STYLE) protect(event, scalar.style);
        Node& node = graph.nodes[id];
        node.text_begin = append_text(graph, value);
        node.text_size = static_cast<uint32_t>(value.size());
        set_tag(graph, id, scalar.tag, scalar.plain_implicit ? resolve_plain_scalar(value) : Tag::kStr);
        if (!add_anchor(graph, scalar.anchor, id, event.start_mark, problem)) return Outcome::kError;
        attach(graph, id);
        return Outcome::kContinue;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        const bool sequence = event.type == YAML_SEQUENCE_START_EVENT;
        const uint32_t id = new_node(graph, sequence ? NodeKind::kSequence : NodeKind::kMapping, event.start_mark);
        set_tag(graph, id, sequence ? event.data.sequence_start.tag : event.data.mapping_start.tag,
                sequence ? Tag::kSeq : Tag::kMap);
        const yaml_char_t* anchor = sequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor;
        if (!add_anchor(graph, anchor, id, event.start_mark, problem)) return Outcome::kError;
        return open(graph, id, event.start_mark, problem) ? Outcome::kContinue : Outcome::kError;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        close(graph);
        return Outcome::kContinue;
    }
    return Outcome::kContinue;
  }

  // A quoted scalar or a block scalar's text: where PyYAML allows tabs.
  void protect(const yaml_event_t& event, yaml_scalar_style_t style) {
    const bool block = style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE;
    const std::string_view opening = block ? "|>" : "'\"";
    const size_t from = text_.find_first_of(opening, offset(event.start_mark));
    protected_.emplace_back(std::min<uint64_t>(from, text_.size()), offset(event.end_mark));
  }

  // PyYAML's scanner skips only spaces between tokens and ends a plain
  // scalar at a tab, so a tab anywhere but in a quoted scalar, a block
  // scalar or a comment is "found character '\t' that cannot start any
  // token"; libyaml accepts some of them. Checks the text up to `end`.
  bool tabs_allowed_until(uint64_t end, Problem& problem) {
    size_t span = 0;
    bool comment = false;
    for (uint64_t i = checked_; i < end && i < text_.size(); ++i) {
      while (span < protected_.size() && protected_[span].second <= i) ++span;
      if (span < protected_.size() && protected_[span].first <= i) {
        i = protected_[span].second - 1;
        comment = false;
        continue;
      }
      const char c = text_[i];
      if (c == '\n' || c == '\r') {
        comment = false;
      } else if (c == '#' && (i == 0 || text_[i - 1] == ' ' || text_[i - 1] == '\t' || text_[i - 1] == '\n' ||
                              text_[i - 1] == '\r' || (span > 0 && protected_[span - 1].second == i))) {
        comment = true;
      } else if (c == '\t' && !comment) {
        problem.kind = ProblemKind::kSyntax;
        problem.message =
            "found character '\\t' that cannot start any token (PyYAML allows tabs only in quoted "
            "and block scalars and comments)";
        problem.offset = i;
        return false;
      }
    }
    checked_ = std::max<uint64_t>(checked_, end);
    protected_.clear();
    return true;
  }

  std::vector<std::pair<uint64_t, uint64_t>> protected_;  // this document's quoted and block scalars
  uint64_t checked_ = 0;
  std::string_view text_;
  size_t start_;
  CharIndex index_;
  uint32_t max_depth_;
  yaml_parser_t parser_;
  std::unordered_map<std::string, uint32_t> anchors_;
  std::vector<std::vector<uint32_t>> children_;  // per open collection
  std::vector<uint32_t> open_nodes_;
  uint32_t depth_ = 0;
};

Composer::Composer(std::string_view text, size_t start, uint32_t max_depth)
    : impl_(std::make_unique<Impl>(text, start, max_depth)) {}
Composer::~Composer() = default;

Composer::Next Composer::next(Graph& graph, Problem& problem) { return impl_->next(graph, problem); }

}  // namespace tfschema::yaml
