// Walks simdjson On-Demand for the shared rules: the fast path. Anything it
// cannot decide exactly as Python would (a simdjson error, a number simdjson
// cannot hold, an escaped or repeated member name of the schema; for strict,
// a repeated member name anywhere, or an object too large to check for one)
// marks the walk unsure, and the caller asks the exact path instead.
//
// Two modes. StreamWalker (the yes/no): any error stops the walk, which then
// proves nothing. StreamCollector (the diagnostics of a body the yes/no
// rejected): every error is recorded (walk/error_list.hpp) with the byte
// offset of its value, and put in the server's order, which is the models'
// declaration order rather than the body's; it is also unsure of bodies
// with a repeated member name anywhere (an echo would show Python's merge),
// of pydantic-v1 coercions it does not make (dict() of a list) and of a
// union tag that is not a string. What it records is what the exact path
// would (fuzz/fuzz_diagnostics.cpp holds it to that).
//
// On-Demand only validates what is read, so every value is read, including
// unknown members and all of metadata.
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "json/document.hpp"
#include "rules/policy.hpp"
#include "rules/request_rules.hpp"
#include "text/ascii_scan.hpp"
#include "text/py_float.hpp"
#include "walk/error_list.hpp"

namespace tfschema::walk {

// What the collecting walk keeps between its calls (the validator owns it, so
// that a warm one allocates nothing), and its answer.
// An error's place in the server's order: the field index (declaration
// order) of each model and the index of each array on its way from the root.
struct SortKey {
  static constexpr size_t kCapacity = 12;  // the schema nests far less
  std::array<uint32_t, kCapacity> ordinals;
  uint8_t size = 0;
  friend bool operator<(const SortKey& a, const SortKey& b) {
    return std::lexicographical_compare(a.ordinals.begin(), a.ordinals.begin() + a.size, b.ordinals.begin(),
                                        b.ordinals.begin() + b.size);
  }
};

struct StreamErrors {
  ErrorList* list = nullptr;
  size_t max_errors = 0;   // 0: no cap
  uint32_t max_depth = 0;  // containers nested deeper are left to the exact path
  bool truncated = false;
  std::string scratch;  // pydantic-v1's str() of a number
  // With a cap: each record's place in the server's order. The walk keeps
  // at most twice the cap of records, then the first `max_errors` of them.
  std::vector<SortKey> keys;
  std::vector<uint32_t> order;  // scratch for keep_first()
  size_t found = 0;             // errors met, kept or not

  // Keeps the first `count` records in the server's order, in that order.
  void keep_first(size_t count);
};

// An object being checked by the collecting walk: where it starts, for the
// errors it is the input of (a missing member's).
struct OffsetObject {
  simdjson::ondemand::object object;
  uint32_t offset = 0;
};

template <bool kCollect>
class StreamWalkerT {
 public:
  using Value = simdjson::ondemand::value;
  using Object = std::conditional_t<kCollect, OffsetObject, simdjson::ondemand::object>;
  using Array = simdjson::ondemand::array;
  // The yes/no stops at the first error and reports no location.
  using Path = std::conditional_t<kCollect, rules::Path, rules::NoPath>;
  // simdjson refuses them (an unsure walk, decided by the exact path).
  static constexpr bool kStringsMayHoldLoneSurrogates = false;
  // For the yes/no any error stops the walk unproved; which error it was is
  // the collecting walk's (or the exact path's) to say.
  static constexpr bool kVerdictOnly = !kCollect;

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
  StreamWalkerT(const rules::Policy& policy, std::vector<std::string_view>* key_stack) requires(!kCollect)
      : policy_(policy), key_stack_(key_stack) {}
  // `body` is what the document was iterated over (offsets are into it).
  StreamWalkerT(const rules::Policy& policy, std::vector<std::string_view>* key_stack, StreamErrors& errors,
                const char* body) requires kCollect : policy_(policy),
                                                      key_stack_(key_stack),
                                                      c_(errors, body) {}

  // True when the walk proved the body valid.
  bool proved_valid() const { return !failed_ && !unsure_; }
  // The walk could not decide as Python would: ask the exact path.
  bool unsure() const { return unsure_; }
  // simdjson met an error: the document cannot be walked again.
  bool is_broken() const { return broken_; }
  const rules::Policy& policy() const { return policy_; }

