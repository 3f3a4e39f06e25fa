// The two entry points. Both first try the stream walker over simdjson
// On-Demand, which proves most valid bodies valid at parsing speed. A body it
// rejects is walked again on the same document to collect its errors in the
// server's order; only a body the stream walker cannot decide exactly as
// Python would is parsed again the way the server's JSON parser reads it and
// checked by the same rules on that tree.
#include "tfschema/validator.hpp"

#include <atomic>
#include <cstring>
#include <memory>
#include <new>

#include "api/exact_path.hpp"
#include "api/fast_path.hpp"
#include "api/result_access.hpp"
#include "json/document.hpp"
#include "json/py_parser.hpp"
#include "render/wording.hpp"
#include "rules/policy.hpp"
#include "rules/response_rules.hpp"
#include "walk/duplicate_keys.hpp"
#include "walk/error_list.hpp"
#include "walk/tree_walker.hpp"

namespace tfschema {

using detail::ResultAccess;

class Validator::Impl {
 public:
  explicit Impl(const Options& options)
      : options_(options),
        policy_(rules::policy_for(options.profile)),
        schema_implemented_(schema_implemented(options.profile, options.schema)) {
    parse_options_.dialect = policy_.dialect;
    parse_options_.max_depth = options.max_depth != 0 ? options.max_depth : policy_.server_max_depth;
    stream_errors_.max_errors = options.max_errors;
    stream_errors_.max_depth = parse_options_.max_depth;
  }

  const Options& options() const { return options_; }

  // Small, so that it is inlined into Validator::is_valid: the body goes to
  // the stream walker by reference, never copied (a copy of a view just
  // stored is a vector load that waits for the stores), and the exact path's
  // large frame is only built for the bodies that need it.
  bool is_valid(const simdjson::padded_string_view& body) {
    bool valid = false;
    if (precheck(body) == Status::kValid) {
      valid = stream_->verdict(body, policy_, key_stack_, options_.schema) == detail::StreamVerdict::kValid ||
              exact_is_valid(body);
    }
    release_if_large(body.size());
    return valid;
  }

  Result validate(const simdjson::padded_string_view& body) {
    Result result = ResultAccess::make(precheck(body), options_.profile);
    switch (result.status()) {
      case Status::kValid:
        break;
      case Status::kInvalid:  // an empty body
        report_body_missing(result);
        return result;
      case Status::kBadRequest:
      case Status::kLimitExceeded:
      case Status::kUnsupported:
      case Status::kOutOfMemory:
        return result;
    }
    const detail::StreamVerdict verdict = stream_->verdict(body, policy_, key_stack_, options_.schema);
    if (verdict != detail::StreamVerdict::kValid) {
      if (verdict == detail::StreamVerdict::kUnread || !stream_validate(body, result)) exact_validate(body, result);
    }
    release_if_large(body.size());
    return result;
  }

  bool is_valid(std::string_view body) { return is_valid(pad(body)); }
  Result validate(std::string_view body) { return validate(pad(body)); }

  // validate() without the stream walker, for the differential tests.
  Result validate_on_tree(simdjson::padded_string_view body) {
    Result result = ResultAccess::make(precheck(body), options_.profile);
    if (result.status() == Status::kValid) exact_validate(body, result);
    if (result.status() == Status::kInvalid && ResultAccess::errors(result) == nullptr) report_body_missing(result);
    return result;
  }

 private:
  // A Validator keeps the buffers of bodies up to this size for the next
  // body, and frees those of larger ones when done.
  static constexpr size_t kRetainedBodyBytes = size_t{1} << 20;
  // An error list this large is left to its Result rather than kept for reuse.
  static constexpr size_t kRetainedListBytes = size_t{1} << 20;

  // What is decided before reading the body: limits, the profile, emptiness.
  Status precheck(const simdjson::padded_string_view& body) const {
    if (!schema_implemented_) return Status::kUnsupported;
    if (body.size() > options_.max_body_bytes) return Status::kLimitExceeded;
    // FastAPI skips parsing an empty request body and reports it missing;
    // an empty response is just not JSON.
    if (body.empty() && options_.schema == Schema::kRequest) return Status::kInvalid;
    return Status::kValid;
  }

