// The answer to one body (Validator::validate): the server's status and, for
// a rejected body, its errors. No simdjson here: code that only reads or
// renders results includes this and render.hpp.
//
//   tfschema::Result result = validator.validate(body);
//   if (!result.ok()) {
//     std::string response;                          // reuse it across bodies
//     tfschema::render_fastapi(result, response);    // the server's 422 body
//   }
//
// Errors are kept compactly (about 24 bytes each plus a copy of the body) and
// turned into text only when rendered; errors() builds owned Error objects
// on demand, for callers that want them.
//
// A Result owns its data: it refers to neither the body nor the Validator,
// and copies share it (immutable). Reading one Result from several threads
// is safe.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "tfschema/error.hpp"
#include "tfschema/export.h"
#include "tfschema/profile.hpp"

namespace tfschema {

enum class Status : unsigned char {
  kValid,          // the server accepts the body (200)
  kInvalid,        // the server answers 422 with Result::errors()
  kBadRequest,     // the server answers 400 "There was an error parsing the body"
  kLimitExceeded,  // refused by an Options limit before validation (413)
  kUnsupported,    // the profile/schema pair is not implemented in this build
  kOutOfMemory,    // memory ran out while validating (500): the body was not judged
};

namespace detail {
class ErrorList;
struct ResultAccess;
}  // namespace detail

class TFSCHEMA_API Result {
 public:
  Result() = default;
  Status status() const noexcept { return status_; }
  bool ok() const noexcept { return status_ == Status::kValid; }
  // 200, 422, 400, 413, 501 or 500 (kOutOfMemory).
  int http_status() const noexcept;
  Profile profile() const noexcept { return profile_; }
  // More errors existed than Options::max_errors allowed.
  bool truncated() const noexcept { return truncated_; }
  // The real server answers this body with a 500 rather than the 422 that
  // http_status() and render_fastapi() give (some Error::server_cannot_render):
  // a proxy in front of that server forwards such bodies.
  bool server_cannot_render() const noexcept { return server_cannot_render_; }

  // The number of errors, without building them.
  size_t error_count() const noexcept;
  // Every error the server reports, in its order, as owned data: built on
  // the first call (which allocates; std::bad_alloc may escape it) and kept
  // with the result. The renderers (render.hpp) do not need it.
  const std::vector<Error>& errors() const;

 private:
  friend struct detail::ResultAccess;
  Status status_ = Status::kValid;
  Profile profile_ = Profile::kPydanticV2;
  bool truncated_ = false;
  bool server_cannot_render_ = false;
  std::shared_ptr<const detail::ErrorList> errors_;
};

}  // namespace tfschema
