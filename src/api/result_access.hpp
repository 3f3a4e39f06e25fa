// What the library's own code sees of a Result: its error list.
#pragma once

#include <memory>
#include <utility>

#include "tfschema/result.hpp"
#include "walk/error_list.hpp"

namespace tfschema::detail {

struct ResultAccess {
  static Result make(Status status, Profile profile) {
    Result result;
    result.status_ = status;
    result.profile_ = profile;
    return result;
  }
  static void set_errors(Result& result, std::shared_ptr<const ErrorList> errors, bool truncated,
                         bool server_cannot_render) {
    result.errors_ = std::move(errors);
    result.truncated_ = truncated;
    result.server_cannot_render_ = server_cannot_render;
  }
  static void set_status(Result& result, Status status) { result.status_ = status; }
  // Null when the result has no errors.
  static const ErrorList* errors(const Result& result) { return result.errors_.get(); }
};

}  // namespace tfschema::detail
