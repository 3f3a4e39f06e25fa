// Where the walkers record errors, and what a Result with errors holds: one
// 24-byte record per error, in the server's order, plus what rendering them
// needs (a copy of the body, or the parsed tree). Text is made only when an
// error is rendered (render/wording.hpp). Nothing is allocated per error:
// records, location nodes and facts live in chunked arrays, and a location
// shares its leading steps with the errors around it.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "json/document.hpp"
#include "json/py_parser.hpp"
#include "rules/detail.hpp"
#include "rules/path.hpp"
#include "rules/policy.hpp"
#include "tfschema/error.hpp"
#include "tfschema/profile.hpp"
#include "walk/chunked_vector.hpp"

namespace tfschema::walk {

inline constexpr uint32_t kNone = UINT32_MAX;

// One step of a location after its root ("body" or "response").
enum class StepKind : uint8_t {  // two bits in a Record
  kNone,
  kName,       // a member or class name: index into ErrorList::names()
  kIndex,      // an array index (or, for json_invalid, a character position)
  kMemberKey,  // the key of a member node of the tree (a name from the body)
};
struct Step {
  StepKind kind = StepKind::kNone;
  uint32_t value = 0;
  friend bool operator==(const Step&, const Step&) = default;
};

// A location's leading steps, shared: a step and the node before it.
struct LocNode {
  uint32_t parent = kNone;
  Step step;
};

struct Record {
  ErrorKind kind = ErrorKind::kMissing;
  // The kinds of steps[0] and steps[1] (two bits each), kFactInline and
  // kServerCannotRender: a byte the walkers write whole, once per record
  // (a bit field is written by reading its byte back, which waits for the
  // wider store that cleared the record: store forwarding fails).
  uint8_t flags = 0;
  // An input whose raw text is its echo (text_echo.hpp), copied with no
  // scan for its end: the raw size of a string the walker read with no
  // escape in it, quotes included, or of an integer but -0 (echoed 0).
  // 0: not known (any other input, or longer than 65,535 bytes).
  uint16_t plain_echo_size = 0;
  uint32_t prefix = kNone;  // LocNode of all steps but the last two, or kNone
  uint32_t steps[2] = {};   // the last two steps (fewer: kNone kinds first)
  // The offending value (for a missing member, the object that lacks it): a
  // byte offset into the body or a tree node, as ErrorList::source() says.
  uint32_t input = kNone;
  uint32_t fact = kNone;  // into ErrorList::facts() (or inline), for the kinds that quote their rule

  // `fact` holds the rule's one number itself: a limit (kStringTooLong,
  // kGreaterThanEqual) or a rules::Pattern (kStringPatternMismatch).
  static constexpr uint8_t kFactInline = 1 << 4;
  // The server fails (500) rendering this error (Error::server_cannot_render).
  static constexpr uint8_t kServerCannotRender = 1 << 5;
  static constexpr uint8_t kStepKindBits = 0xF;
  static constexpr uint8_t step_kinds(StepKind kind0, StepKind kind1) {
    return static_cast<uint8_t>(static_cast<unsigned>(kind0) | (static_cast<unsigned>(kind1) << 2));
  }

