// Finds every member name that repeats within one object, anywhere in a
// parsed body (the strict profile rejects them: two parsers that resolve a
// repeated name differently are a request-smuggling hole).
#pragma once

#include <cstdint>
#include <vector>

#include "json/document.hpp"
#include "tfschema/error.hpp"

namespace tfschema::walk {

struct DuplicateKey {
  std::vector<LocItem> loc;  // from the root, ending with the repeated name
  uint32_t member;           // the member node (its value is the last one given)
};

// In document order. Iterative: any nesting depth is safe.
void find_duplicate_keys(const json::Document& doc, std::vector<DuplicateKey>& out);

}  // namespace tfschema::walk