  // Reads scalars (so they are validated); a value it cannot read makes the
  // walk unsure and reads as an array, which no scalar rule accepts.
  [[gnu::always_inline]] json::Kind kind(Value v) {
    simdjson::ondemand::json_type type;
    if (v.type().get(type)) return unreadable();
    switch (type) {
      case simdjson::ondemand::json_type::object:
        return container(v, json::Kind::kObject);
      case simdjson::ondemand::json_type::array:
        return container(v, json::Kind::kArray);
      case simdjson::ondemand::json_type::string:
        return json::Kind::kString;
      case simdjson::ondemand::json_type::boolean: {
        bool b = false;
        if (v.get_bool().get(b)) return unreadable();
        return number_kind_ = b ? json::Kind::kTrue : json::Kind::kFalse;
      }
      case simdjson::ondemand::json_type::null: {
        bool is_null = false;
        if (v.is_null().get(is_null) || !is_null) return unreadable();
        return json::Kind::kNull;
      }
      case simdjson::ondemand::json_type::number:
        return number_kind_ = read_number(v);
    }
    return unreadable();
  }
  [[gnu::always_inline]] std::string_view string(Value v) {
    // A string with no escape is its raw bytes (stage 1 checked their UTF-8
    // and control characters): read in place, with no call into simdjson's
    // unescaper and no copy to its string buffer. Stage 1 also found the
    // closing quote, inside the padded document.
    const char* const token = v.raw_json_token().data();
    if constexpr (kCollect) c_.last_string = static_cast<uint32_t>(token - c_.body);
    if (*token == '"') {
      if (const char* const end = text::padded_plain_string_end(token + 1)) {
        simdjson::ondemand::raw_json_string consumed;
        if (v.get_raw_json_string().get(consumed)) broken();
        const std::string_view s(token + 1, static_cast<size_t>(end - token - 1));
        if constexpr (kCollect) c_.last_string_echo_size = plain_echo_size_of(s);
        return s;
      }
    }
    std::string_view s;
    if (v.get_string().get(s)) broken();
    if constexpr (kCollect) c_.last_string_echo_size = 0;  // it holds an escape
    return s;
  }
  int64_t int_value(Value) const { return int_value_; }
  bool big_negative(Value) const { return false; }  // only unsigned 64-bit values get here
  double float_value(Value) const { return float_value_; }

  // v1's str() of the number or bool kind() just read: str(5) == "5",
  // str(1.5) == "1.5", str(True) == "True". The yes/no leaves it to the
  // exact path.
  std::string_view python_str(Value) {
    if constexpr (!kCollect) {
      unsure_ = true;
      return {};
    } else {
      std::string& out = c_.errors->scratch;
      out.clear();
      char digits[24];
      switch (number_kind_) {
        case json::Kind::kInt:
          out.append(digits, std::to_chars(digits, digits + sizeof digits, int_value_).ptr);
          break;
        case json::Kind::kBigInt:
          out.append(digits, std::to_chars(digits, digits + sizeof digits, uint_value_).ptr);
          break;
        case json::Kind::kFloat:
          text::append_python_float_repr(float_value_, out);
          break;
        case json::Kind::kTrue:
          out = "True";
          break;
        case json::Kind::kFalse:
          out = "False";
          break;
        case json::Kind::kNull:
        case json::Kind::kString:
        case json::Kind::kArray:
        case json::Kind::kObject:
          unsure_ = true;  // not reached: the rules ask only for numbers and bools
          break;
      }
      return out;
    }
  }
  // Only real objects; v1's dict() coercions are left to the exact path
  // (but for a string, which dict() refuses unless it is empty).
  rules::ModelOpen open_model(Value v, Object& out) requires(!kCollect) {
    return v.get_object().get(out) ? rules::ModelOpen::kNotADict : rules::ModelOpen::kOk;
  }
  // The collecting walk's calls are out of line: the value by reference, as
  // a copy on the stack would be a vector load of the pieces the rule just
  // stored (store forwarding fails; see visit_model).
  rules::ModelOpen open_model(Value& v, Object& out) requires kCollect {
    out.offset = offset(v);
    if (!v.get_object().get(out.object)) return rules::ModelOpen::kOk;
    if (policy_.coerces_pairs_to_dict && !v1_dict_refuses(v)) give_up();
    return rules::ModelOpen::kNotADict;
  }
  rules::DictOpen open_dict(Value v) {
    const json::Kind k = kind(v);
    if (k == json::Kind::kObject) return walk_any(v) ? rules::DictOpen::kOk : rules::DictOpen::kNotADict;
    if constexpr (kCollect) {
      // v1's dict() of "" and of [] is {}; of other lists, the exact path's.
      if (policy_.coerces_pairs_to_dict && (k == json::Kind::kString || k == json::Kind::kArray)) {
        if (v1_empty_container(v, k)) return rules::DictOpen::kOk;
        if (k == json::Kind::kArray) give_up();
      }
    }
    return rules::DictOpen::kNotADict;
  }
  bool as_array(Value v, Array& out) { return !v.get_array().get(out); }

  // Calls f as members come, then f(field, nullptr) for absent fields. The
  // collecting walk then puts the fields' errors in declaration order.
  // `kNames` (a constant array of the model's field names) is a template
  // argument so that member names are compared with constants.
  template <const auto& kNames, class F>
  bool visit_model(Object& object, F&& f) {
    return visit_members<kNames>(object, as_object(object).begin(), 0, f);
  }

