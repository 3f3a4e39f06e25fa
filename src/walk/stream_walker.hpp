// Walks simdjson On-Demand for the shared rules: the fast path. It answers
// only "valid for certain"; anything it cannot decide exactly as Python
// would (a simdjson error, a number simdjson cannot hold, an escaped or
// repeated member name of the schema; for strict, a repeated member name
// anywhere, or an object too large to check for one) marks the walk unsure,
// and the caller asks the exact path instead. Any error stops the walk.
//
// On-Demand only validates what is read, so every value is read, including
// unknown members and all of metadata.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "json/document.hpp"
#include "rules/policy.hpp"
#include "rules/request_rules.hpp"

namespace tfschema::walk {

class StreamWalker {
 public:
  using Value = simdjson::ondemand::value;
  using Object = simdjson::ondemand::object;
  using Array = simdjson::ondemand::array;
  // The walk stops at the first error and reports no location.
  using Path = rules::NoPath;
  // simdjson refuses them (an unsure walk, decided by the exact path).
  static constexpr bool kStringsMayHoldLoneSurrogates = false;
  // Any error stops the walk unproved; which error it was is the exact path's to say.
  static constexpr bool kVerdictOnly = true;

  // visit_model keeps the fields it has seen as bits of one integer.
  static constexpr size_t kMaxModelFields = rules::kMaxModelFields;
  using FieldMask = std::conditional_t<(kMaxModelFields < 32), uint32_t, uint64_t>;
  static_assert(kMaxModelFields < 64, "StreamWalker::FieldMask holds at most 63 fields: widen it.");
  // declared_field() reads one byte past a declared name's length.
  static_assert(rules::kMaxFieldNameBytes < simdjson::SIMDJSON_PADDING,
                "StreamWalker::declared_field reads past a field name inside simdjson's padding.");

  // Deeper values are left to the exact path (which has no recursion), so
  // this walker's recursion stays shallow.
  static constexpr uint32_t kMaxDepth = 128;

  // `key_stack` is scratch space for profiles that reject repeated member
  // names; reuse it across calls to keep the walk allocation-free.
  StreamWalker(const rules::Policy& policy, std::vector<std::string_view>* key_stack)
      : policy_(policy), key_stack_(key_stack) {}

  // True when the walk proved the body valid.
  bool proved_valid() const { return !failed_ && !unsure_; }
  const rules::Policy& policy() const { return policy_; }

  // Reads scalars (so they are validated); a value it cannot read makes the
  // walk unsure and reads as an array, which no scalar rule accepts.
  json::Kind kind(Value& v) {
    simdjson::ondemand::json_type type;
    if (v.type().get(type)) return unreadable();
    switch (type) {
      case simdjson::ondemand::json_type::object:
        return json::Kind::kObject;
      case simdjson::ondemand::json_type::array:
        return json::Kind::kArray;
      case simdjson::ondemand::json_type::string:
        return json::Kind::kString;
      case simdjson::ondemand::json_type::boolean: {
        bool b = false;
        if (v.get_bool().get(b)) return unreadable();
        return b ? json::Kind::kTrue : json::Kind::kFalse;
      }
      case simdjson::ondemand::json_type::null: {
        bool is_null = false;
        if (v.is_null().get(is_null) || !is_null) return unreadable();
        return json::Kind::kNull;
      }
      case simdjson::ondemand::json_type::number:
        return read_number(v);
    }
    return unreadable();
  }
  std::string_view string(Value& v) {
    std::string_view s;
    if (v.get_string().get(s)) unsure_ = true;
    return s;
  }
  int64_t int_value(Value&) const { return int_value_; }
  bool big_negative(Value&) const { return false; }  // only unsigned 64-bit values get here
  double float_value(Value&) const { return float_value_; }

  // v1's str(5) needs Python's number formatting: the exact path does it.
  std::string_view python_str(Value&) {
    unsure_ = true;
    return {};
  }
  // Only real objects; v1's dict() coercions are left to the exact path.
  rules::ModelOpen open_model(Value& v, Object& out) {
    return v.get_object().get(out) ? rules::ModelOpen::kNotADict : rules::ModelOpen::kOk;
  }
  rules::DictOpen open_dict(Value& v) {
    if (kind(v) != json::Kind::kObject) return rules::DictOpen::kNotADict;
    return walk_any(v) ? rules::DictOpen::kOk : rules::DictOpen::kNotADict;
  }
  bool as_array(Value& v, Array& out) { return !v.get_array().get(out); }

