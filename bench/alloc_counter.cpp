// Counts heap allocations process-wide, so that every subject reports its
// allocations per iteration (SPEC §5: a valid body costs none in tfschema).
// malloc, calloc and realloc are interposed rather than operator new because
// the peers allocate through both (RapidJSON's CrtAllocator calls malloc);
// libstdc++'s operator new calls malloc, so it is counted too. glibc's
// __libc_* entry points do the work. Aligned allocations (posix_memalign,
// aligned_alloc) are not counted: none of the subjects allocates per body
// that way. Linked into tfschema_bench only: valgrind has its own malloc.
// Off in sanitizer builds (TFSCHEMA_BENCH_COUNT_ALLOCATIONS=0).
#include "alloc_counter.hpp"

#include <atomic>
#include <cstddef>
#include <cstdlib>

#if TFSCHEMA_BENCH_COUNT_ALLOCATIONS
extern "C" {
void* __libc_malloc(size_t size) noexcept;
void* __libc_calloc(size_t count, size_t size) noexcept;
void* __libc_realloc(void* pointer, size_t size) noexcept;
}

namespace {
// Relaxed: the benchmarks run on one thread; the count only has to be exact
// between two reads on that thread.
std::atomic<uint64_t> g_allocations{0};
}  // namespace

extern "C" {
void* malloc(size_t size) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(size);
}
void* calloc(size_t count, size_t size) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(count, size);
}
void* realloc(void* pointer, size_t size) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(pointer, size);
}
}

namespace tfschema::bench {
bool allocations_counted() noexcept { return true; }
uint64_t allocation_count() noexcept { return g_allocations.load(std::memory_order_relaxed); }
}  // namespace tfschema::bench

#else
// Sanitizer builds: the sanitizer owns malloc, and memory from glibc's would
// reach its free().
namespace tfschema::bench {
bool allocations_counted() noexcept { return false; }
uint64_t allocation_count() noexcept { return 0; }
}  // namespace tfschema::bench
#endif
