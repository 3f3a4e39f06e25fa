// The fast path on its own, so that tests can hold it to the exact path.
//
// simdjson On-Demand is header code, compiled for the instruction set of the
// translation unit that uses it (SIMDJSON_BUILTIN_IMPLEMENTATION). So the fast
// path is compiled once per SIMD kernel (fast_path_kernel.cpp, built by
// cmake/kernels.cmake), each copy behind this interface, and the validator
// takes the one simdjson chooses for the CPU it runs on.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "rules/policy.hpp"
#include "tfschema/profile.hpp"
#include "walk/stream_walker.hpp"

namespace tfschema::detail {

enum class StreamVerdict : uint8_t {
  kValid,     // proved valid
  kRejected,  // the walk met an error (or could not decide): errors() can walk the document again
  kUnread,    // simdjson could not read the body: only the exact path can say more
};

// One kernel's simdjson On-Demand parser and the document of the last body.
class StreamKernel {
 public:
  StreamKernel() = default;
  StreamKernel(const StreamKernel&) = delete;
  StreamKernel& operator=(const StreamKernel&) = delete;
  virtual ~StreamKernel();  // defined in fast_path.cpp: the vtable's home is not a kernel object

  // Whether the stream walker proves that the profile's server accepts the
  // body. `key_stack` is scratch space, kept warm by the caller. The body
  // by reference: a copy of the view its caller has just stored waits for
  // the stores (store forwarding fails for GCC's vector copy).
  virtual StreamVerdict verdict(const simdjson::padded_string_view& body, const rules::Policy& policy,
                                std::vector<std::string_view>& key_stack, Schema schema) = 0;

  // After verdict() answered kRejected for `body`: walks its document again,
  // recording every error into errors.list (in the server's order, at most
  // errors.max_errors). False when the stream walker cannot decide this body
  // as Python would; the list then holds nothing useful and the exact path
  // must decide.
  virtual bool errors(simdjson::padded_string_view body, const rules::Policy& policy,
                      std::vector<std::string_view>& key_stack, Schema schema, walk::StreamErrors& errors) = 0;

  // Frees the parser's buffers, which are sized for the largest body so far.
  virtual void release() = 0;
};

// The kernel the fast path runs here: simdjson's own choice for this CPU (its
// active implementation, which honours SIMDJSON_FORCE_IMPLEMENTATION) when it
// is compiled in, else the best compiled kernel the CPU runs. "icelake",
// "haswell", "westmere" or "fallback"; chosen once.
std::string_view stream_kernel_name() noexcept;
std::unique_ptr<StreamKernel> make_stream_kernel();

// The kernels compiled in, best first, and one of them by name (null when it
// is not compiled in or this CPU cannot run it): for tests.
std::span<const std::string_view> compiled_stream_kernels() noexcept;
std::unique_ptr<StreamKernel> make_stream_kernel(std::string_view name);

// True when the kernel proves the body valid; false means "not proven": the
// exact path must decide.
inline bool stream_proves_valid(StreamKernel& kernel, const simdjson::padded_string_view& body,
                                const rules::Policy& policy, std::vector<std::string_view>& key_stack,
                                Schema schema = Schema::kRequest) {
  return kernel.verdict(body, policy, key_stack, schema) == StreamVerdict::kValid;
}

}  // namespace tfschema::detail
