// What Pydantic v1 does to JSON values before checking them: str() of a
// number or bool for str fields, dict() of a non-object for models and dicts.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "body_reader.hpp"

namespace tfschema::reference::detail {

// Python's repr() (= str()) of a float: the shortest round-tripping digits,
// positional for exponents -5 < e < 16, "1e+16" style otherwise.
std::string python_float_repr(double value);

// Python's str() of a number or bool: "5", "1.5", "1e+16", "True".
std::string python_str(const Json& scalar);

// Python's dict(value) for a value that is not an object, as its (key,
// value) pairs in order (a later pair with an equal key wins, as in dict):
// "" gives none; an array gives one pair per item, where an item is a
// two-item array, a string of two characters or an object of two members
// (dict() iterates each). nullopt where dict() raises: anything else, or an
// unhashable key (an array or object).
std::optional<std::vector<std::pair<Json, Json>>> python_dict_pairs(const Json& value);

}  // namespace tfschema::reference::detail
