// Walks the Python-faithful tree (json/document.hpp) for the shared rules.
// With kCollectAll every error is recorded (walk/error_list.hpp) and the walk
// goes on (the diagnostic path); without it the first error stops the walk
// (the exact yes/no answer when the stream walker could not decide). The
// tree walker visits a model's fields in declaration order, which is the
// order the server reports errors in.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "json/document.hpp"
#include "json/python_values.hpp"
#include "rules/policy.hpp"
#include "rules/request_rules.hpp"
#include "walk/error_list.hpp"
#include "walk/python_coercions.hpp"

namespace tfschema::walk {

template <bool kCollectAll>
class TreeWalker {
 public:
  using Value = uint32_t;
  using Array = uint32_t;
  using Path = rules::Path;
  // Python's str can hold them, and so does the tree.
  static constexpr bool kStringsMayHoldLoneSurrogates = true;
  static constexpr bool kVerdictOnly = false;
  // visit_model keeps one slot per field.
  static constexpr size_t kMaxModelFields = rules::kMaxModelFields;
  // A JSON object, or the dict v1 made of a list of pairs (or of "").
  struct Object {
    uint32_t node = json::kNoNode;
    bool coerced = false;
    uint32_t pairs_begin = 0;  // into pairs_ when coerced
    uint32_t pairs_end = 0;
  };

  // Records errors into `errors` (kCollectAll), at most `max_errors` of
  // them (0: no cap). `doc` is not changed, only extended: v1's dict()
  // coercion may add nodes.
  TreeWalker(json::Document& doc, const rules::Policy& policy, ErrorList* errors = nullptr, size_t max_errors = 0)
      : doc_(doc), policy_(policy), errors_(errors), max_errors_(max_errors) {}

  bool failed() const { return failed_; }
  // More errors were found than max_errors allowed.
  bool truncated() const { return truncated_; }
  const rules::Policy& policy() const { return policy_; }

  json::Kind kind(Value v) const { return doc_.node(v).kind; }
  std::string_view string(Value v) const { return doc_.string_value(v); }
  int64_t int_value(Value v) const { return doc_.node(v).int_value; }
  bool big_negative(Value v) const {
    std::string_view digits = doc_.string_value(v);
    return !digits.empty() && digits[0] == '-';
  }
  double float_value(Value v) const { return doc_.node(v).float_value; }
  std::string_view python_str(Value v) {
    scratch_.clear();
    json::append_python_scalar_str(doc_, v, scratch_);
    return scratch_;
  }

  rules::ModelOpen open_model(Value v, Object& out) {
    if (open_object(v, out)) return rules::ModelOpen::kOk;
    if (!coerce(v, out)) return rules::ModelOpen::kNotADict;
    // The model is then built with cls(**d), which wants str keys.
    for (uint32_t i = out.pairs_begin; i < out.pairs_end; ++i) {
      if (kind(pairs_[i].key) != json::Kind::kString) return rules::ModelOpen::kNonStringKeys;
    }
    return rules::ModelOpen::kOk;
  }
  rules::DictOpen open_dict(Value v) {
    Object object;
    if (open_object(v, object)) return rules::DictOpen::kOk;
    if (!coerce(v, object)) return rules::DictOpen::kNotADict;
    // Dict[str, Any] validates keys as str: v1 makes str of numbers and
    // bools, but not of None.
    for (uint32_t i = object.pairs_begin; i < object.pairs_end; ++i) {
      if (kind(pairs_[i].key) == json::Kind::kNull) return rules::DictOpen::kNoneKey;
    }
    return rules::DictOpen::kOk;
  }
  bool as_array(Value v, Array& out) const {
    if (kind(v) != json::Kind::kArray) return false;
    out = v;
    return true;
  }