  StepKind step_kind(int k) const { return static_cast<StepKind>((flags >> (2 * k)) & 3); }
  bool fact_inline() const { return (flags & kFactInline) != 0; }
  bool server_cannot_render() const { return (flags & kServerCannotRender) != 0; }
  void set_server_cannot_render(bool cannot) {
    flags = static_cast<uint8_t>(cannot ? flags | kServerCannotRender : flags & ~kServerCannotRender);
  }
  // Both steps at once (the other flags kept).
  void set_steps(StepKind kind0, uint32_t value0, StepKind kind1, uint32_t value1) {
    flags = static_cast<uint8_t>((flags & ~kStepKindBits) | step_kinds(kind0, kind1));
    steps[0] = value0;
    steps[1] = value1;
  }
};
static_assert(sizeof(Record) == 24, "a record is what every error costs");

struct Fact {
  rules::Detail detail;
  uint32_t tag = kNone;  // kUnionTagInvalid: the discriminator's value (as Record::input)
};

// Whether the rule errors of `kind` quote is a limit alone (a number: a
// string's max_length, an integer's minimum), in their message and context.
constexpr bool quotes_limit(ErrorKind kind) {
  return kind == ErrorKind::kStringTooLong || kind == ErrorKind::kGreaterThanEqual;
}

// Whether errors of `kind` quote their rule (Record::fact): a limit, a
// pattern, a literal, a union's tags, an enum's values.
constexpr bool has_fact(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kStringTooLong:
    case ErrorKind::kStringPatternMismatch:
    case ErrorKind::kGreaterThanEqual:
    case ErrorKind::kLiteral:
    case ErrorKind::kUnionTagNotFound:
    case ErrorKind::kUnionTagInvalid:
    case ErrorKind::kEnum:
      return true;
    case ErrorKind::kMissing:
    case ErrorKind::kModelType:
    case ErrorKind::kStringType:
    case ErrorKind::kStringUnicode:
    case ErrorKind::kIntType:
    case ErrorKind::kIntParsing:
    case ErrorKind::kIntParsingSize:
    case ErrorKind::kIntFromFloat:
    case ErrorKind::kFiniteNumber:
    case ErrorKind::kDictType:
    case ErrorKind::kListType:
    case ErrorKind::kJsonInvalid:
    case ErrorKind::kBodyMissing:
    case ErrorKind::kNoneNotAllowed:
    case ErrorKind::kKeywordsMustBeStrings:
    case ErrorKind::kUnhashable:
    case ErrorKind::kDuplicateKey:
    case ErrorKind::kDateTimeParsing:
      return false;
  }
  return false;
}

// The one error of a body that is not JSON: where Python's parser stopped.
struct JsonInvalid {
  json::SyntaxCode code = json::SyntaxCode::kExpectingValue;
  uint64_t char_position = 0;
  uint64_t byte_offset = 0;
};

enum class Source : uint8_t {
  kBody,  // inputs are byte offsets into body() (a copy of the body: simdjson read it whole)
  kTree,  // inputs are nodes of tree() (the exact path's Python-faithful tree)
};

}  // namespace tfschema::walk

// In namespace detail: tfschema::Result (tfschema/result.hpp) holds one.
namespace tfschema::detail {

using walk::Fact;
using walk::JsonInvalid;
using walk::LocNode;
using walk::Record;
using walk::Source;
using walk::Step;
using walk::StepKind;

class ErrorList {
 public:
  ErrorList() {
    names_.reserve(64);
    quoted_names_.reserve(1024);
  }
  ~ErrorList() { delete owned_.load(std::memory_order_acquire); }
  ErrorList(const ErrorList&) = delete;
  ErrorList& operator=(const ErrorList&) = delete;

  // Empties the list for another body, keeping the first chunks.
  void reset(Profile profile, Schema schema, Source source);

  Profile profile() const { return profile_; }
  Schema schema() const { return schema_; }
  const rules::Policy& policy() const { return *policy_; }
  Source source() const { return source_; }
  size_t size() const { return records_.size(); }
  const Record& operator[](size_t i) const { return records_[i]; }
  Record& operator[](size_t i) { return records_[i]; }
  const LocNode& node(uint32_t i) const { return nodes_[i]; }
  std::string_view name(uint32_t i) const { return names_[i].text; }
  // The name needs no escape in JSON (printable ASCII but quote and backslash).
  bool name_is_plain(uint32_t i) const { return names_[i].plain; }
  // A plain name as the next item of a JSON array: ,"name" (a location's
  // step, written as one piece).
  std::string_view name_item_json(uint32_t i) const {
    return std::string_view(quoted_names_.data() + names_[i].quoted, names_[i].text.size() + 3);
  }
  const Fact& fact(uint32_t i) const { return facts_[i]; }
  // The rule `record` quotes (empty for the kinds that quote none).
  rules::Detail detail(const Record& record) const {
    if (record.fact == kNone) return {};
    if (!record.fact_inline()) return facts_[record.fact].detail;
    if (record.kind == ErrorKind::kStringPatternMismatch) {
      return rules::Detail::of_pattern(static_cast<rules::Pattern>(record.fact));
    }
    return rules::Detail::of_limit(record.fact);
  }
  const JsonInvalid& json_invalid() const { return json_invalid_; }
  std::string_view body() const { return body_; }
  const json::Document& tree() const { return tree_; }
  // Bytes held, for the validator's decision to keep this list for reuse.
  size_t capacity_bytes() const;

