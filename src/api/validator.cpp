// The two entry points. Both first try the stream walker over simdjson
// On-Demand, which proves most valid bodies valid at parsing speed; every
// other body is parsed again the way the server's JSON parser reads it and
// checked by the same rules on that tree.
#include "tfschema/validator.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <new>

#include "api/fast_path.hpp"
#include "json/document.hpp"
#include "json/py_parser.hpp"
#include "render/error_builder.hpp"
#include "rules/policy.hpp"
#include "rules/response_rules.hpp"
#include "walk/duplicate_keys.hpp"
#include "walk/raw_error.hpp"
#include "walk/tree_walker.hpp"

namespace tfschema {

bool Result::server_cannot_render() const noexcept {
  return std::any_of(errors_.begin(), errors_.end(), [](const Error& e) { return e.server_cannot_render; });
}

int Result::http_status() const noexcept {
  switch (status_) {
    case Status::kValid:
      return 200;
    case Status::kInvalid:
      return 422;
    case Status::kBadRequest:
      return 400;
    case Status::kLimitExceeded:
      return 413;
    case Status::kUnsupported:
      return 501;
    case Status::kOutOfMemory:
      break;
  }
  return 500;
}

class Validator::Impl {
 public:
  explicit Impl(const Options& options) : options_(options), policy_(rules::policy_for(options.profile)) {
    parse_options_.dialect = policy_.dialect;
    parse_options_.max_depth = options.max_depth != 0 ? options.max_depth : policy_.server_max_depth;
    sink_.max_errors = options.max_errors;
  }

  const Options& options() const { return options_; }

  bool is_valid(simdjson::padded_string_view body) {
    if (precheck(body) != Status::kValid) return false;
    if (stream_proves_valid(body)) return true;
    if (parse(body).outcome != json::ParseOutcome::kOk) return false;
    if (policy_.null_body_is_missing && document_.node(document_.root()).kind == json::Kind::kNull) return false;
    if (policy_.reports_duplicate_keys && has_duplicate_keys()) return false;
    walk::TreeWalker<false> walker(document_, policy_, nullptr);
    rules::Path path;
    uint32_t root = document_.root();
    rules::check_document(walker, root, path, options_.schema);
    return !walker.failed();
  }

  Result validate(simdjson::padded_string_view body) {
    Result result;
    result.profile_ = options_.profile;
    result.status_ = precheck(body);
    if (result.status_ == Status::kInvalid) {
      result.errors_.push_back(render::build_body_missing(policy_));
    }
    if (result.status_ != Status::kValid || stream_proves_valid(body)) return result;
    exact_validate(body, result);
    return result;
  }

  bool is_valid(std::string_view body) { return is_valid(pad(body)); }
  Result validate(std::string_view body) { return validate(pad(body)); }

 private:
  // What is decided before reading the body: limits, the profile, emptiness.
  Status precheck(simdjson::padded_string_view body) const {
    if (!schema_implemented(options_.profile, options_.schema)) return Status::kUnsupported;
    if (body.size() > options_.max_body_bytes) return Status::kLimitExceeded;
    // FastAPI skips parsing an empty request body and reports it missing;
    // an empty response is just not JSON.
    if (body.empty() && options_.schema == Schema::kRequest) return Status::kInvalid;
    return Status::kValid;
  }

  bool stream_proves_valid(simdjson::padded_string_view body) {
    return detail::stream_proves_valid(parser_, body, policy_, key_stack_, options_.schema);
  }

  json::ParseResult parse(simdjson::padded_string_view body) {
    return json_parser_.parse(std::string_view(body.data(), body.size()), parse_options_, document_);
  }