  // The yes/no reads a union's tag where bodies put it, first in its object:
  // once, and the chosen member's model goes on from the next member in the
  // same pass, with no search for the tag and no rewind (check_union). The
  // collecting walk searches, which keeps the server's error order simple.
  static constexpr bool kReadsLeadingTag = !kCollect;
  using Members = simdjson::simdjson_result<simdjson::ondemand::object_iterator>;
  // Where a model's walk goes on after its first member was read (the tag).
  struct Resume {
    Members members;  // at the member after it
    FieldMask seen;   // the field it was
  };

  // When the raw name of the object's first member is kUnion's
  // discriminator (raw names, as find_member compares them): reads the tag,
  // and returns visit(std::integral_constant<size_t, member>, Resume&) for
  // the member it names, or false when it names none. Otherwise nullopt,
  // with the object rewound for the search.
  template <const auto& kUnion, class Visit>
  std::optional<bool> visit_by_leading_tag(Object& object, Visit&& visit) requires(!kCollect) {
    using Union = std::remove_cvref_t<decltype(kUnion)>;
    constexpr std::string_view kTag = kUnion.discriminator;
    Members members = object.begin();
    if (!(members != object.end())) return rewound(object);
    auto member = *members;
    if (member.error()) return broken();
    simdjson::ondemand::field& field = member.value_unsafe();  // not copied (see visit_members)
    if (!raw_name_is<kTag.size()>(field.key().raw(), kTag.data())) return rewound(object);
    const int chosen = rules::tagged_member<kUnion>(*this, field.value());
    if (chosen < 0) return fail();  // which error it is, is the collecting walk's to say
    ++members;
    return rules::with_index<Union::kSize>(chosen, [&]<size_t I>(std::integral_constant<size_t, I> index) {
      static constexpr auto kNames = Union::template Member<I>::model.names();
      constexpr int kTagField = index_of_name(kNames, kTag);
      static_assert(kTagField >= 0, "a union member declares its discriminator");
      Resume resume{members, FieldMask{1} << kTagField};
      return visit(index, resume);
    });
  }

  // The yes/no calls f(field, nullptr) only for absent required fields (an
  // absent optional one cannot fail): its models pass their required
  // fields (rules::RequiredFields), and skip a call per absent field.
  static constexpr bool kTakesRequiredFields = !kCollect;
  template <const auto& kNames, class F, uint64_t kRequired>
  bool visit_model(Object& object, F&& f, rules::RequiredFields<kRequired>) requires(!kCollect) {
    return visit_members<kNames, kRequired>(object, as_object(object).begin(), 0, f);
  }
  // A model's walk from where visit_by_leading_tag left it.
  template <const auto& kNames, class F, uint64_t kRequired>
  bool visit_model(Object& object, F&& f, rules::RequiredFields<kRequired>, Resume& resume) requires(!kCollect) {
    return visit_members<kNames, kRequired>(object, resume.members, resume.seen, f);
  }

 private:
  // `kAbsentToVisit`: the fields f is called for when absent (bits).
  template <const auto& kNames, uint64_t kAbsentToVisit = ~uint64_t{0}, class F>
  [[gnu::always_inline]] bool visit_members(Object& object, Members members, FieldMask seen, F& f) {
    static constexpr rules::ModelSpec spec{kNames};
    KeySet keys(*this);
    Fields fields(*this);
    for (const Members end = as_object(object).end(); members != end; ++members) {
      auto member = *members;
      // The member and its value are used where simdjson built them, not
      // copied: simdjson stores a value's iterator piece by piece, and GCC
      // copies it as one vector load, which waits for those stores (a
      // store-forwarding stall on every member, a quarter of the fast path's
      // time on the large body before).
      if (member.error()) return broken();
      simdjson::ondemand::field& field = member.value_unsafe();
      const char* raw = field.key().raw();
      int index = declared_field<kNames>(raw);
      std::string_view key;
      if (index >= 0) {
        key = std::string_view(raw, spec.fields[index].size());
      } else {
        if (!member_name(field, key)) return broken();
        if (key.data() != raw) index = declared_field(key, spec);  // an escaped spelling
      }
      Value& value = field.value();  // not a copy: see above
      if (index < 0) {
        keys.add(key);  // a declared name repeated is caught by `seen`
        if (!walk_any(value)) return false;
        continue;
      }
      // Python keeps the last of repeated keys; this walk cannot go back.
      if (seen & (FieldMask{1} << index)) return give_up();
      seen |= FieldMask{1} << index;
      if (!fields.visit(index, [&] { return f(index, &value); })) return false;
    }
    if (!keys.all_distinct()) return give_up();
    constexpr FieldMask kVisitIfAbsent =
        static_cast<FieldMask>(kAbsentToVisit) & ((FieldMask{1} << spec.fields.size()) - 1);
    if ((seen & kVisitIfAbsent) != kVisitIfAbsent) {
      for (size_t i = 0; i < spec.fields.size(); ++i) {
        const int index = static_cast<int>(i);
        if ((kVisitIfAbsent & ~seen & (FieldMask{1} << i)) && !fields.visit(index, [&] { return f(index, nullptr); })) {
          return false;
        }
      }
    }
    fields.put_in_order();
    return true;
  }
  std::optional<bool> rewound(Object& object) {
    rewind(object);
    if (broken_) return false;
    return std::nullopt;
  }
  template <size_t kSize>
  static consteval int index_of_name(const std::array<std::string_view, kSize>& names, std::string_view name) {
    for (size_t i = 0; i < kSize; ++i) {
      if (names[i] == name) return static_cast<int>(i);
    }
    return -1;
  }

