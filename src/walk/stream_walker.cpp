#include "walk/stream_walker.hpp"

#include <algorithm>
#include <numeric>

namespace tfschema::walk {

void StreamErrors::keep_first(size_t count) {
  order.resize(list->size());
  std::iota(order.begin(), order.end(), 0u);
  // Errors of equal keys (a loc item's two branches) keep the order they came in.
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
  if (order.size() > count) order.resize(count);
  std::vector<SortKey> kept;
  kept.reserve(order.size());
  for (const uint32_t i : order) kept.push_back(keys[i]);
  keys.swap(kept);
  list->keep(order);
}

}  // namespace tfschema::walk
