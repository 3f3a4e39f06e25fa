// Validates ApplyArtifactRequest bodies (PUT /api/ml/v1/artifact-versions)
// and, in the strict profile, the endpoint's answers (Options::schema:
// GetArtifactVersionResponse, HTTPValidationError).
//
//   tfschema::Validator validator;                 // pydantic-v2 profile
//   if (validator.is_valid(body)) { /* forward */ }
//   tfschema::Result result = validator.validate(body);
//   if (!result.ok()) send(result.http_status(), tfschema::render_fastapi(result));
//
// Thread safety: a Validator owns its parser state; use one per thread.
// Different Validators may be used concurrently.
//
// Nothing throws. When memory runs out, validate() answers
// Status::kOutOfMemory (and is_valid() false) and the Validator stays usable;
// a Validator whose construction ran out of memory says so with ok() and
// answers every body that way. One allocation escapes this: simdjson 3.0.1
// does not check that its On-Demand parser got its string buffer (made when
// a body is larger than any before), and reads through a null pointer if not.
//
// Memory: validating a body of n bytes holds about 5.7n bytes of simdjson's
// buffers (plus n for the padded copy the std::string_view overloads make)
// and, for a rejected body, 24 bytes per error plus a copy of the body in the
// Result (with Options::max_errors, at most twice the cap of records); a body
// the fast reader cannot decide (repeated member names, NaN, huge integers,
// pydantic-v1's dict() of a list, ...) is parsed into a tree of about 48
// bytes per JSON value. A Validator keeps its buffers for the next body, but
// frees those of a body over 1 MiB once it is done with it: one large
// request does not pin its memory.
#pragma once

#if __cplusplus < 202002L
#error "tfschema's C++ API needs C++20 (-std=c++20; pkg-config: tfschema-cpp); C programs use tfschema/tfschema.h"
#endif

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "tfschema/export.h"
#include "tfschema/profile.hpp"
#include "tfschema/result.hpp"

namespace tfschema {

struct Options {
  Profile profile = Profile::kPydanticV2;
  // The request body by default; see schema_implemented() for the others.
  Schema schema = Schema::kRequest;
  // Bodies longer than this are refused with Status::kLimitExceeded.
  size_t max_body_bytes = size_t{64} << 20;
  // Containers nested deeper than this are refused. 0 picks the profile's
  // server limit (deeper bodies make that server answer 400), so the answer
  // stays the server's. Any value is safe: no recursion depends on it.
  uint32_t max_depth = 0;
  // At most this many errors are reported; Result::truncated() says when
  // more were found. 0 means no limit (the servers report every error).
  size_t max_errors = 0;
};

namespace detail {
struct ValidatorAccess;
}  // namespace detail

class TFSCHEMA_API Validator {
 public:
  // Never throws: check ok() to learn whether memory ran out.
  explicit Validator(Options options = {}) noexcept;
  ~Validator();
  Validator(Validator&&) noexcept;
  Validator& operator=(Validator&&) noexcept;
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  // False when construction ran out of memory (or the Validator was moved
  // from): every body then gets Status::kOutOfMemory, is_valid() false, and
  // options() the defaults.
  bool ok() const noexcept { return impl_ != nullptr; }

  const Options& options() const noexcept;

  // The fast yes/no: true iff the server would accept the body. Stops at
  // the first problem. Zero copy; allocation-free for a valid body once the
  // validator has seen a body of that size. False when memory runs out.
  // Views are taken by reference: one passed by value does not fit in two
  // registers, and the copy the caller makes of the view it just built
  // waits for those stores (a few nanoseconds of a small body's budget).
  bool is_valid(const simdjson::padded_string_view& body) noexcept;
  bool is_valid(const simdjson::padded_string& body) noexcept { return is_valid(simdjson::padded_string_view(body)); }
  // Copies `body` into a reusable padded buffer first.
  bool is_valid(std::string_view body) noexcept;
  bool is_valid(const std::string& body) noexcept { return is_valid(std::string_view(body)); }

  // The diagnostic call: every error the server would report, in its order.
  // For a valid body it costs what is_valid() costs and allocates nothing;
  // for a rejected one, nothing once the previous Result with errors is gone
  // (its storage is reused), a handful otherwise. Status::kOutOfMemory, with
  // no errors, when memory runs out.
  Result validate(const simdjson::padded_string_view& body) noexcept;
  Result validate(const simdjson::padded_string& body) noexcept { return validate(simdjson::padded_string_view(body)); }
  // Copies `body` into a reusable padded buffer first.
  Result validate(std::string_view body) noexcept;
  Result validate(const std::string& body) noexcept { return validate(std::string_view(body)); }

 private:
  friend struct detail::ValidatorAccess;
  class Impl;
  static Result out_of_memory() noexcept;
  std::unique_ptr<Impl> impl_;
};

// The SIMD kernel simdjson On-Demand runs in Validators on this CPU, chosen
// once at first use: "icelake", "haswell", "westmere" or "fallback".
TFSCHEMA_API std::string_view simd_kernel() noexcept;

}  // namespace tfschema
