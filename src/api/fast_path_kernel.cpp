// The fast path for one SIMD kernel. cmake/kernels.cmake compiles this file
// once per kernel, with that kernel's target flags and TFSCHEMA_KERNEL set to
// its name, and makes each object self-contained: only its entry point,
// tfschema_stream_kernel_<name>, stays global. Everything else here (the
// walker and rules instantiated for this kernel's On-Demand types, and the
// inline std:: and simdjson code they use) is local to the object, so no
// other object can end up calling code compiled for instructions the CPU
// may lack.
#include <string_view>

#include "api/fast_path.hpp"
#include "rules/response_rules.hpp"

#ifndef TFSCHEMA_KERNEL
#error "compile with -DTFSCHEMA_KERNEL=<kernel> (cmake/kernels.cmake)"
#endif

#define TFSCHEMA_KERNEL_STRINGIFY_(x) #x
#define TFSCHEMA_KERNEL_STRINGIFY(x) TFSCHEMA_KERNEL_STRINGIFY_(x)
#define TFSCHEMA_KERNEL_CONCAT_(a, b) a##b
#define TFSCHEMA_KERNEL_CONCAT(a, b) TFSCHEMA_KERNEL_CONCAT_(a, b)
#define TFSCHEMA_KERNEL_ENTRY TFSCHEMA_KERNEL_CONCAT(tfschema_stream_kernel_, TFSCHEMA_KERNEL)

#ifdef TFSCHEMA_KERNEL_CHECKED
// The target flags must give simdjson the kernel this object is named after.
static_assert(std::string_view(TFSCHEMA_KERNEL_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION)) ==
                  TFSCHEMA_KERNEL_STRINGIFY(TFSCHEMA_KERNEL),
              "the kernel's compile flags select another simdjson kernel");
#endif

namespace tfschema::detail {
namespace {

// Trailing content after the root value is Python's "Extra data".
bool at_end(simdjson::ondemand::document& doc) { return doc.current_location().error() == simdjson::OUT_OF_BOUNDS; }

class Kernel final : public StreamKernel {
 public:
  StreamVerdict verdict(const simdjson::padded_string_view& body, const rules::Policy& policy,
                        std::vector<std::string_view>& key_stack, Schema schema) override {
    if (parser_.iterate(body).get(doc_)) return StreamVerdict::kUnread;
    simdjson::ondemand::value root;
    if (doc_.get_value().get(root)) return StreamVerdict::kUnread;  // scalar roots are for the exact path
    key_stack.clear();
    walk::StreamWalker walker(policy, &key_stack);
    rules::NoPath path;
    rules::check_document(walker, root, path, schema);
    if (walker.is_broken()) return StreamVerdict::kUnread;
    return walker.proved_valid() && at_end(doc_) ? StreamVerdict::kValid : StreamVerdict::kRejected;
  }

  bool errors(simdjson::padded_string_view body, const rules::Policy& policy, std::vector<std::string_view>& key_stack,
              Schema schema, walk::StreamErrors& errors) override {
    // Python reads a UTF-8 byte order mark as no character; the exact path
    // knows where that leaves every position.
    if (std::string_view(body.data(), body.size()).starts_with("\xEF\xBB\xBF")) return false;
    doc_.rewind();
    simdjson::ondemand::value root;
    if (doc_.get_value().get(root)) return false;
    key_stack.clear();
    errors.truncated = false;
    errors.found = 0;
    errors.keys.clear();
    walk::StreamCollector walker(policy, &key_stack, errors, body.data());
    rules::Path path;
    rules::check_document(walker, root, path, schema);
    if (walker.unsure() || !at_end(doc_)) return false;
    if (errors.max_errors != 0) {
      errors.keep_first(errors.max_errors);
      errors.truncated = errors.found > errors.max_errors;
    }
    return true;
  }

  void release() override {
    parser_ = simdjson::ondemand::parser();
    doc_ = simdjson::ondemand::document();
  }

 private:
  simdjson::ondemand::parser parser_;
  simdjson::ondemand::document doc_;
};

}  // namespace
}  // namespace tfschema::detail

// The object's one global symbol (C linkage: cmake/kernels.cmake names it).
// Throws std::bad_alloc.
extern "C" tfschema::detail::StreamKernel* TFSCHEMA_KERNEL_ENTRY() { return new tfschema::detail::Kernel(); }