  void exact_validate(simdjson::padded_string_view body, Result& result) {
    const json::ParseResult parsed = parse(body);
    switch (parsed.outcome) {
      case json::ParseOutcome::kOk:
        break;
      case json::ParseOutcome::kSyntaxError:
        result.status_ = Status::kInvalid;
        result.errors_.push_back(render::build_json_invalid(parsed, body, policy_, render::loc_root(options_.schema)));
        return;
      case json::ParseOutcome::kTooDeep:
      case json::ParseOutcome::kTooLarge:
        // Beyond the server's own limit it answers 400; with no server
        // behind it (strict) this is tfschema's limit.
        result.status_ = policy_.has_server ? Status::kBadRequest : Status::kLimitExceeded;
        return;
      default:
        result.status_ = Status::kBadRequest;
        return;
    }
    uint32_t root = document_.root();
    if (policy_.null_body_is_missing && document_.node(root).kind == json::Kind::kNull) {
      result.status_ = Status::kInvalid;
      result.errors_.push_back(render::build_body_missing(policy_));
      return;
    }
    if (policy_.reports_duplicate_keys) {
      duplicates_.clear();
      walk::find_duplicate_keys(document_, duplicates_);
      for (const walk::DuplicateKey& duplicate : duplicates_) {
        result.errors_.push_back(
            render::build_duplicate_key(duplicate, document_, policy_, render::loc_root(options_.schema)));
      }
    }
    sink_.clear();
    walk::TreeWalker<true> walker(document_, policy_, &sink_);
    rules::Path path;
    rules::check_document(walker, root, path, options_.schema);
    if (!walker.failed() && result.errors_.empty()) return;
    result.status_ = Status::kInvalid;
    result.truncated_ = sink_.truncated;
    result.errors_.reserve(sink_.errors.size());
    for (const walk::RawError& raw : sink_.errors) {
      result.errors_.push_back(render::build_error(raw, document_, policy_, render::loc_root(options_.schema)));
    }
  }

  bool has_duplicate_keys() const {
    for (size_t i = 0; i < document_.node_count(); ++i) {
      if (document_.node(static_cast<uint32_t>(i)).duplicated_key) return true;
    }
    return false;
  }

  // Copies into the reusable padded buffer, growing it only when needed.
  simdjson::padded_string_view pad(std::string_view body) {
    const size_t needed = body.size() + simdjson::SIMDJSON_PADDING;
    if (padded_capacity_ < needed) {
      padded_.reset(new char[needed]);  // std::bad_alloc is caught at the API boundary
      padded_capacity_ = needed;
    }
    // A default std::string_view has a null data(), which memcpy may not see.
    if (!body.empty()) std::memcpy(padded_.get(), body.data(), body.size());
    std::memset(padded_.get() + body.size(), 0, simdjson::SIMDJSON_PADDING);
    return simdjson::padded_string_view(padded_.get(), body.size(), needed);
  }

  Options options_;
  const rules::Policy& policy_;
  json::ParseOptions parse_options_;
  simdjson::ondemand::parser parser_;
  std::vector<std::string_view> key_stack_;
  json::Parser json_parser_;
  json::Document document_;
  walk::ErrorSink sink_;
  std::vector<walk::DuplicateKey> duplicates_;
  std::unique_ptr<char[]> padded_;
  size_t padded_capacity_ = 0;
};

// Impl's members may allocate as they are built: a std::bad_alloc from them
// (or from `new` itself) leaves impl_ empty, which ok() reports.
Validator::Validator(Options options) noexcept {
  try {
    impl_ = std::make_unique<Impl>(options);
  } catch (...) {
  }
}
Validator::~Validator() = default;
Validator::Validator(Validator&&) noexcept = default;
Validator& Validator::operator=(Validator&&) noexcept = default;

const Options& Validator::options() const noexcept {
  static const Options kDefaults;
  return impl_ ? impl_->options() : kDefaults;
}

// Nothing throws through the API: the only exception the implementation can
// raise is std::bad_alloc, reported as Status::kOutOfMemory (is_valid: false).
bool Validator::is_valid(simdjson::padded_string_view body) noexcept {
  try {
    return impl_ && impl_->is_valid(body);
  } catch (...) {
    return false;
  }
}

bool Validator::is_valid(std::string_view body) noexcept {
  try {
    return impl_ && impl_->is_valid(body);
  } catch (...) {
    return false;
  }
}

Result Validator::validate(simdjson::padded_string_view body) noexcept {
  try {
    if (impl_) return impl_->validate(body);
  } catch (...) {
  }
  return out_of_memory();
}

Result Validator::validate(std::string_view body) noexcept {
  try {
    if (impl_) return impl_->validate(body);
  } catch (...) {
  }
  return out_of_memory();
}

Result Validator::out_of_memory() noexcept {
  Result result;
  result.status_ = Status::kOutOfMemory;
  return result;
}

}  // namespace tfschema