  // is_valid() for a body the stream walker did not prove valid.
  [[gnu::noinline]] bool exact_is_valid(const simdjson::padded_string_view& body) {
    if (parse(body).outcome != json::ParseOutcome::kOk) return false;
    if (policy_.null_body_is_missing && document_.node(document_.root()).kind == json::Kind::kNull) return false;
    if (policy_.reports_duplicate_keys && has_duplicate_keys()) return false;
    walk::TreeWalker<false> walker(document_, policy_);
    rules::Path path;
    uint32_t root = document_.root();
    rules::check_document(walker, root, path, options_.schema);
    return !walker.failed();
  }

  json::ParseResult parse(const simdjson::padded_string_view& body) {
    return json_parser_.parse(std::string_view(body.data(), body.size()), parse_options_, document_);
  }

  // The errors of a body the stream walker rejected, from the same
  // document; false when it cannot decide them as Python would.
  bool stream_validate(const simdjson::padded_string_view& body, Result& result) {
    walk::ErrorList& list = take_list(walk::Source::kBody);
    stream_errors_.list = &list;
    if (!stream_->errors(body, policy_, key_stack_, options_.schema, stream_errors_)) return false;
    if (list.size() == 0) return true;      // the yes/no could not decide it, and it is valid
    release_parsers_if_large(body.size());  // simdjson's buffers are not needed any more
    list.mutable_body().assign(body.data(), body.size());
    ResultAccess::set_status(result, Status::kInvalid);
    hand_over(result, stream_errors_.truncated);
    return true;
  }

  void exact_validate(const simdjson::padded_string_view& body, Result& result) {
    release_stream_if_large(body.size());  // done with simdjson: its buffers go before the tree comes
    const json::ParseResult parsed = parse(body);
    switch (parsed.outcome) {
      case json::ParseOutcome::kOk:
        break;
      case json::ParseOutcome::kSyntaxError: {
        ResultAccess::set_status(result, Status::kInvalid);
        walk::ErrorList& list = take_list(walk::Source::kBody);
        list.mutable_body().assign(body.data(), body.size());
        list.set_json_invalid(walk::JsonInvalid{parsed.code, parsed.char_position, parsed.byte_offset});
        walk::Record record;
        record.kind = ErrorKind::kJsonInvalid;
        const walk::Step position{walk::StepKind::kIndex, static_cast<uint32_t>(parsed.char_position)};
        list.set_loc(std::span<const walk::Step>(&position, 1), record);
        list.add(record);
        hand_over(result, false);
        return;
      }
      case json::ParseOutcome::kTooDeep:
      case json::ParseOutcome::kTooLarge:
        // Beyond the server's own limit it answers 400; with no server
        // behind it (strict) this is tfschema's limit.
        ResultAccess::set_status(result, policy_.has_server ? Status::kBadRequest : Status::kLimitExceeded);
        return;
      case json::ParseOutcome::kUndecodable:
      case json::ParseOutcome::kIntegerTooLong:
        ResultAccess::set_status(result, Status::kBadRequest);
        return;
    }
    uint32_t root = document_.root();
    if (policy_.null_body_is_missing && document_.node(root).kind == json::Kind::kNull) {
      ResultAccess::set_status(result, Status::kInvalid);
      report_body_missing(result);
      return;
    }
    walk::ErrorList& list = take_list(walk::Source::kTree);
    bool truncated = false;
    if (policy_.reports_duplicate_keys) {
      walk::find_duplicate_keys(document_, [&](std::span<const walk::Step> loc, uint32_t member) {
        if (options_.max_errors != 0 && list.size() >= options_.max_errors) {
          truncated = true;
          return;
        }
        walk::Record record;
        record.kind = ErrorKind::kDuplicateKey;
        record.input = member;
        list.set_loc(loc, record);
        list.add(record);
      });
    }
    walk::TreeWalker<true> walker(document_, policy_, &list, options_.max_errors);
    rules::Path path;
    rules::check_document(walker, root, path, options_.schema);
    if (list.size() == 0 && !truncated) return;
    // The records refer to the tree: it goes with them, and the validator
    // parses the next body into what the list held.
    std::swap(list.mutable_tree(), document_);
    ResultAccess::set_status(result, Status::kInvalid);
    hand_over(result, truncated || walker.truncated());
  }