 public:
  template <class F>
  bool for_each_item(Array& array, F&& f) {
    int64_t index = 0;
    for (auto element : array) {
      if (element.error()) return broken();
      Value& item = element.value_unsafe();  // not copied (see visit_model)
      if constexpr (kCollect) {
        if (c_.capped) {
          if (!c_.push(static_cast<uint32_t>(index))) return give_up();
          const bool go_on = f(index++, item);
          c_.pop();
          if (!go_on) return false;
          continue;
        }
      }
      if (!f(index++, item)) return false;
    }
    return true;
  }

  // Compares raw (escaped) keys: an escaped discriminator is not found here
  // and the exact path decides.
  bool find_member(Object& object, std::string_view key, Value& out) {
    auto found = as_object(object).find_field_unordered(key);
    if (found.error() == simdjson::NO_SUCH_FIELD) {
      // The walk goes on: read what the search skipped. The search compared
      // raw names, so an escaped spelling of the key is Python's business.
      if constexpr (kCollect) drain(object, {}, key);
      return false;
    }
    if (found.get(out)) return broken();
    return true;
  }
  void rewind(Object& object) {
    bool ignored = false;
    if (as_object(object).reset().get(ignored)) broken();
  }

  bool report(ErrorKind, Value, const Path&, const rules::Detail&) requires(!kCollect) { return fail(); }
  // By reference, as open_model's.
  bool report(ErrorKind kind, Value& v, const Path& path, const rules::Detail& detail) requires kCollect {
    const uint32_t at = offset(v);
    if (!record(kind, path, at, detail, kNone)) return false;
    // The walk goes on, and simdjson checks a value, and the separator
    // after it, only when the value is read: read a string or a container
    // the rule did not (an object without a union tag was read by
    // find_member), once (a loc item has two errors).
    const char first = body_char(at);
    if (first == '"') {
      if (at != c_.last_string) {
        string(v);
        Record& last = c_.errors->list->last();  // this error's (or, capped, another of the same input)
        if (last.input == at) last.plain_echo_size = c_.last_string_echo_size;
      }
      return !unsure_;
    }
    // A number (its kind read by the rule): an integer's text is its echo.
    // Pydantic v1 echoes no input (its literal's context, which does, scans).
    if ((first == '-' || (first >= '0' && first <= '9')) && policy_.wording != rules::Wording::kPydanticV1) {
      Record& last = c_.errors->list->last();
      if (last.input == at) last.plain_echo_size = plain_int_size(v.raw_json_token());
      return true;
    }
    const bool opened = kind == ErrorKind::kUnionTagNotFound && first == '{';
    if ((first == '[' || first == '{') && !opened && at != c_.drained) {
      c_.drained = at;
      return walk_any(v);
    }
    return true;
  }
  bool report_missing(Object& object, const Path& path) {
    if constexpr (kCollect) {
      return record(ErrorKind::kMissing, path, object.offset, {}, kNone);
    } else {
      return fail();
    }
  }
  bool report_tag_invalid(Object& object, Value& tag, const Path& path, const rules::Detail& detail) {
    if constexpr (kCollect) {
      // The message quotes str(tag): only a string's is plain text here.
      const uint32_t tag_at = offset(tag);
      if (body_char(tag_at) != '"') return give_up();
      if (!record(ErrorKind::kUnionTagInvalid, path, object.offset, detail, tag_at)) return false;
      return drain(object, detail.expected, {});  // but the tag, read already
    } else {
      return fail();
    }
  }

 private:
  // The member names of one object, for profiles that reject repeated ones
  // (strict) and for the collecting walk (an echo shows Python's merge of
  // repeated names). The names of all open objects share one stack that the
  // caller keeps warm, so checking allocates nothing. An object's first
  // eight names are compared with each other as they come, in the KeySet;
  // the names of a larger object are checked once at its end, on the stack:
  // a few by comparing each pair, more through a hash table, and (past the
  // table's size, or for names made to collide) by sorting them: O(n log n)
  // at worst, whatever the input.
  class KeySet {
   public:
    explicit KeySet(StreamWalkerT& walker)
        : stack_(kCollect || walker.policy_.reports_duplicate_keys ? walker.key_stack_ : nullptr) {}
    ~KeySet() {
      if (count_ > kFirstNames) stack_->resize(base_);
    }
    KeySet(const KeySet&) = delete;
    KeySet& operator=(const KeySet&) = delete;

