#include "yaml/constructor.hpp"

#include <cmath>
#include <string_view>
#include <unordered_map>

#include "text/py_float.hpp"
#include "yaml/python_scalars.hpp"
#include "yaml/resolver.hpp"

namespace tfschema::yaml {
namespace {

std::string_view node_id_name(NodeKind kind) {
  switch (kind) {
    case NodeKind::kScalar:
      return "scalar";
    case NodeKind::kSequence:
      return "sequence";
    case NodeKind::kMapping:
      return "mapping";
    case NodeKind::kAlias:
      return "alias";
  }
  return "node";
}

std::string_view tag_name(Tag tag) {
  switch (tag) {
    case Tag::kNull:
      return "null";
    case Tag::kBool:
      return "bool";
    case Tag::kInt:
      return "int";
    case Tag::kFloat:
      return "float";
    case Tag::kStr:
      return "str";
    case Tag::kBinary:
      return "binary";
    case Tag::kTimestamp:
      return "timestamp";
    case Tag::kOmap:
      return "omap";
    case Tag::kPairs:
      return "pairs";
    case Tag::kSet:
      return "set";
    case Tag::kSeq:
      return "seq";
    case Tag::kMap:
      return "map";
    case Tag::kMerge:
      return "merge";
    case Tag::kValue:
      return "value";
    case Tag::kYaml:
      return "yaml";
    case Tag::kOther:
      return "";
  }
  return "";
}

bool is_collection(ValueKind kind) {
  return kind == ValueKind::kList || kind == ValueKind::kDict || kind == ValueKind::kSet ||
         kind == ValueKind::kPairList;
}

class Constructor {
 public:
  Constructor(Graph& graph, uint64_t work_budget, Constructed& out) : g_(graph), budget_(work_budget), out_(out) {}

  void run() {
    out_.values.assign(g_.nodes.size(), Value{});
    out_.pairs.clear();
    out_.ints.clear();
    out_.problem.reset();
    flat_.assign(g_.nodes.size(), {});
    flat_state_.assign(g_.nodes.size(), FlatState::kNone);
    // Collections are filled round by round, as construct_document runs the
    // generators the previous round queued.
    if (!construct_object(g_.root)) return;
    std::vector<uint32_t> current;
    while (!queued_.empty()) {
      current.swap(queued_);
      queued_.clear();
      for (uint32_t id : current) {
        if (!fill_collection(id)) return;
      }
    }
  }

 private:
  enum class FlatState : uint8_t { kNone, kInProgress, kDone };

  bool fail(ProblemKind kind, std::string message, uint64_t offset) {
    out_.problem = Problem{kind, std::move(message), offset};
    return false;
  }
  bool fail(std::string message, uint64_t offset) { return fail(ProblemKind::kConstruct, std::move(message), offset); }

  // construct_scalar: the node's text, or for a mapping holding a `=` key,
  // the scalar of that key's value.
  bool scalar_text(uint32_t id, uint32_t& text_node) {
    for (size_t steps = 0; steps <= g_.nodes.size(); ++steps) {
      const Node& node = g_.nodes[id];
      if (node.kind == NodeKind::kScalar) {
        text_node = id;
        return true;
      }
      bool found = false;
      if (node.kind == NodeKind::kMapping) {
        for (uint32_t p = 0; p < node.count && !found; ++p) {
          if (g_.nodes[g_.target(g_.items[node.first + 2 * p])].tag == Tag::kValue) {
            id = g_.target(g_.items[node.first + 2 * p + 1]);
            found = true;
          }
        }
      }
      if (!found) return fail("expected a scalar node, but found " + std::string(node_id_name(node.kind)), node.offset);
    }
    return fail("maximum recursion depth exceeded (a `=` key leads back to its own mapping)", g_.nodes[id].offset);
  }

