// A std::string appender with a buffer on the stack, for the renderers: the
// pieces of an error are many and short, and each std::string::append is a
// call.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace tfschema::render {

// Appends what it is given to `out`, in order; everything is in `out` once
// it is destroyed (or str() is called).
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  ~Writer() { flush(); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  [[gnu::always_inline]] Writer& operator+=(char c) {
    if (size_ == kCapacity) flush();
    buffer_[size_++] = c;
    return *this;
  }
  [[gnu::always_inline]] Writer& operator+=(std::string_view s) {
    if (s.size() > kCapacity - size_) return append_long(s);
    copy(buffer_ + size_, s.data(), s.size());
    size_ += s.size();
    return *this;
  }
  [[gnu::always_inline]] Writer& operator+=(const char* s) { return *this += std::string_view(s); }
  void append_int(int64_t value) {
    if (kCapacity - size_ < 24) flush();
    size_ = static_cast<size_t>(std::to_chars(buffer_ + size_, buffer_ + kCapacity, value).ptr - buffer_);
  }
  // Room for `n` (at most kMaxRoom) bytes, to be written through the
  // returned pointer and then committed: the pieces of one error go through
  // a pointer the compiler keeps in a register, where each += reloads the
  // Writer's size (a store through a char pointer may change anything).
  static constexpr size_t kMaxRoom = 768;
  [[gnu::always_inline]] char* reserve(size_t n) {
    if (kCapacity - size_ < n) flush();
    return buffer_ + size_;
  }
  // Everything up to `end` (a pointer into the room reserve() gave) is written.
  [[gnu::always_inline]] void commit(char* end) { size_ = static_cast<size_t>(end - buffer_); }
  // Copies `s` to `to` and returns the end (inside reserved room).
  [[gnu::always_inline]] static char* put(char* to, std::string_view s) {
    copy(to, s.data(), s.size());
    return to + s.size();
  }
  // What has been written, in `out` and here.
  size_t size() const { return out_.size() + size_; }
  // For the writers of other modules: the string, everything written so far in it.
  std::string& str() {
    flush();
    return out_;
  }

 private:
  // A typical 422 (bench/data/invalid.json's is 2,300 bytes) fits whole:
  // one append to `out` at the end rather than one per kilobyte (measured
  // 12-30 ns less per rejected body than with 1 KB).
  static constexpr size_t kCapacity = 4096;
  static_assert(kMaxRoom <= kCapacity, "reserve() flushes at most once");
  // memcpy for the short pieces most appends are, without a call: two
  // overlapping loads and stores cover every length up to 16, two or four
  // 16-byte ones every length up to 64 (a location prefix, a message: a call
  // to libc's memcpy cost more than the copy).
  [[gnu::always_inline]] static void copy(char* to, const char* from, size_t n) {
    if (n > 64) {
      std::memcpy(to, from, n);
    } else if (n > 32) {
      copy_pair<Bytes16>(to, from, 32);
      copy_pair<Bytes16>(to + n - 32, from + n - 32, 32);
    } else if (n > 16) {
      copy_pair<Bytes16>(to, from, n);
    } else if (n >= 8) {
      copy_pair<uint64_t>(to, from, n);
    } else if (n >= 4) {
      copy_pair<uint32_t>(to, from, n);
    } else if (n != 0) {
      to[0] = from[0];
      to[n / 2] = from[n / 2];
      to[n - 1] = from[n - 1];
    }
  }
  struct Bytes16 {
    char bytes[16];
  };
  template <typename Word>
  [[gnu::always_inline]] static void copy_pair(char* to, const char* from, size_t n) {
    Word head;
    Word tail;
    std::memcpy(&head, from, sizeof(Word));
    std::memcpy(&tail, from + n - sizeof(Word), sizeof(Word));
    std::memcpy(to, &head, sizeof(Word));
    std::memcpy(to + n - sizeof(Word), &tail, sizeof(Word));
  }
  [[gnu::noinline]] Writer& append_long(std::string_view s) {
    flush();
    if (s.size() > kCapacity / 2) {
      out_.append(s);
    } else {
      std::memcpy(buffer_, s.data(), s.size());
      size_ = s.size();
    }
    return *this;
  }
  void flush() {
    if (size_ != 0) out_.append(buffer_, size_);
    size_ = 0;
  }
  std::string& out_;
  size_t size_ = 0;
  char buffer_[kCapacity];
};

}  // namespace tfschema::render