  // The one error of an empty body (and, in the profiles that say so, of null).
  void report_body_missing(Result& result) {
    walk::ErrorList& list = take_list(walk::Source::kBody);
    walk::Record missing;
    missing.kind = ErrorKind::kBodyMissing;
    list.add(missing);
    hand_over(result, false);
  }

  bool has_duplicate_keys() const {
    for (size_t i = 0; i < document_.node_count(); ++i) {
      if (document_.node(static_cast<uint32_t>(i)).duplicated_key) return true;
    }
    return false;
  }

  // An empty error list for this body: the previous one when no Result
  // holds it any more (its chunks are reused), else a new one.
  walk::ErrorList& take_list(walk::Source source) {
    if (!list_ || list_.use_count() != 1) list_ = std::make_shared<walk::ErrorList>();
    // The Result that held it was destroyed on whatever thread: see its writes.
    std::atomic_thread_fence(std::memory_order_acquire);
    list_->reset(options_.profile, options_.schema, source);
    return *list_;
  }

  // Gives the list to the result, with what the renderer needs to know up
  // front. Errors from the tree may be ones the server cannot render.
  void hand_over(Result& result, bool truncated) {
    walk::ErrorList& list = *list_;
    bool cannot_render = false;
    if (list.source() == walk::Source::kTree || (list.size() == 1 && list[0].kind == ErrorKind::kJsonInvalid)) {
      for (size_t i = 0; i < list.size(); ++i) {
        list[i].set_server_cannot_render(!render::server_can_render(list, i));
        cannot_render |= list[i].server_cannot_render();
      }
    }
    ResultAccess::set_errors(result, list_, truncated, cannot_render);
    if (list.capacity_bytes() > kRetainedListBytes) list_.reset();
  }

  // After a large body: frees what was sized for it. The parsers' buffers
  // go as soon as the body is read; the padded copy of the body (which the
  // body may be) only when the call is done.
  void release_stream_if_large(size_t body_size) {
    if (body_size <= kRetainedBodyBytes) return;
    stream_->release();
    key_stack_ = std::vector<std::string_view>();
  }
  void release_parsers_if_large(size_t body_size) {
    if (body_size <= kRetainedBodyBytes) return;
    release_stream_if_large(body_size);
    json_parser_ = json::Parser();
    document_ = json::Document();
  }
  void release_if_large(size_t body_size) {
    if (body_size <= kRetainedBodyBytes) return;
    release_parsers_if_large(body_size);
    padded_.reset();
    padded_capacity_ = 0;
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
  bool schema_implemented_;  // for the profile (Options::schema)
  json::ParseOptions parse_options_;
  std::unique_ptr<detail::StreamKernel> stream_ = detail::make_stream_kernel();  // for this CPU
  std::vector<std::string_view> key_stack_;
  walk::StreamErrors stream_errors_;
  json::Parser json_parser_;
  json::Document document_;
  std::shared_ptr<walk::ErrorList> list_;
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
bool Validator::is_valid(const simdjson::padded_string_view& body) noexcept {
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

Result Validator::validate(const simdjson::padded_string_view& body) noexcept {
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

Result Validator::out_of_memory() noexcept { return ResultAccess::make(Status::kOutOfMemory, Profile::kPydanticV2); }

namespace detail {

struct ValidatorAccess {
  static Result validate_on_tree(Validator& validator, simdjson::padded_string_view body) {
    return validator.impl_ ? validator.impl_->validate_on_tree(body) : Validator::out_of_memory();
  }
};

Result validate_on_tree(Validator& validator, simdjson::padded_string_view body) {
  return ValidatorAccess::validate_on_tree(validator, body);
}

}  // namespace detail

}  // namespace tfschema