  // Calls f as members come, then f(field, nullptr) for absent fields.
  template <class F>
  bool visit_model(Object& object, const rules::ModelSpec& spec, F&& f) {
    FieldMask seen = 0;
    KeySet keys(policy_, key_stack_);
    for (auto member : object) {
      simdjson::ondemand::field field;
      if (std::move(member).get(field)) return give_up();
      const char* raw = field.key().raw();
      int index = declared_field(raw, spec);
      std::string_view key;
      if (index >= 0) {
        key = std::string_view(raw, spec.fields[index].size());
      } else {
        if (!member_name(field, key)) return give_up();
        if (key.data() != raw) index = declared_field(key, spec);  // an escaped spelling
      }
      keys.add(key);
      Value value = field.value();
      if (index < 0) {
        if (!walk_any(value)) return false;
        continue;
      }
      // Python keeps the last of repeated keys; this walk cannot go back.
      if (seen & (FieldMask{1} << index)) return give_up();
      seen |= FieldMask{1} << index;
      if (!f(index, &value)) return false;
    }
    if (!keys.all_distinct()) return give_up();
    if (seen == (FieldMask{1} << spec.fields.size()) - 1) return true;
    for (size_t i = 0; i < spec.fields.size(); ++i) {
      if (!(seen & (FieldMask{1} << i)) && !f(static_cast<int>(i), nullptr)) return false;
    }
    return true;
  }

  template <class F>
  bool for_each_item(Array& array, F&& f) {
    int64_t index = 0;
    for (auto element : array) {
      Value item;
      if (element.get(item)) return give_up();
      if (!f(index++, item)) return false;
    }
    return true;
  }

  // Compares raw (escaped) keys: an escaped discriminator is not found here
  // and the exact path decides.
  bool find_member(Object& object, std::string_view key, Value& out) {
    auto found = object.find_field_unordered(key);
    if (found.error() == simdjson::NO_SUCH_FIELD) return false;
    if (found.get(out)) return give_up();
    return true;
  }
  void rewind(Object& object) {
    bool ignored = false;
    if (object.reset().get(ignored)) unsure_ = true;
  }

  bool report(ErrorKind, Value&, const Path&, const rules::Detail&) { return fail(); }
  bool report_missing(Object&, const Path&) { return fail(); }
  bool report_tag_invalid(Object&, Value&, const Path&) { return fail(); }

 private:
  // The member names of one object, for profiles that reject repeated ones
  // (strict). The names of all open objects share one stack that the caller
  // keeps warm, so checking allocates nothing; each object's names are
  // sorted once at its end: O(n log n), whatever the input.
  class KeySet {
   public:
    KeySet(const rules::Policy& policy, std::vector<std::string_view>* stack)
        : stack_(policy.reports_duplicate_keys ? stack : nullptr), base_(stack_ ? stack_->size() : 0) {}
    ~KeySet() {
      if (stack_) stack_->resize(base_);
    }
    KeySet(const KeySet&) = delete;
    KeySet& operator=(const KeySet&) = delete;

    // The name is a view into the parser's string buffer, stable for the document.
    void add(std::string_view key) {
      if (stack_) stack_->push_back(key);
    }
    // False when a name repeats. The check is out of line: only strict keeps names.
    bool all_distinct() { return !stack_ || sorted_all_distinct(); }

   private:
    [[gnu::noinline]] bool sorted_all_distinct() {
      const auto begin = stack_->begin() + static_cast<std::ptrdiff_t>(base_);
      std::sort(begin, stack_->end());
      return std::adjacent_find(begin, stack_->end()) == stack_->end();
    }

    std::vector<std::string_view>* stack_;
    size_t base_;
  };

