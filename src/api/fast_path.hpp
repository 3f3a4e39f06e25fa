// The fast path on its own, so that tests can hold it to the exact path.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "rules/policy.hpp"
#include "tfschema/profile.hpp"
#include "walk/stream_walker.hpp"

namespace tfschema::detail {

// True when the stream walker proves, over simdjson On-Demand, that the
// profile's server accepts the body. False means "not proven": the exact
// path must decide. `key_stack` is scratch space, kept warm by the caller.
bool stream_proves_valid(simdjson::ondemand::parser& parser, simdjson::padded_string_view body,
                         const rules::Policy& policy, std::vector<std::string_view>& key_stack,
                         Schema schema = Schema::kRequest);

enum class StreamVerdict : uint8_t {
  kValid,     // proved valid
  kRejected,  // the walk met an error (or could not decide): `doc` can be walked again
  kUnread,    // simdjson could not read the body: only the exact path can say more
};

// stream_proves_valid(), keeping the document for stream_errors().
StreamVerdict stream_verdict(simdjson::ondemand::parser& parser, simdjson::ondemand::document& doc,
                             simdjson::padded_string_view body, const rules::Policy& policy,
                             std::vector<std::string_view>& key_stack, Schema schema);

// After stream_verdict() answered kRejected: walks `doc` again, recording every
// error into errors.list (in the server's order, at most errors.max_errors).
// False when the stream walker cannot decide this body as Python would; the
// list then holds nothing useful and the exact path must decide.
bool stream_errors(simdjson::ondemand::document& doc, simdjson::padded_string_view body, const rules::Policy& policy,
                   std::vector<std::string_view>& key_stack, Schema schema, walk::StreamErrors& errors);

}  // namespace tfschema::detail