  // --- Building (the walkers, the validator) ---
  void add(const Record& record) { records_.push_back(record); }
  // A new default record, to be filled in place (see ChunkedVector::emplace_back).
  Record& add() { return records_.emplace_back(); }
  Record& last() { return records_.back(); }
  // Moves records [first, last) so that [middle, last) comes first.
  void rotate(size_t first, size_t middle, size_t last) { records_.rotate(first, middle, last); }
  // Keeps the records `order` names, in that order (with their facts and
  // location nodes, renumbered; the rest is freed).
  void keep(std::span<const uint32_t> order);
  uint32_t add_fact(const Fact& fact) { return add_fact(fact.detail, fact.tag); }
  // The same, copied member by member from where the caller built them (a
  // Detail built on the stack and copied whole is read back as vectors
  // before its members are stored: store forwarding fails).
  uint32_t add_fact(const rules::Detail& detail, uint32_t tag);
  // Record::fact for an error of `kind` that quotes `detail`, and whether
  // it is inline (Record::kFactInline): the one number of a limit or a
  // pattern in the record itself (no Fact to write and read back), the rest
  // added.
  struct FactRef {
    uint32_t fact;
    bool is_inline;
  };
  FactRef fact_for(ErrorKind kind, const rules::Detail& detail, uint32_t tag) {
    if (walk::quotes_limit(kind) && detail.limit >= 0 && detail.limit < kNone) {
      return {static_cast<uint32_t>(detail.limit), true};
    }
    if (kind == ErrorKind::kStringPatternMismatch && detail.pattern) {
      return {static_cast<uint32_t>(*detail.pattern), true};
    }
    return {add_fact(detail, tag), false};
  }
  void set_json_invalid(const JsonInvalid& error) { json_invalid_ = error; }
  std::string& mutable_body() { return body_; }
  json::Document& mutable_tree() { return tree_; }
  // The index of a static name (a schema field, tag or class name). Static
  // text comes back at the same address: the address is the key (the same
  // name at two addresses is two entries, which costs nothing else), and
  // the last index found for it is looked at first, inline: in its slot or
  // the slot next to it (two names whose addresses hash alike, met in turn,
  // would otherwise take each other's slot at every step).
  uint32_t intern(std::string_view name) {
    const size_t at = name_slot(name.data());
    const NameSlot& slot = name_slots_[at];
    if (slot.data == name.data() && slot.size == name.size()) return slot.index;
    const NameSlot& neighbour = name_slots_[at ^ 1];
    if (neighbour.data == name.data() && neighbour.size == name.size()) return neighbour.index;
    return intern_new(name);
  }
  // Sets record.prefix and record.steps from a location's steps (after the
  // root), sharing the leading steps with the previous call's.
  void set_loc(std::span<const Step> loc, Record& record);
  // A location node: `step` after the node `parent` (kNone: the root).
  uint32_t add_node(uint32_t parent, Step step) {
    nodes_.push_back(LocNode{parent, step});
    return static_cast<uint32_t>(nodes_.size() - 1);
  }

  // The errors as owned data (Result::errors()), built on demand: the first
  // one installed stays, a later one is dropped. Thread-safe.
  const std::vector<Error>* owned_errors() const { return owned_.load(std::memory_order_acquire); }
  const std::vector<Error>& install_owned_errors(std::unique_ptr<std::vector<Error>> built) const;

