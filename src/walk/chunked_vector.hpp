// A growable array for many small records: it grows by fixed chunks, so its
// spare room is at most one chunk and growing never copies what it holds
// (std::vector doubles, and while it moves its elements the old and the new
// buffer are both alive: three times the data at the peak).
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace tfschema::walk {

// kFirst elements in the first chunk (what a body with a few errors needs),
// kChunk in each of the others (a power of two).
template <class T, size_t kFirst = 32, size_t kChunk = 4096>
class ChunkedVector {
  // Elements are copied into raw chunks: no constructor runs for spare room.
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
  static_assert((kChunk & (kChunk - 1)) == 0);

 public:
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  T& operator[](size_t i) { return at(i); }
  const T& operator[](size_t i) const { return const_cast<ChunkedVector*>(this)->at(i); }
  T& back() { return at(size_ - 1); }

  void push_back(const T& value) {
    if (size_ == capacity()) grow();
    new (slot(size_)) T(value);
    ++size_;
  }
  void pop_back() { --size_; }
  // Drops the elements, keeps the first chunk.
  void clear() {
    size_ = 0;
    if (chunks_.size() > 1) chunks_.resize(1);
  }
  // Bytes held, for the validator's decision to keep or free a list.
  size_t capacity_bytes() const { return capacity() * sizeof(T) + chunks_.capacity() * sizeof(chunks_[0]); }

  // Moves [first, last) so that [middle, last) comes before [first, middle),
  // in place (three reversals: no extra memory).
  void rotate(size_t first, size_t middle, size_t last) {
    if (first == middle || middle == last) return;
    reverse(first, middle);
    reverse(middle, last);
    reverse(first, last);
  }

 private:
  size_t capacity() const { return chunks_.empty() ? 0 : kFirst + (chunks_.size() - 1) * kChunk; }
  static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__);
  struct Free {
    void operator()(void* p) const { ::operator delete(p); }
  };
  using Chunk = std::unique_ptr<void, Free>;

  void grow() {
    const size_t n = chunks_.empty() ? kFirst : kChunk;
    chunks_.emplace_back(::operator new(n * sizeof(T)));
  }
  void* slot(size_t i) {
    if (i < kFirst) return static_cast<T*>(chunks_[0].get()) + i;
    const size_t rest = i - kFirst;
    return static_cast<T*>(chunks_[1 + rest / kChunk].get()) + rest % kChunk;
  }
  T& at(size_t i) { return *std::launder(static_cast<T*>(slot(i))); }
  void reverse(size_t first, size_t last) {
    while (first + 1 < last) std::swap(at(first++), at(--last));
  }

  std::vector<Chunk> chunks_;
  size_t size_ = 0;
};

}  // namespace tfschema::walk
