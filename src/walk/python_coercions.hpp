// What Pydantic v1 does to JSON values before checking a model or a Dict
// field: dict(value).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "json/document.hpp"

namespace tfschema::walk {

struct Pair {
  uint32_t key;  // a node: a string, or a number, bool or null
  uint32_t value;
};

// Python's dict(value) for a non-dict JSON value, as (key, value) pairs in
// order (later pairs win, as in dict): "" gives none; a list gives one pair
// per item, where an item is a two-item list, a string of two characters or
// an object with two members (dict() iterates those). Returns false where
// dict() raises: anything else, or an unhashable key (a list or object).
// Keys and values that exist only in Python's view (the characters of a
// string, the names of an object) are added to `doc` as string nodes.
bool coerce_to_pairs(json::Document& doc, uint32_t node, std::vector<Pair>& out);

}  // namespace tfschema::walk