 private:
  uint32_t prefix_node(std::span<const Step> prefix);
  static size_t name_slot(const char* address) {
    static_assert(std::tuple_size_v<decltype(name_slots_)> == 256, "the hash picks one of 256 slots");
    return static_cast<size_t>((reinterpret_cast<uintptr_t>(address) * 0x9E3779B97F4A7C15ULL) >> 56);
  }
  uint32_t intern_new(std::string_view name);
  static constexpr uint32_t kNone = walk::kNone;

  Profile profile_ = Profile::kPydanticV2;
  Schema schema_ = Schema::kRequest;
  const rules::Policy* policy_ = nullptr;
  Source source_ = Source::kBody;
  walk::ChunkedVector<Record> records_;
  walk::ChunkedVector<LocNode, 16> nodes_;
  walk::ChunkedVector<Fact, 16, 256> facts_;
  struct Name {
    std::string_view text;
    bool plain;
    uint32_t quoted;  // where quoted_names_ holds it as ,"name" (plain names)
  };
  // Static names, kept from one body to the next (a few dozen).
  std::vector<Name> names_;
  std::string quoted_names_;
  // A name's address hashed: where intern() looks first (the name's
  // address and size there, so that a hit reads one slot).
  struct NameSlot {
    const char* data = nullptr;
    size_t size = SIZE_MAX;  // matches no name
    uint32_t index = 0;
  };
  std::array<NameSlot, 256> name_slots_{};
  JsonInvalid json_invalid_;
  std::string body_;
  json::Document tree_;
  // set_loc's memory of the last prefix and its nodes.
  std::vector<Step> last_prefix_;
  std::vector<uint32_t> last_prefix_nodes_;
  mutable std::atomic<std::vector<Error>*> owned_{nullptr};
};

}  // namespace tfschema::detail

namespace tfschema::walk {

using detail::ErrorList;

// Records locations given as a rules::Path. Consecutive errors share most of
// their path: each depth's step (its name interned) and prefix node are
// kept until the path changes at or above that depth, which the path's
// stamps tell (rules::Path::stamp). One PathLoc serves one walk (a Path
// made later at the same address would give the same stamps again).
class PathLoc {
 public:
  // `list` may be null for a walk that records nothing.
  explicit PathLoc(ErrorList* list) : list_(list) {
    steps_[0] = KnownStep{StepKind::kNone, 0};
    steps_[1] = KnownStep{StepKind::kNone, 0};
  }
  // A location in ErrorList::set_loc's layout: Record::prefix, the kinds of
  // the last two steps (Record::step_kinds) and their values. Returned in
  // registers, for the caller to store with the record's other members.
  struct Loc {
    uint32_t prefix;
    uint32_t steps[2];
    uint8_t step_kinds;
  };
  Loc locate(const rules::Path& path);
  // Sets record.prefix and record.steps.
  void set(const rules::Path& path, Record& record) {
    const Loc loc = locate(path);
    record.prefix = loc.prefix;
    record.flags = static_cast<uint8_t>((record.flags & ~Record::kStepKindBits) | loc.step_kinds);
    record.steps[0] = loc.steps[0];
    record.steps[1] = loc.steps[1];
  }
  // Forgets the nodes it made (the list renumbered them).
  void forget() {
    known_ = 0;
    made_ = 0;
  }

 private:
  static constexpr size_t kCapacity = rules::Path::kCapacity;
  ErrorList* list_;
  const rules::Path* path_ = nullptr;  // the path stamps_ are of
  // Not zeroed (a PathLoc is made for every body the collecting walk
  // reads): only the depths below known_ (stamps_, steps_) and made_
  // (nodes_) are read, and the two steps before depth 0.
  struct KnownStep {
    StepKind kind;
    uint32_t value;
  };
  std::array<uint64_t, kCapacity> stamps_;  // the path's stamp of each depth converted
  // Depth d's at d + 2, after two steps of kind kNone: a location's last
  // two steps are steps_[n] and steps_[n + 1], whatever its depth n.
  std::array<KnownStep, kCapacity + 2> steps_;
  std::array<uint32_t, kCapacity> nodes_;  // the node of steps_[0..d], for d < made_
  size_t known_ = 0;                       // depths converted
  size_t made_ = 0;                        // depths with a node
};

}  // namespace tfschema::walk
