// A growable array for many small records: it grows by fixed chunks, so its
// spare room is at most one chunk and growing never copies what it holds
// (std::vector doubles, and while it moves its elements the old and the new
// buffer are both alive: three times the data at the peak).
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace tfschema::walk {

// The first kFirst elements live inside the object (what a body with a few
// errors needs: no allocation), the others in chunks of kChunk (a power of
// two).
template <class T, size_t kFirst = 32, size_t kChunk = 4096>
class ChunkedVector {
  // Elements are copied into raw chunks: no constructor runs for spare room.
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
  static_assert((kChunk & (kChunk - 1)) == 0);

 public:
  ChunkedVector() = default;
  ChunkedVector(const ChunkedVector&) = delete;
  ChunkedVector& operator=(const ChunkedVector&) = delete;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  T& operator[](size_t i) { return at(i); }
  const T& operator[](size_t i) const { return const_cast<ChunkedVector*>(this)->at(i); }
  T& back() { return at(size_ - 1); }

  void push_back(const T& value) {
    if (size_ == capacity_) grow();
    new (slot(size_)) T(value);
    ++size_;
  }
  // A value-initialised element, built in its slot. Callers then set its
  // members there: an element built on the stack and copied in is read
  // back as vectors right after its members were stored one by one, and
  // that load waits for the stores (store forwarding fails).
  T& emplace_back() {
    if (size_ == capacity_) grow();
    T* element = new (slot(size_)) T();
    ++size_;
    return *element;
  }
  void pop_back() { --size_; }
  // Drops the elements and the chunks.
  void clear() {
    size_ = 0;
    chunks_.clear();
    capacity_ = kFirst;
  }
  // Bytes held, for the validator's decision to keep or free a list.
  size_t capacity_bytes() const { return capacity_ * sizeof(T) + chunks_.capacity() * sizeof(chunks_[0]); }

  // Moves [first, last) so that [middle, last) comes before [first, middle),
  // in place (three reversals: no extra memory).
  void rotate(size_t first, size_t middle, size_t last) {
    if (first == middle || middle == last) return;
    reverse(first, middle);
    reverse(middle, last);
    reverse(first, last);
  }

 private:
  static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__);
  struct Free {
    void operator()(void* p) const { ::operator delete(p); }
  };
  using Chunk = std::unique_ptr<void, Free>;

  // Out of line: rare, and its allocation inlined would make every caller
  // save registers for it.
  [[gnu::noinline]] void grow() {
    chunks_.emplace_back(::operator new(kChunk * sizeof(T)));
    capacity_ += kChunk;
  }
  void* slot(size_t i) {
    if (i < kFirst) return first_ + i * sizeof(T);
    const size_t rest = i - kFirst;
    return static_cast<T*>(chunks_[rest / kChunk].get()) + rest % kChunk;
  }
  T& at(size_t i) { return *std::launder(static_cast<T*>(slot(i))); }
  void reverse(size_t first, size_t last) {
    while (first + 1 < last) std::swap(at(first++), at(--last));
  }

  alignas(T) std::byte first_[kFirst * sizeof(T)];
  std::vector<Chunk> chunks_;
  size_t size_ = 0;
  // kFirst + chunks_.size() * kChunk, kept: adding an element reads one
  // member, not the chunk vector's two pointers.
  size_t capacity_ = kFirst;
};

}  // namespace tfschema::walk