    // The name is a view into the body or the parser's string buffer, stable
    // for the document. An object's first names are kept here and compared
    // with each other as they come; more go to the shared stack.
    [[gnu::always_inline]] void add(std::string_view key) {
      if (!stack_) return;
      if (count_ >= kFirstNames) return add_to_stack(key);
      for (size_t i = 0; i < count_; ++i) {
        if (first_[i].size == key.size() && first_[i].text() == key) repeated_ = true;
      }
      first_[count_++] = Name{key.data(), key.size()};
    }
    // False when a name repeats.
    bool all_distinct() { return !repeated_ && (count_ <= kFirstNames || check_all_distinct()); }

   private:
    // Most objects of the schema hold a few names that are not declared:
    // checked with no call and no vector.
    static constexpr size_t kFirstNames = 8;
    // A name as plain data, so that the array of them is not zeroed for
    // every object (a string_view is, by its constructor).
    struct Name {
      const char* data;
      size_t size;
      std::string_view text() const { return {data, size}; }
    };

    [[gnu::noinline]] void add_to_stack(std::string_view key) {
      if (count_++ == kFirstNames) {
        base_ = stack_->size();
        for (const Name& name : first_) stack_->push_back(name.text());
      }
      stack_->push_back(key);
    }

    // The hash table: slots for twice the names (at most half full), so
    // that a probe ends soon; an object with more names is sorted.
    static constexpr size_t kMaxHashedNames = 512;
    static constexpr size_t kMaxProbe = 32;  // longer: names chosen to collide, sorted instead

    [[gnu::noinline]] bool check_all_distinct() {
      std::string_view* const begin = stack_->data() + base_;
      const size_t count = stack_->size() - base_;
      // A model's few names: comparing each pair is cheaper than hashing.
      if (count <= 16) {
        for (size_t i = 0; i < count; ++i) {
          for (size_t j = i + 1; j < count; ++j) {
            if (begin[i].size() == begin[j].size() && begin[i] == begin[j]) return false;
          }
        }
        return true;
      }
      if (count <= kMaxHashedNames) {
        if (const std::optional<bool> distinct = hashed_all_distinct(begin, count)) return *distinct;
      }
      std::sort(begin, begin + count);
      return std::adjacent_find(begin, begin + count) == begin + count;
    }

    // nullopt when a probe ran too long (the caller sorts).
    static std::optional<bool> hashed_all_distinct(const std::string_view* names, size_t count) {
      struct Slot {
        uint32_t hash;
        uint32_t name;  // its index + 1; 0: empty
      };
      std::array<Slot, 2 * kMaxHashedNames> table;
      size_t slots = 64;
      while (slots < 2 * count) slots *= 2;
      std::fill_n(table.begin(), slots, Slot{0, 0});
      const size_t mask = slots - 1;
      for (size_t i = 0; i < count; ++i) {
        const uint64_t hash = std::hash<std::string_view>{}(names[i]);
        const auto tag = static_cast<uint32_t>(hash >> 32);
        size_t at = static_cast<size_t>(hash) & mask;
        for (size_t probe = 0;; ++probe, at = (at + 1) & mask) {
          Slot& slot = table[at];
          if (slot.name == 0) {
            slot = Slot{tag, static_cast<uint32_t>(i + 1)};
            break;
          }
          if (slot.hash == tag && names[slot.name - 1] == names[i]) return false;
          if (probe == kMaxProbe) return std::nullopt;
        }
      }
      return true;
    }

    std::vector<std::string_view>* stack_;
    std::array<Name, kFirstNames> first_;  // not zeroed: only the first count_ are read
    size_t count_ = 0;
    size_t base_ = 0;  // where this object's names start on the stack, once there
    bool repeated_ = false;
  };

  // The collecting walk's state.
  struct Collection {
    Collection(StreamErrors& e, const char* b) : errors(&e), loc(e.list), body(b), capped(e.max_errors != 0) {}
    StreamErrors* errors;
    PathLoc loc;
    const char* body;
    // With a cap, errors are put in order by their keys, not by moving runs.
    bool capped;
    SortKey ordinals;  // of the value being checked

    bool push(uint32_t ordinal) {
      if (ordinals.size == SortKey::kCapacity) return false;
      ordinals.ordinals[ordinals.size++] = ordinal;
      return true;
    }
    void pop() { --ordinals.size; }
    uint32_t drained = kNone;            // the container report() read last
    uint32_t last_string = kNone;        // the string string() read last (its opening quote)
    uint16_t last_string_echo_size = 0;  // its Record::plain_echo_size
  };
  struct NoCollection {};

