// Finds every member name that repeats within one object, anywhere in a
// parsed body (the strict profile rejects them: two parsers that resolve a
// repeated name differently are a request-smuggling hole).
#pragma once

#include <cstdint>
#include <functional>
#include <span>

#include "json/document.hpp"
#include "walk/error_list.hpp"

namespace tfschema::walk {

// Calls found(loc, member) for each repeated name, in document order: `loc`
// leads from the root to the member (member keys and array indices), whose
// value is the last one given. Iterative: any nesting depth is safe.
void find_duplicate_keys(const json::Document& doc,
                         const std::function<void(std::span<const Step> loc, uint32_t member)>& found);

}  // namespace tfschema::walk