  // Calls f(field, value-or-nullptr) in declaration order. Keys are unique
  // in a parsed object (the parser merged duplicates the way Python's dict
  // does); in a coerced dict the last pair with a key wins, as in dict().
  template <const auto& kNames, class F>
  [[gnu::always_inline]] bool visit_model(const Object& object, F&& f) {
    const rules::ModelSpec spec{kNames};
    std::array<uint32_t, kMaxModelFields> slots;
    slots.fill(json::kNoNode);
    for_each_member(object, [&](std::string_view key, uint32_t value) {
      for (size_t i = 0; i < spec.fields.size(); ++i) {
        if (spec.fields[i] == key) slots[i] = value;
      }
    });
    for (size_t i = 0; i < spec.fields.size(); ++i) {
      Value value = slots[i];
      if (!f(static_cast<int>(i), value == json::kNoNode ? nullptr : &value)) return false;
    }
    return true;
  }

  template <class F>
  bool for_each_item(Array array, F&& f) {
    int64_t index = 0;
    for (uint32_t item = doc_.node(array).first_child; item != json::kNoNode; item = doc_.node(item).next_sibling) {
      Value value = item;
      if (!f(index++, value)) return false;
    }
    return true;
  }

  bool find_member(const Object& object, std::string_view key, Value& out) {
    bool found = false;
    for_each_member(object, [&](std::string_view k, uint32_t value) {
      if (k == key) {
        out = value;
        found = true;
      }
    });
    return found;
  }
  void rewind(const Object&) const {}

  bool report(ErrorKind kind, Value input, const rules::Path& path, const rules::Detail& detail) {
    return record(kind, input, kNone, detail, path);
  }
  bool report_missing(const Object& parent, const rules::Path& path) {
    return record(ErrorKind::kMissing, parent.node, kNone, {}, path);
  }
  bool report_tag_invalid(const Object& object, Value tag, const rules::Path& path, const rules::Detail& detail) {
    return record(ErrorKind::kUnionTagInvalid, object.node, tag, detail, path);
  }

 private:
  bool open_object(Value v, Object& out) const {
    if (kind(v) != json::Kind::kObject) return false;
    out = Object{v, false, 0, 0};
    return true;
  }

  // v1's dict(value), when the profile does that.
  bool coerce(Value v, Object& out) {
    if (!policy_.coerces_pairs_to_dict) return false;
    const auto begin = static_cast<uint32_t>(pairs_.size());
    if (!coerce_to_pairs(doc_, v, pairs_)) {
      pairs_.resize(begin);
      return false;
    }
    out = Object{v, true, begin, static_cast<uint32_t>(pairs_.size())};
    return true;
  }

  // f(key, value node) for every member, in order. Coerced dicts only
  // reach here with str keys (models) or are only asked for str keys.
  template <class F>
  void for_each_member(const Object& object, F&& f) const {
    if (!object.coerced) {
      for (uint32_t m = doc_.node(object.node).first_child; m != json::kNoNode; m = doc_.node(m).next_sibling) {
        f(doc_.key(m), m);
      }
      return;
    }
    for (uint32_t i = object.pairs_begin; i < object.pairs_end; ++i) {
      if (kind(pairs_[i].key) == json::Kind::kString) f(doc_.string_value(pairs_[i].key), pairs_[i].value);
    }
  }

  bool record(ErrorKind kind, uint32_t input, uint32_t tag, const rules::Detail& detail, const rules::Path& path) {
    failed_ = true;
    if constexpr (!kCollectAll) {
      return false;
    } else {
      if (max_errors_ != 0 && errors_->size() >= max_errors_) {
        truncated_ = true;
        return false;
      }
      Record record;
      record.kind = kind;
      record.input = input;
      if (has_fact(kind)) record.fact = errors_->add_fact(Fact{detail, tag});
      loc_.set(path, record);
      errors_->add(record);
      return true;
    }
  }

  json::Document& doc_;
  const rules::Policy& policy_;
  ErrorList* errors_;
  size_t max_errors_;
  PathLoc loc_{errors_};
  std::vector<Pair> pairs_;
  std::string scratch_;
  bool failed_ = false;
  bool truncated_ = false;
};

}  // namespace tfschema::walk