  bool construct_object(uint32_t item) {
    const uint32_t id = g_.target(item);
    Value& value = out_.values[id];
    if (value.kind != ValueKind::kPending) return true;
    const Node& node = g_.nodes[id];
    const auto queue = [&](ValueKind kind) {
      value.kind = kind;
      queued_.push_back(id);
      return true;
    };
    uint32_t text_node = 0;
    switch (node.tag) {
      case Tag::kSeq:
        return queue(ValueKind::kList);
      case Tag::kMap:
        return queue(ValueKind::kDict);
      case Tag::kSet:
        return queue(ValueKind::kSet);
      case Tag::kOmap:
      case Tag::kPairs:
        return queue(ValueKind::kPairList);
      case Tag::kMerge:
      case Tag::kValue:
      case Tag::kYaml:
      case Tag::kOther: {
        const std::string tag = node.tag == Tag::kOther ? std::string(g_.tag_text(node))
                                                        : "tag:yaml.org,2002:" + std::string(tag_name(node.tag));
        return fail("could not determine a constructor for the tag '" + tag + "'", node.offset);
      }
      case Tag::kNull:
      case Tag::kBool:
      case Tag::kInt:
      case Tag::kFloat:
      case Tag::kStr:
      case Tag::kBinary:
      case Tag::kTimestamp:
        break;
    }
    if (!scalar_text(id, text_node)) return false;
    const std::string_view text = g_.scalar(g_.nodes[text_node]);
    std::string why;
    Value built;
    switch (node.tag) {
      case Tag::kNull:
        built.kind = ValueKind::kNull;
        break;
      case Tag::kBool:
        if (!construct_bool(text, built.boolean))
          return fail("KeyError: '" + std::string(text) + "' is not a YAML 1.1 bool", node.offset);
        built.kind = ValueKind::kBool;
        break;
      case Tag::kInt: {
        PyInt parsed;
        if (!construct_int(text, parsed, why))
          return fail("cannot read '" + std::string(text) + "' as an int: " + why, node.offset);
        built.kind = ValueKind::kInt;
        built.int_too_long = parsed.too_long;
        built.index = static_cast<uint32_t>(out_.ints.size());
        out_.ints.push_back(std::move(parsed.decimal));
        break;
      }
      case Tag::kFloat:
        if (!construct_float(text, built.number, built.boolean, why))
          return fail("cannot read '" + std::string(text) + "' as a float: " + why, node.offset);
        built.kind = ValueKind::kFloat;
        break;
      case Tag::kStr:
        built.kind = ValueKind::kStr;
        built.text_node = text_node;
        break;
      case Tag::kBinary:
        if (!base64_decodes(text, why)) return fail(why, node.offset);
        built.kind = ValueKind::kBinary;
        break;
      case Tag::kTimestamp:
        // construct_yaml_timestamp matches node.value, which is not a str
        // for a mapping.
        if (node.kind != NodeKind::kScalar) return fail("a timestamp must be a scalar", node.offset);
        switch (read_timestamp(text)) {
          case TimestampReading::kNoMatch:
            return fail("'" + std::string(text) + "' is not a timestamp", node.offset);
          case TimestampReading::kInvalidValue:
            return fail("'" + std::string(text) + "' is not a valid date or time", node.offset);
          case TimestampReading::kDate:
            break;
        }
        built.kind = ValueKind::kTimestamp;
        break;
      default:
        break;
    }
    out_.values[id] = built;
    return true;
  }

  bool fill_collection(uint32_t id) {
    const Node& node = g_.nodes[id];
    Value& value = out_.values[id];
    switch (value.kind) {
      case ValueKind::kList:
        if (node.kind != NodeKind::kSequence)
          return fail("expected a sequence node, but found " + std::string(node_id_name(node.kind)), node.offset);
        for (uint32_t i = 0; i < node.count; ++i) {
          if (!construct_object(g_.items[node.first + i])) return false;
        }
        return true;
      case ValueKind::kDict:
      case ValueKind::kSet: {
        if (node.kind != NodeKind::kMapping)
          return fail("expected a mapping node, but found " + std::string(node_id_name(node.kind)), node.offset);
        if (!flatten(id)) return false;
        out_.values[id].index = static_cast<uint32_t>(out_.pairs.size());
        out_.values[id].count = static_cast<uint32_t>(flat_[id].size());
        out_.pairs.insert(out_.pairs.end(), flat_[id].begin(), flat_[id].end());
        return true;
      }
      case ValueKind::kPairList: {
        if (node.kind != NodeKind::kSequence)
          return fail("expected a sequence, but found " + std::string(node_id_name(node.kind)), node.offset);
        std::vector<Pair> pairs;
        for (uint32_t i = 0; i < node.count; ++i) {
          const uint32_t item = g_.items[node.first + i];
          const Node& sub = g_.nodes[g_.target(item)];
          if (sub.kind != NodeKind::kMapping)
            return fail("expected a mapping of length 1, but found " + std::string(node_id_name(sub.kind)), sub.offset);
          if (sub.count != 1)
            return fail("expected a single mapping item, but found " + std::to_string(sub.count) + " items",
                        sub.offset);
          const Pair pair{g_.items[sub.first], g_.items[sub.first + 1]};
          if (!construct_object(pair.key) || !construct_object(pair.value)) return false;
          pairs.push_back(pair);
        }
        out_.values[id].index = static_cast<uint32_t>(out_.pairs.size());
        out_.values[id].count = static_cast<uint32_t>(pairs.size());
        out_.pairs.insert(out_.pairs.end(), pairs.begin(), pairs.end());
        return true;
      }
      default:
        return true;
    }
  }

  bool charge(size_t pairs, uint64_t offset) {
    if (pairs <= budget_) {
      budget_ -= pairs;
      return true;
    }
    return fail(ProblemKind::kLimit, "merge keys copy more pairs than the expansion limit allows (alias bomb?)",
                offset);
  }

