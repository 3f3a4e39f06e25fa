// Splits a byte stream, fed in chunks of any size, into JSON-lines bodies.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tfschema::cli {

class LineSplitter {
 public:
  // A line longer than `max_line_bytes` keeps only its first
  // max_line_bytes + 1 bytes (enough for the validator to refuse it by
  // size), so memory stays bounded whatever the input.
  explicit LineSplitter(size_t max_line_bytes) : max_line_bytes_(max_line_bytes) {}

  // Calls on_line(std::string_view line, uint64_t line_number) for every line
  // that `chunk` completes, without its '\n'. Lines are numbered from 1.
  template <class OnLine>
  void feed(std::string_view chunk, OnLine&& on_line) {
    while (!chunk.empty()) {
      const size_t newline = chunk.find('\n');
      const std::string_view piece = chunk.substr(0, newline);
      if (newline == std::string_view::npos) {
        keep(piece);
        return;
      }
      if (partial_.empty()) {
        on_line(bounded(piece), ++line_number_);  // the common case: no copy
      } else {
        keep(piece);
        on_line(std::string_view(partial_), ++line_number_);
        partial_.clear();
      }
      chunk.remove_prefix(newline + 1);
    }
  }

  // Ends the stream: a last line without '\n' is still a line; a stream that
  // ends with '\n' (or is empty) has no line after it.
  template <class OnLine>
  void finish(OnLine&& on_line) {
    if (!partial_.empty()) on_line(std::string_view(partial_), ++line_number_);
    partial_.clear();
  }

  uint64_t lines() const noexcept { return line_number_; }

 private:
  std::string_view bounded(std::string_view piece) const {
    return piece.size() > max_line_bytes_ ? piece.substr(0, max_line_bytes_ + 1) : piece;
  }
  void keep(std::string_view piece) {
    const size_t room = max_line_bytes_ + 1 - std::min(partial_.size(), max_line_bytes_ + 1);
    partial_.append(piece.substr(0, room));
  }

  size_t max_line_bytes_;
  uint64_t line_number_ = 0;
  std::string partial_;
};

}  // namespace tfschema::cli