  // The errors of one model's fields, one contiguous run of records per
  // field, in the order the body gave the fields; put_in_order() sorts the
  // runs by field, as the server reports them. The yes/no keeps nothing.
  class Fields {
   public:
    explicit Fields(StreamWalkerT& walker) : walker_(walker) {}

    template <class Visit>
    bool visit(int field, Visit&& visit) {
      if constexpr (!kCollect) {
        return visit();
      } else {
        if (walker_.c_.capped) {
          if (!walker_.c_.push(static_cast<uint32_t>(field))) return walker_.give_up();
          const bool go_on = visit();
          walker_.c_.pop();
          return go_on;
        }
        ErrorList& list = *walker_.c_.errors->list;
        const auto begin = static_cast<uint32_t>(list.size());
        const bool go_on = visit();
        const auto end = static_cast<uint32_t>(list.size());
        if (end != begin) {
          if (count_ != 0 && runs_[count_ - 1].field > field) sorted_ = false;
          runs_[count_++] = Run{field, begin, end};
        }
        return go_on;
      }
    }

    // Insertion sort of the runs, each move an in-place rotation of two
    // neighbouring runs: linear in the records for a bounded number of fields.
    void put_in_order() {
      if constexpr (kCollect) {
        if (sorted_ || walker_.c_.capped) return;
        ErrorList& list = *walker_.c_.errors->list;
        for (size_t j = 1; j < count_; ++j) {
          for (size_t k = j; k > 0 && runs_[k - 1].field > runs_[k].field; --k) {
            const Run a = runs_[k - 1];
            const Run b = runs_[k];
            list.rotate(a.begin, b.begin, b.end);
            runs_[k - 1] = Run{b.field, a.begin, a.begin + (b.end - b.begin)};
            runs_[k] = Run{a.field, a.begin + (b.end - b.begin), b.end};
          }
        }
      }
    }

   private:
    struct Run {
      int field;
      uint32_t begin;
      uint32_t end;
    };
    StreamWalkerT& walker_;
    std::array<Run, kMaxModelFields> runs_;  // one per field at most
    size_t count_ = 0;
    bool sorted_ = true;
  };

  // Records one error (collecting walk). The body's first errors are not
  // always the first in the server's order (a missing member is found at
  // the end of its object), so with a cap the walk keeps up to twice the cap
  // and then the first of them by their keys.
  bool record(ErrorKind kind, const Path& path, uint32_t input, const rules::Detail& detail,
              uint32_t tag) requires kCollect {
    if (unsure_) return false;
    failed_ = true;
    StreamErrors& errors = *c_.errors;
    ErrorList& list = *errors.list;
    // Filled in place, every member stored whole: a record built field by
    // field on the stack and then copied is read back as one vector before
    // its pieces are stored, and a bit field is set by reading its byte
    // back; either load waits (store forwarding fails). So the fact and the
    // location are found first, and the record written once.
    const ErrorList::FactRef fact =
        has_fact(kind) ? list.fact_for(kind, detail, tag) : ErrorList::FactRef{kNone, false};
    const PathLoc::Loc loc = c_.loc.locate(path);
    Record& record = list.add();
    record.kind = kind;
    record.flags = static_cast<uint8_t>(loc.step_kinds | (fact.is_inline ? Record::kFactInline : 0));
    if (input == c_.last_string) record.plain_echo_size = c_.last_string_echo_size;
    record.prefix = loc.prefix;
    record.steps[0] = loc.steps[0];
    record.steps[1] = loc.steps[1];
    record.input = input;
    record.fact = fact.fact;
    ++errors.found;
    if (c_.capped) {
      errors.keys.push_back(c_.ordinals);
      if (list.size() >= 2 * errors.max_errors) {
        errors.keep_first(errors.max_errors);
        c_.loc.forget();  // the nodes were renumbered
      }
    }
    return true;
  }

  uint32_t offset(Value v) const requires kCollect {
    return static_cast<uint32_t>(v.raw_json_token().data() - c_.body);
  }
  char body_char(uint32_t at) const requires kCollect { return c_.body[at]; }
  // Record::plain_echo_size of a string string() read in place (no escape:
  // its raw text, quotes included, is its echo); 0 past what the record holds.
  static uint16_t plain_echo_size_of(std::string_view raw) {
    return raw.size() <= UINT16_MAX - 2 ? static_cast<uint16_t>(raw.size() + 2) : 0;
  }

  // Record::plain_echo_size of a number from its raw token (up to the next
  // structural character): the size of an integer's text, which Python
  // echoes as it is, but -0 (echoed 0); 0 for a float.
  static uint16_t plain_int_size(std::string_view token) {
    const size_t sign = token[0] == '-' ? 1 : 0;
    size_t n = sign;
    while (n < token.size() && token[n] >= '0' && token[n] <= '9') ++n;
    if (n == sign || n > UINT16_MAX) return 0;
    if (n < token.size() && !text::is_json_whitespace(token[n])) return 0;
    if (sign != 0 && n == 2 && token[1] == '0') return 0;
    return static_cast<uint16_t>(n);
  }