  // SafeConstructor.flatten_mapping, then the dict the pairs make. Merged
  // lists are kept as dicts (first key, last value): a dict built from a
  // merged dict plus more pairs equals one built from the whole list.
  bool flatten(uint32_t id) {
    if (flat_state_[id] != FlatState::kNone) return true;  // done, or merging itself
    flat_state_[id] = FlatState::kInProgress;
    const Node node = g_.nodes[id];
    std::vector<Pair> merged;
    std::vector<Pair> own;
    for (uint32_t p = 0; p < node.count; ++p) {
      const Pair pair{g_.items[node.first + 2 * p], g_.items[node.first + 2 * p + 1]};
      Node& key = g_.nodes[g_.target(pair.key)];
      if (key.tag == Tag::kValue) key.tag = Tag::kStr;
      if (key.tag != Tag::kMerge) {
        own.push_back(pair);
        continue;
      }
      const uint32_t source = g_.target(pair.value);
      const Node& source_node = g_.nodes[source];
      if (source_node.kind == NodeKind::kMapping) {
        if (!flatten(source) || !charge(flat_[source].size(), source_node.offset)) return false;
        merged.insert(merged.end(), flat_[source].begin(), flat_[source].end());
      } else if (source_node.kind == NodeKind::kSequence) {
        std::vector<uint32_t> sources;
        for (uint32_t i = 0; i < source_node.count; ++i) {
          const uint32_t sub = g_.target(g_.items[source_node.first + i]);
          if (g_.nodes[sub].kind != NodeKind::kMapping)
            return fail("expected a mapping for merging, but found " + std::string(node_id_name(g_.nodes[sub].kind)),
                        g_.nodes[sub].offset);
          if (!flatten(sub)) return false;
          sources.push_back(sub);
        }
        for (size_t i = sources.size(); i-- > 0;) {
          if (!charge(flat_[sources[i]].size(), source_node.offset)) return false;
          merged.insert(merged.end(), flat_[sources[i]].begin(), flat_[sources[i]].end());
        }
      } else {
        return fail("expected a mapping or list of mappings for merging, but found " +
                        std::string(node_id_name(source_node.kind)),
                    g_.nodes[g_.target(pair.value)].offset);
      }
    }
    merged.insert(merged.end(), own.begin(), own.end());
    std::vector<Pair> dict;
    if (!build_dict(merged, dict)) return false;
    flat_[id] = std::move(dict);
    flat_state_[id] = FlatState::kDone;
    return true;
  }

  // The dict `pairs` make: each key constructed and checked hashable, each
  // value constructed, equal keys merged. Small dicts (manifests) compare
  // keys in place; larger ones hash them.
  bool build_dict(const std::vector<Pair>& pairs, std::vector<Pair>& dict) {
    constexpr size_t kLinearScan = 32;
    std::vector<std::string> identities;            // of dict[i].key
    std::unordered_map<std::string, size_t> index;  // copies: `identities` moves its strings as it grows
    for (const Pair& pair : pairs) {
      if (!construct_object(pair.key)) return false;
      const uint32_t key = g_.target(pair.key);
      if (is_collection(out_.values[key].kind)) return fail("found unhashable key", g_.nodes[pair.key].offset);
      if (!construct_object(pair.value)) return false;
      std::string id = identity(key);
      size_t found = dict.size();
      if (dict.size() <= kLinearScan) {
        for (size_t i = 0; i < identities.size(); ++i) {
          if (identities[i] == id) {
            found = i;
            break;
          }
        }
      } else {
        if (index.empty()) {
          for (size_t i = 0; i < identities.size(); ++i) index.emplace(identities[i], i);
        }
        const auto it = index.find(id);
        if (it != index.end()) found = it->second;
      }
      if (found != dict.size()) {
        dict[found].value = pair.value;
        continue;
      }
      identities.push_back(std::move(id));
      dict.push_back(pair);
      if (!index.empty()) index.emplace(identities.back(), dict.size() - 1);
    }
    return true;
  }

  // A string equal for keys Python's dict finds equal.
  std::string identity(uint32_t id) const {
    const Value& v = out_.values[id];
    std::string out;
    switch (v.kind) {
      case ValueKind::kNull:
        return "n";
      case ValueKind::kBool:
        return v.boolean ? "i1" : "i0";
      case ValueKind::kInt:
        if (v.int_too_long) return "I" + std::to_string(id);
        out = "i";
        out += out_.ints[v.index];
        return out;
      case ValueKind::kFloat: {
        // NaN equals no float, but a dict finds the same object again.
        if (std::isnan(v.number)) return v.boolean ? "N" : "N" + std::to_string(id);
        if (std::isfinite(v.number) && std::trunc(v.number) == v.number) return "i" + whole_double_decimal(v.number);
        out = "f";
        text::append_python_float_repr(v.number, out);
        return out;
      }
      case ValueKind::kStr: {
        const std::string_view text = g_.scalar(g_.nodes[v.text_node]);
        out.reserve(text.size() + 1);
        out = "s";
        out += text;
        return out;
      }
      default:
        // dates and bytes: json.dumps refuses them as keys anyway.
        return "o" + std::to_string(id);
    }
  }

  Graph& g_;
  uint64_t budget_;
  Constructed& out_;
  std::vector<uint32_t> queued_;
  std::vector<std::vector<Pair>> flat_;
  std::vector<FlatState> flat_state_;
};

}  // namespace

void construct_document(Graph& graph, uint64_t work_budget, Constructed& out) {
  Constructor(graph, work_budget, out).run();
}

}  // namespace tfschema::yaml
