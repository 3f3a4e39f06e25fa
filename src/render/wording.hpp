// The text of recorded errors (walk/error_list.hpp) as the profile's server
// words them: type strings, messages, locations, echoed inputs and contexts.
// Everything is written into a caller's buffer; nothing is kept per error.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tfschema/error.hpp"
#include "walk/error_list.hpp"

namespace tfschema::render {

class Writer;
struct KindTexts;

// The first loc element of every error about a document of `schema`:
// "body" for the request (FastAPI's RequestValidationError), "response" for
// the two response schemas (FastAPI's ResponseValidationError).
std::string_view loc_root(Schema schema);

// One ErrorList's errors, by index. Not thread-safe (it remembers the last
// location it wrote); make one per rendering.
class Wording {
 public:
  explicit Wording(const walk::ErrorList& list);

  size_t size() const { return list_.size(); }
  ErrorKind kind(size_t i) const { return list_[i].kind; }
  // Static text.
  std::string_view type(size_t i) const;
  uint64_t byte_offset(size_t i) const;
  bool server_cannot_render(size_t i) const { return list_[i].server_cannot_render(); }

  // ["body","manifest","source","local","paths",1,"src"]
  void append_loc_json(size_t i, std::string& out);
  // body.manifest.source.local.paths[1].src
  void append_loc_text(size_t i, std::string& out) const;
  std::vector<LocItem> loc(size_t i) const;
  // The message's text.
  void append_msg(size_t i, std::string& out) const;
  // The echoed input as JSON text; false (nothing written) when the profile
  // echoes none.
  bool append_input_json(size_t i, std::string& out) const;
  // The context as a JSON object; false (nothing written) when there is none.
  bool append_ctx_json(size_t i, std::string& out) const;

  // One item of FastAPI's "detail" array, with the keys in the profile's
  // order (Pydantic v2: type, loc, msg, input, ctx; v1: loc, msg, type, ctx).
  void append_fastapi_item(size_t i, std::string& out);
  void append_fastapi_item(size_t i, Writer& out);
  Error error(size_t i) const;

 private:
  // Loc steps of error i after the root, the first one first.
  size_t steps(size_t i, walk::Step* out, size_t capacity) const;
  void append_item_json(const walk::Step& step, Writer& out) const;
  void loc_json(size_t i, Writer& out);
  // Room loc_json_into() may write: a kept prefix, two steps, the bracket.
  static constexpr size_t kStepRoom = 64;
  static constexpr size_t kLocRoom = 256 + 2 * kStepRoom + 1;
  char* loc_json_into(const walk::Record& record, char* p);
  size_t write_prefix(uint32_t prefix, char* buffer, size_t capacity) const;
  // write_prefix() of `prefix`, kept here for the next error; empty when it
  // cannot be kept.
  std::string_view kept_prefix(uint32_t prefix);
  std::string_view step_key(const walk::Step& step) const;

  const walk::ErrorList& list_;
  bool v1_;
  // The last location prefix written, as JSON (kept when short).
  uint32_t prefix_node_ = walk::kNone;
  std::array<char, 256> prefix_;  // (kLocRoom counts on its size)
  size_t prefix_size_ = 0;
  const KindTexts* kind_texts_ = nullptr;  // the dialect's, by kind (wording.cpp), once used
};

// Whether the real server can render error `i` (it answers 500 otherwise):
// false when its echo holds NaN, Infinity or a lone surrogate, is nested
// deeper than the server's encoder recurses, or (pydantic-v1) its union tag
// is unhashable. Errors recorded from the body's text are always renderable.
bool server_can_render(const walk::ErrorList& list, size_t i);

}  // namespace tfschema::render