  // Reads the members of an object a rule stopped checking, so that simdjson
  // checks them; the string value of the member named `read_already` (raw
  // names compared, as find_member does) was unescaped already and is only
  // passed over (each string is unescaped once: simdjson's string buffer
  // holds one reading of the body). Unsure when a member's unescaped name is
  // `unexpected`.
  bool drain(Object& object, std::string_view read_already, std::string_view unexpected) requires kCollect {
    rewind(object);
    KeySet keys(*this);
    bool skipped = read_already.empty();
    for (auto member : as_object(object)) {
      if (member.error()) return broken();
      simdjson::ondemand::field& field = member.value_unsafe();  // not copied (see visit_model)
      // Taken before member_name(): unescaping a name consumes simdjson's
      // reference to its raw text (key() then asserts in a debug build).
      const char* raw_name = field.key().raw();
      std::string_view key;
      if (!member_name(field, key)) return broken();
      keys.add(key);
      if (!unexpected.empty() && key == unexpected) return give_up();
      Value& value = field.value();
      if (!skipped && raw_name == key.data() && key == read_already) {
        // Read again without unescaping: simdjson checks the separators that
        // follow a value only when it is read (an unread one is skipped by
        // depth, and malformed text after it can pass unnoticed).
        skipped = true;
        simdjson::ondemand::raw_json_string raw;
        if (value.get_raw_json_string().get(raw)) return broken();
        continue;
      }
      if (!walk_any(value)) return false;
    }
    return keys.all_distinct() || give_up();
  }

  // v1's dict() of the value fails (it is not a model or a dict): true for a
  // number, a bool and a non-empty string; false for "" and lists.
  bool v1_dict_refuses(Value v) {
    const json::Kind k = kind(v);
    if (k == json::Kind::kArray) return false;
    if (k == json::Kind::kString) return !v1_empty_container(v, k);
    return true;
  }
  // "" or [] (read whole).
  bool v1_empty_container(Value v, json::Kind k) {
    if (k == json::Kind::kString) return string(v).empty() && !unsure_;
    Array array;
    if (!as_array(v, array)) return broken();
    bool empty = false;
    if (array.is_empty().get(empty)) return broken();
    return empty;
  }

  static simdjson::ondemand::object& as_object(Object& object) {
    if constexpr (kCollect) {
      return object.object;
    } else {
      return object;
    }
  }

