// The location of the value being checked, kept as a small fixed stack so
// that walking a valid body allocates nothing.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace tfschema::rules {

// No default member initializers: a Path's items are not zeroed (see Path::items_).
struct PathItem {
  std::string_view key;  // static text: a field name, union tag or class name
  int64_t index;
  bool is_index;
};

class Path {
 public:
  // The deepest location is response.data.manifest.source.<tag>.paths[i].src;
  // rules/response_rules.hpp checks at compile time that every schema fits.
  static constexpr size_t kCapacity = 12;

  void push_key(std::string_view key) {
    PathItem& item = next();
    item.key = key;
    item.index = 0;
    item.is_index = false;
  }
  void push_index(int64_t index) {
    PathItem& item = next();
    item.key = {};
    item.index = index;
    item.is_index = true;
  }
  void pop() { --size_; }
  size_t size() const { return size_ < kCapacity ? size_ : kCapacity; }
  const PathItem& operator[](size_t i) const { return items_[i]; }
  // A number no other push of this Path gave, set when item i was pushed.
  // Item i is as it was while its stamp is, and then so is every item
  // below it (changing one pops item i, and pushing it again stamps it
  // anew): a reader that kept the stamps finds the depth that changed from
  // the top, with no compare of the items (walk::PathLoc).
  uint64_t stamp(size_t i) const { return stamps_[i]; }

 private:
  // The new top item, written member by member in place: an item built on
  // the stack and copied in is read back as vectors before its members are
  // stored, which stalls (store forwarding fails). The schema bounds the
  // depth; the clamp only keeps a bug from writing outside the array.
  PathItem& next() {
    const size_t at = size_ < kCapacity ? size_ : kCapacity - 1;
    stamps_[at] = ++pushes_;
    ++size_;
    return items_[at];
  }

  // Not zeroed: only items (and stamps) below size_ are ever read, and a
  // Path is made for every body on the hot path.
  std::array<PathItem, kCapacity> items_;
  std::array<uint64_t, kCapacity> stamps_;
  size_t size_ = 0;
  uint64_t pushes_ = 0;
};

// A location nobody reads. The fast path stops at the first error and leaves
// its report to the exact path, so keeping its location would be wasted work.
struct NoPath {
  void push_key(std::string_view) {}
  void push_index(int64_t) {}
  void pop() {}
};

// Pushes on construction, pops on destruction; P is Path or NoPath.
template <class P>
class PathScope {
 public:
  PathScope(P& path, std::string_view key) : path_(path) { path_.push_key(key); }
  PathScope(P& path, int64_t index) : path_(path) { path_.push_index(index); }
  ~PathScope() { path_.pop(); }
  PathScope(const PathScope&) = delete;
  PathScope& operator=(const PathScope&) = delete;

 private:
  P& path_;
};

}  // namespace tfschema::rules
