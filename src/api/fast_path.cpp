// Which compiled copy of the fast path runs (fast_path.hpp). Compiled for the
// build's baseline target, like everything but the kernel objects.
#include "api/fast_path.hpp"

#include <algorithm>
#include <array>

#include "tfschema/validator.hpp"

namespace tfschema::detail {

StreamKernel::~StreamKernel() = default;

}  // namespace tfschema::detail

// The kernel objects' entry points (cmake/kernels.cmake defines
// TFSCHEMA_KERNEL_<NAME> for each one it builds).
extern "C" {
#ifdef TFSCHEMA_KERNEL_ICELAKE
tfschema::detail::StreamKernel* tfschema_stream_kernel_icelake();
#endif
#ifdef TFSCHEMA_KERNEL_HASWELL
tfschema::detail::StreamKernel* tfschema_stream_kernel_haswell();
#endif
#ifdef TFSCHEMA_KERNEL_WESTMERE
tfschema::detail::StreamKernel* tfschema_stream_kernel_westmere();
#endif
#ifdef TFSCHEMA_KERNEL_FALLBACK
tfschema::detail::StreamKernel* tfschema_stream_kernel_fallback();
#endif
#ifdef TFSCHEMA_KERNEL_NATIVE
tfschema::detail::StreamKernel* tfschema_stream_kernel_native();
#endif
}

namespace tfschema::detail {
namespace {

#define TFSCHEMA_FAST_PATH_STRINGIFY_(x) #x
#define TFSCHEMA_FAST_PATH_STRINGIFY(x) TFSCHEMA_FAST_PATH_STRINGIFY_(x)

struct KernelEntry {
  std::string_view name;
  StreamKernel* (*make)();
  bool checked_at_run_time;  // false: runs wherever the library runs (fallback; the TFSCHEMA_NATIVE build's own)
};

// Best first.
constexpr auto kKernels = std::to_array<KernelEntry>({
#ifdef TFSCHEMA_KERNEL_NATIVE
    // Built for this machine (-march=native): the library as a whole
    // already needs this CPU, and this file was compiled for the same kernel.
    {TFSCHEMA_FAST_PATH_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION), &tfschema_stream_kernel_native, false},
#endif
#ifdef TFSCHEMA_KERNEL_ICELAKE
    {"icelake", &tfschema_stream_kernel_icelake, true},
#endif
#ifdef TFSCHEMA_KERNEL_HASWELL
    {"haswell", &tfschema_stream_kernel_haswell, true},
#endif
#ifdef TFSCHEMA_KERNEL_WESTMERE
    {"westmere", &tfschema_stream_kernel_westmere, true},
#endif
#ifdef TFSCHEMA_KERNEL_FALLBACK
    {"fallback", &tfschema_stream_kernel_fallback, false},
#endif
});
static_assert(!kKernels.empty(), "no fast path kernel compiled in (cmake/kernels.cmake)");

constexpr std::array<std::string_view, 4> kRank = {"icelake", "haswell", "westmere", "fallback"};

size_t rank_of(std::string_view name) {
  return static_cast<size_t>(std::find(kRank.begin(), kRank.end(), name) - kRank.begin());
}

bool runs_here(const KernelEntry& kernel) {
  if (!kernel.checked_at_run_time) return true;
  const simdjson::implementation* implementation = simdjson::get_available_implementations()[kernel.name];
  return implementation != nullptr && implementation->supported_by_runtime_system();
}

// simdjson's active implementation runs stage 1 (the structural index) of
// every On-Demand parse: the fast path takes the same kernel, or the best
// one below it that is compiled in.
const KernelEntry& choose() {
  const size_t active = rank_of(simdjson::get_active_implementation()->name());
  for (const KernelEntry& kernel : kKernels) {
    if (!kernel.checked_at_run_time || (rank_of(kernel.name) >= active && runs_here(kernel))) return kernel;
  }
  return kKernels.back();
}

const KernelEntry& chosen() {
  static const KernelEntry& kernel = choose();
  return kernel;
}

constexpr auto kNames = [] {
  std::array<std::string_view, kKernels.size()> names;
  for (size_t i = 0; i < kKernels.size(); ++i) names[i] = kKernels[i].name;
  return names;
}();

}  // namespace

std::string_view stream_kernel_name() noexcept { return chosen().name; }

std::unique_ptr<StreamKernel> make_stream_kernel() { return std::unique_ptr<StreamKernel>(chosen().make()); }

std::span<const std::string_view> compiled_stream_kernels() noexcept { return kNames; }

std::unique_ptr<StreamKernel> make_stream_kernel(std::string_view name) {
  for (const KernelEntry& kernel : kKernels) {
    if (kernel.name == name && runs_here(kernel)) return std::unique_ptr<StreamKernel>(kernel.make());
  }
  return nullptr;
}

}  // namespace tfschema::detail

namespace tfschema {

std::string_view simd_kernel() noexcept { return detail::stream_kernel_name(); }

}  // namespace tfschema
