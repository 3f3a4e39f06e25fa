// Walks the Python-faithful tree (json/document.hpp) for the shared rules.
// With kCollectAll every error is recorded and the walk goes on (the
// diagnostic path); without it the first error stops the walk (the exact
// yes/no answer when the stream walker could not decide).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "json/document.hpp"
#include "rules/policy.hpp"
#include "rules/request_rules.hpp"
#include "walk/raw_error.hpp"

namespace tfschema::walk {

template <bool kCollectAll>
class TreeWalker {
 public:
  using Value = uint32_t;
  using Object = uint32_t;
  using Array = uint32_t;

  TreeWalker(const json::Document& doc, const rules::Policy& policy, ErrorSink* sink)
      : doc_(doc), policy_(policy), sink_(sink) {}

  bool failed() const { return failed_; }
  const rules::Policy& policy() const { return policy_; }

  json::Kind kind(Value v) const { return doc_.node(v).kind; }
  std::string_view string(Value v) const { return doc_.string_value(v); }
  int64_t int_value(Value v) const { return doc_.node(v).int_value; }
  bool big_negative(Value v) const {
    std::string_view digits = doc_.string_value(v);
    return !digits.empty() && digits[0] == '-';
  }
  double float_value(Value v) const { return doc_.node(v).float_value; }

  bool as_object(Value v, Object& out) const { return is(v, json::Kind::kObject, out); }
  bool as_array(Value v, Array& out) const { return is(v, json::Kind::kArray, out); }

  // Calls f(field, value-or-nullptr) in declaration order. Keys are unique
  // here: the parser already merged duplicates the way Python's dict does.
  template <class F>
  bool visit_model(Object object, const rules::ModelSpec& spec, F&& f) {
    std::array<uint32_t, 16> slots;
    slots.fill(json::kNoNode);
    for (uint32_t m = doc_.node(object).first_child; m != json::kNoNode; m = doc_.node(m).next_sibling) {
      const std::string_view key = doc_.key(m);
      for (size_t i = 0; i < spec.fields.size(); ++i) {
        if (spec.fields[i] == key) slots[i] = m;
      }
    }
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

  bool find_member(Object object, std::string_view key, Value& out) const {
    for (uint32_t m = doc_.node(object).first_child; m != json::kNoNode; m = doc_.node(m).next_sibling) {
      if (doc_.key(m) == key) {
        out = m;
        return true;
      }
    }
    return false;
  }
  void rewind(Object) const {}
  // The parser has already checked every byte.
  bool walk_any(Value) const { return true; }

  bool report(ErrorKind kind, Value input, const rules::Path& path, const rules::Detail& detail) {
    RawError error;
    error.kind = kind;
    error.input = input;
    error.detail = detail;
    return record(error, path);
  }
  bool report_missing(Object parent, const rules::Path& path) {
    return report(ErrorKind::kMissing, parent, path, {});
  }
  bool report_tag_invalid(Object object, Value tag, const rules::Path& path) {
    RawError error;
    error.kind = ErrorKind::kUnionTagInvalid;
    error.input = object;
    error.tag = tag;
    return record(error, path);
  }

 private:
  bool is(Value v, json::Kind kind, uint32_t& out) const {
    if (doc_.node(v).kind != kind) return false;
    out = v;
    return true;
  }

  bool record(RawError& error, const rules::Path& path) {
    failed_ = true;
    if constexpr (!kCollectAll) {
      return false;
    } else {
      error.path_size = static_cast<uint8_t>(path.size());
      for (size_t i = 0; i < path.size(); ++i) error.path[i] = path[i];
      return sink_->add(error);
    }
  }

  const json::Document& doc_;
  const rules::Policy& policy_;
  ErrorSink* sink_;
  bool failed_ = false;
};

}  // namespace tfschema::walk
