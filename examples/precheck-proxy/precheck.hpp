// The proxy's one decision: answer a request body here, or let the server.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tfschema/tfschema.hpp"

namespace precheck {

// A response the proxy sends itself instead of the server's.
struct LocalAnswer {
  int status = 0;    // 422
  std::string body;  // the server's exact JSON response body
};

// Options for the proxy's Validator. The server's nesting limit is Python's
// recursion limit, which depends on how deep its call stack already is: the
// v1 app parses 970 levels under TestClient (where the goldens come from) but
// only 969 under uvicorn. So the proxy's Validator stops `depth_margin`
// levels short of the profile's limit, and every body it then calls too deep
// (a 400) goes to the server, which knows its own stack.
tfschema::Options precheck_validator_options(tfschema::Profile profile, size_t max_body_bytes,
                                             uint32_t depth_margin = 16);

// The server's answer to `body` when tfschema can reproduce it byte for byte:
// a 422 for a body the profile rejects. nullopt means "forward": the body is
// valid; or tfschema could not decide (Status::kLimitExceeded, kUnsupported,
// kOutOfMemory);
// or the server answers 400 (too deep, or not decodable), which depends on
// the server's own stack (see above); or the server itself would fail to
// render its 422 and answer 500 (Error::server_cannot_render).
std::optional<LocalAnswer> answer_locally(tfschema::Validator& validator, std::string_view body);

}  // namespace precheck
