#include "rules/patterns.hpp"

namespace tfschema::rules {

std::string_view pattern_text(Pattern pattern) {
  switch (pattern) {
    case Pattern::kName:
      return R"(^[A-Za-z0-9_\-]+$)";
    case Pattern::kMlRepo:
      return R"(^[a-zA-Z][a-zA-Z0-9\-]{1,98}[a-zA-Z0-9]$)";
    case Pattern::kVersionAlias:
      return R"(^v[a-zA-Z0-9.-]*([a-zA-Z0-9]+)$)";
    case Pattern::kUri:
      return R"(^(s3|gs|wasbs)://.*)";
  }
  return {};
}

}  // namespace tfschema::rules
