#include "json/key_index.hpp"

#include <algorithm>
#include <cstring>

namespace tfschema::json {
namespace {

// The 64-bit finalizer of MurmurHash3: spreads every input bit over the word.
uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace

void KeyIndex::clear() {
  if (used_ == 0) return;
  used_ = 0;
  if (++generation_ == 0) {  // wrapped: old entries could look current again
    std::fill(slots_.begin(), slots_.end(), Entry{});
    generation_ = 1;
  }
}

uint32_t KeyIndex::hash(uint32_t object, std::string_view key) const {
  // Seeded so that keys crafted to collide for one process do not collide
  // for another (the seed comes from the Parser).
  uint64_t h = mix(seed_ ^ (uint64_t{object} << 32 | key.size()));
  size_t i = 0;
  for (; i + 8 <= key.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, key.data() + i, sizeof(word));
    h = mix(h ^ word) + 0x9E3779B97F4A7C15ULL;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, key.data() + i, key.size() - i);
  return static_cast<uint32_t>(mix(h ^ tail ^ 0x2545F4914F6CDD1DULL) >> 32);
}

uint32_t KeyIndex::find(uint32_t object, std::string_view key, const Document& doc) const {
  if (slots_.empty()) return kNoNode;
  const uint32_t h = hash(object, key);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Entry& entry = slots_[i];
    if (is_free(entry)) return kNoNode;
    if (entry.hash == h && entry.object == object && doc.key(entry.member) == key) return entry.member;
  }
}

void KeyIndex::insert(uint32_t object, uint32_t member, std::string_view key) {
  // Keep the load factor at most 1/2 so probe sequences stay short.
  if ((used_ + 1) * 2 > slots_.size()) grow();
  const uint32_t h = hash(object, key);
  const size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (!is_free(slots_[i])) i = (i + 1) & mask;
  slots_[i] = Entry{h, object, member, generation_};
  ++used_;
}

void KeyIndex::grow() {
  std::vector<Entry> old;
  old.swap(slots_);
  slots_.assign(old.empty() ? 64 : old.size() * 2, Entry{});
  const size_t mask = slots_.size() - 1;
  for (const Entry& entry : old) {
    if (is_free(entry)) continue;
    size_t i = entry.hash & mask;
    while (!is_free(slots_[i])) i = (i + 1) & mask;
    slots_[i] = entry;
  }
}

}  // namespace tfschema::json
