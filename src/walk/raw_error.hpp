// An error as the exact path records it: coordinates into the parsed tree,
// turned into text only when the result is built (render/error_builder).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "json/document.hpp"
#include "rules/path.hpp"
#include "rules/request_rules.hpp"
#include "tfschema/error.hpp"

namespace tfschema::walk {

struct RawError {
  ErrorKind kind = ErrorKind::kMissing;
  std::array<rules::PathItem, rules::Path::kCapacity> path{};
  uint8_t path_size = 0;
  uint32_t input = json::kNoNode;  // the echoed value (for kMissing: the parent object)
  uint32_t tag = json::kNoNode;    // kUnionTagInvalid: the tag value
  rules::Detail detail;
};

// Where errors go, with the Options::max_errors cap.
struct ErrorSink {
  std::vector<RawError> errors;
  size_t max_errors = 0;  // 0: no cap
  bool truncated = false;

  void clear() {
    errors.clear();
    truncated = false;
  }
  // False once the cap is reached: the walk should stop.
  bool add(const RawError& error) {
    if (max_errors != 0 && errors.size() >= max_errors) {
      truncated = true;
      return false;
    }
    errors.push_back(error);
    return true;
  }
};

}  // namespace tfschema::walk
