// Heap allocations made by the process so far (see alloc_counter.cpp).
#pragma once

#include <cstdint>

namespace tfschema::bench {
// False when this build cannot count (sanitizers own malloc).
bool allocations_counted() noexcept;
uint64_t allocation_count() noexcept;
}  // namespace tfschema::bench