  // The index of the declared field whose name the raw (still escaped) member
  // name is, or -1. A declared name holds no quote and no backslash, so raw
  // bytes equal to it and followed by a quote are that name, unescaped; an
  // escaped spelling is not found here (the overload below looks its
  // unescaped text up). Reading raw[size] is safe: the document is padded, and every
  // declared name is much shorter than the padding.
  static int declared_field(const char* raw, const rules::ModelSpec& spec) {
    for (size_t i = 0; i < spec.fields.size(); ++i) {
      const std::string_view name = spec.fields[i];
      if (raw[0] != name[0] || raw[name.size()] != '"') continue;
      // Names are a few bytes long: a loop beats a call to memcmp.
      size_t k = 1;
      while (k < name.size() && raw[k] == name[k]) ++k;
      if (k == name.size()) return static_cast<int>(i);
    }
    return -1;
  }
  static int declared_field(std::string_view unescaped, const rules::ModelSpec& spec) {
    for (size_t i = 0; i < spec.fields.size(); ++i) {
      if (spec.fields[i] == unescaped) return static_cast<int>(i);
    }
    return -1;
  }

  // The member's name: its raw bytes when it holds no escape (no copy; stage
  // 1 already checked the UTF-8 and the control characters), otherwise the
  // unescaped text, which also checks the escapes. The raw name always ends
  // with an unescaped quote inside the padded document, so the scan stops.
  static bool member_name(simdjson::ondemand::field& field, std::string_view& key) {
    const char* raw = field.key().raw();
    size_t n = 0;
    while (raw[n] != '"' && raw[n] != '\\') ++n;
    if (raw[n] == '"') {
      key = std::string_view(raw, n);
      return true;
    }
    return !field.unescaped_key().get(key);
  }

  // Reads every byte of a value so that simdjson checks it.
  bool walk_any(Value& v) {
    if (++depth_ > kMaxDepth) return give_up();
    bool ok = walk_contents(v);
    --depth_;
    return ok;
  }

  json::Kind unreadable() {
    unsure_ = true;
    return json::Kind::kArray;
  }
  bool give_up() {
    unsure_ = true;
    return false;
  }
  bool fail() {
    failed_ = true;
    return false;
  }

  // Asks for the number's type first and then reads it as that type:
  // simdjson 3.0.1's get_number() returns 0.0 for some long floats (a
  // fuzzer found "-444...4.444...4" read as zero).
  json::Kind read_number(Value& v) {
    // Most numbers are integers that fit: one parse. get_int64 moves on only
    // when it succeeds, and refuses "1.5" and "1e5" (INCORRECT_TYPE).
    if (!v.get_int64().get(int_value_)) return json::Kind::kInt;
    simdjson::ondemand::number_type type;
    if (v.get_number_type().get(type)) return unreadable();
    switch (type) {
      case simdjson::ondemand::number_type::signed_integer:
        if (v.get_int64().get(int_value_)) return unreadable();
        return json::Kind::kInt;
      case simdjson::ondemand::number_type::unsigned_integer: {
        uint64_t ignored = 0;
        if (v.get_uint64().get(ignored)) return unreadable();  // beyond 64 bits: the exact path reads it
        return json::Kind::kBigInt;
      }
      case simdjson::ondemand::number_type::floating_point_number:
        if (v.get_double().get(float_value_)) return unreadable();  // 1e400: Python reads inf
        return json::Kind::kFloat;
    }
    return unreadable();
  }

  bool walk_contents(Value& v) {
    switch (kind(v)) {
      case json::Kind::kObject: {
        Object object;
        if (v.get_object().get(object)) return give_up();
        KeySet keys(policy_, key_stack_);
        for (auto member : object) {
          simdjson::ondemand::field field;
          std::string_view key;
          if (std::move(member).get(field) || !member_name(field, key)) return give_up();
          keys.add(key);
          Value value = field.value();
          if (!walk_any(value)) return false;
        }
        return keys.all_distinct() || give_up();
      }
      case json::Kind::kArray: {
        if (unsure_) return false;
        Array array;
        if (v.get_array().get(array)) return give_up();
        for (auto element : array) {
          Value item;
          if (element.get(item) || !walk_any(item)) return give_up();
        }
        return true;
      }
      case json::Kind::kString:
        string(v);
        return !unsure_;
      default:
        return !unsure_;
    }
  }

  const rules::Policy& policy_;
  std::vector<std::string_view>* key_stack_;
  uint32_t depth_ = 0;
  int64_t int_value_ = 0;
  double float_value_ = 0;
  bool failed_ = false;
  bool unsure_ = false;
};

}  // namespace tfschema::walk
