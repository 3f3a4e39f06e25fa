// The fast path on its own, so that tests can hold it to the exact path.
#pragma once

#include <simdjson.h>

#include <string_view>
#include <vector>

#include "rules/policy.hpp"
#include "tfschema/profile.hpp"

namespace tfschema::detail {

// True when the stream walker proves, over simdjson On-Demand, that the
// profile's server accepts the body. False means "not proven": the exact
// path must decide. `key_stack` is scratch space, kept warm by the caller.
bool stream_proves_valid(simdjson::ondemand::parser& parser, simdjson::padded_string_view body,
                         const rules::Policy& policy, std::vector<std::string_view>& key_stack,
                         Schema schema = Schema::kRequest);

}  // namespace tfschema::detail