  // The index of the declared field whose name the raw (still escaped) member
  // name is, or -1. A declared name holds no quote and no backslash, so raw
  // bytes equal to it and followed by a quote are that name, unescaped; an
  // escaped spelling is not found here (the overload below looks its
  // unescaped text up). Reading raw[size] is safe: the document is padded, and every
  // declared name is much shorter than the padding.
  // Each name is a constant: the compiler compares its first byte, the quote
  // after it and the rest as a few word compares, inline, name after name.
  template <const auto& kNames>
  [[gnu::always_inline]] static int declared_field(const char* raw) {
    int found = -1;
    [&]<size_t... I>(std::index_sequence<I...>) {
      (void)((raw_name_is<kNames[I].size()>(raw, kNames[I].data()) && (found = static_cast<int>(I), true)) || ...);
    }
    (std::make_index_sequence<std::tuple_size_v<std::remove_cvref_t<decltype(kNames)>>>{});
    return found;
  }
  template <size_t kSize>
  [[gnu::always_inline]] static bool raw_name_is(const char* raw, const char* name) {
    return raw[0] == name[0] && raw[kSize] == '"' && std::memcmp(raw + 1, name + 1, kSize - 1) == 0;
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
  [[gnu::always_inline]] static bool member_name(simdjson::ondemand::field& field, std::string_view& key) {
    const char* raw = field.key().raw();
    if (const char* const end = text::padded_plain_string_end(raw)) {
      key = std::string_view(raw, static_cast<size_t>(end - raw));
      return true;
    }
    return !field.unescaped_key().get(key);
  }

  // Reads every byte of a value so that simdjson checks it. By reference,
  // unlike the rules' values: a call that is not inlined takes a value on the
  // stack, and copying the member simdjson has just stored there is one
  // vector load that waits for its stores (see visit_model).
  bool walk_any(Value& v) {
    if (++depth_ > kMaxDepth) return give_up();
    bool ok = walk_contents(v);
    --depth_;
    return ok;
  }

  // The collecting walk leaves containers nested deeper than the server
  // parses (Options::max_depth) to the exact path, whose answer is a 400.
  json::Kind container(Value v, json::Kind kind) {
    if constexpr (kCollect) {
      if (static_cast<uint32_t>(v.current_depth()) > c_.errors->max_depth) give_up();
    }
    return kind;
  }

  // simdjson could not read a value: the document is not to be walked again.
  json::Kind unreadable() {
    broken();
    return json::Kind::kArray;
  }
  bool broken() {
    broken_ = true;
    return give_up();
  }
  // The walk cannot decide what Python would.
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
  json::Kind read_number(Value v) {
    // Most numbers are integers that fit: one parse. get_int64 moves on only
    // when it succeeds, and refuses "1.5" and "1e5" (INCORRECT_TYPE).
    if (!v.get_int64().get(int_value_)) return json::Kind::kInt;
    simdjson::ondemand::number_type type;
    if (v.get_number_type().get(type)) return unreadable();
    switch (type) {
      case simdjson::ondemand::number_type::signed_integer:
        if (v.get_int64().get(int_value_)) return unreadable();
        return json::Kind::kInt;
      case simdjson::ondemand::number_type::unsigned_integer:
        if (v.get_uint64().get(uint_value_)) return unreadable();  // beyond 64 bits: the exact path reads it
        return json::Kind::kBigInt;
      case simdjson::ondemand::number_type::floating_point_number:
        if (v.get_double().get(float_value_)) return unreadable();  // 1e400: Python reads inf
        return json::Kind::kFloat;
    }
    return unreadable();
  }

  // As simdjson_walk does: scalars are read in the loop that meets them,
  // only containers recurse.
  [[gnu::noinline]] bool walk_contents(Value& v) {
    simdjson::ondemand::json_type type;
    if (v.type().get(type)) return broken();
    switch (type) {
      case simdjson::ondemand::json_type::object: {
        container(v, json::Kind::kObject);
        simdjson::ondemand::object object;
        if (v.get_object().get(object)) return broken();
        KeySet keys(*this);
        for (auto member : object) {
          if (member.error()) return broken();
          simdjson::ondemand::field& field = member.value_unsafe();  // not copied (see visit_model)
          std::string_view key;
          if (!member_name(field, key)) return broken();
          keys.add(key);
          if (!walk_item(field.value())) return false;
        }
        return keys.all_distinct() || give_up();
      }
      case simdjson::ondemand::json_type::array: {
        container(v, json::Kind::kArray);
        if (unsure_) return false;
        Array array;
        if (v.get_array().get(array)) return broken();
        for (auto element : array) {
          if (element.error()) return broken();
          if (!walk_item(element.value_unsafe())) return give_up();  // not copied (see visit_model)
        }
        return true;
      }
      default:
        return walk_scalar(v, type);
    }
  }
  // A member's value or an item: a container recurses, a scalar is read here.
  [[gnu::always_inline]] bool walk_item(Value& v) {
    simdjson::ondemand::json_type type;
    if (v.type().get(type)) return broken();
    if (type == simdjson::ondemand::json_type::object || type == simdjson::ondemand::json_type::array) {
      return walk_any(v);
    }
    return walk_scalar(v, type);
  }
  // Reads a scalar no rule constrains, so that simdjson checks it. A number
  // is read as a double, in one parse, not typed first: its kind does not
  // matter here, and every JSON number simdjson reads at all reads as a
  // double, integers included (it refuses those beyond the double's range,
  // 1e400 or 10^400, as read_number does, for the exact path).
  [[gnu::always_inline]] bool walk_scalar(Value& v, simdjson::ondemand::json_type type) {
    switch (type) {
      case simdjson::ondemand::json_type::string:
        string(v);
        break;
      case simdjson::ondemand::json_type::number: {
        double ignored = 0;
        if (v.get_double().get(ignored)) return broken();
        break;
      }
      case simdjson::ondemand::json_type::boolean: {
        bool ignored = false;
        if (v.get_bool().get(ignored)) return broken();
        break;
      }
      case simdjson::ondemand::json_type::null: {
        bool is_null = false;
        if (v.is_null().get(is_null) || !is_null) return broken();
        break;
      }
      case simdjson::ondemand::json_type::object:
      case simdjson::ondemand::json_type::array:
        return walk_any(v);  // not reached: walk_item sends containers there
    }
    return !unsure_;
  }

  const rules::Policy& policy_;
  std::vector<std::string_view>* key_stack_;
  [[no_unique_address]] std::conditional_t<kCollect, Collection, NoCollection> c_;
  uint32_t depth_ = 0;
  int64_t int_value_ = 0;
  uint64_t uint_value_ = 0;
  double float_value_ = 0;
  json::Kind number_kind_ = json::Kind::kNull;  // of the last number or bool kind() read
  bool failed_ = false;
  bool unsure_ = false;
  bool broken_ = false;
};

// The yes/no (the fast path).
using StreamWalker = StreamWalkerT<false>;
// The diagnostics of a body the yes/no rejected.
using StreamCollector = StreamWalkerT<true>;

}  // namespace tfschema::walk
