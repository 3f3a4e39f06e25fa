// Finds an earlier member with the same key in a large JSON object, so that
// merging duplicate keys the way Python's dict does stays linear in the
// number of members.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "json/document.hpp"

namespace tfschema::json {

// One open-addressing table shared by all objects of a parse: entries are
// keyed by (object node, key text). Entries of closed objects stay behind;
// they cannot match a later object and the table holds at most one entry per
// member, so this stays linear. clear() keeps the capacity.
class KeyIndex {
 public:
  explicit KeyIndex(uint64_t seed = 0) : seed_(seed) {}

  void clear();
  void set_seed(uint64_t seed) { seed_ = seed; }

  // The member node of `object` whose key is `key`, or kNoNode.
  uint32_t find(uint32_t object, std::string_view key, const Document& doc) const;
  // Records `member` (whose key is `key`) as a member of `object`; the key
  // must not be present yet.
  void insert(uint32_t object, uint32_t member, std::string_view key);

 private:
  struct Entry {
    uint32_t hash = 0;
    uint32_t object = kNoNode;
    uint32_t member = kNoNode;
    uint32_t generation = 0;  // the slot is empty unless this is generation_
  };

  uint32_t hash(uint32_t object, std::string_view key) const;
  bool is_free(const Entry& entry) const { return entry.generation != generation_; }
  void grow();

  std::vector<Entry> slots_;  // size is 0 or a power of two
  size_t used_ = 0;
  // clear() empties the table by moving to a new generation, so that a warm
  // parser that once saw a huge object does not pay for its table on every
  // later body.
  uint32_t generation_ = 1;
  uint64_t seed_;
};

}  // namespace tfschema::json
