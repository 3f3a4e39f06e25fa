// What depends on the terminal: colours and the progress bar.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cli/args.hpp"

namespace tfschema::cli {

bool stdout_is_terminal();
bool stderr_is_terminal();

// Whether the text format is coloured: `always`, `never`, or for `auto` a
// terminal on standard output, TERM not "dumb" and NO_COLOR unset or empty
// (https://no-color.org: an explicit --color always still wins).
bool use_colour(ColorWhen when);

// ANSI SGR sequences, or empty strings when colour is off.
struct Palette {
  std::string_view bold;
  std::string_view error;   // bold red, as clang and rustc show "error:"
  std::string_view note;    // bold cyan
  std::string_view caret;   // bold green
  std::string_view gutter;  // blue line numbers
  std::string_view reset;

  static Palette colour();
  static Palette plain() { return {}; }
};

// "1,234,567"
std::string with_thousands(uint64_t n);

// A one-line progress report on standard error, redrawn at most ten times a
// second and only once the run has lasted `delay`; erased by finish().
class ProgressBar {
 public:
  ProgressBar(bool enabled, std::optional<uint64_t> total_bytes, std::string_view unit,
              std::chrono::milliseconds delay = std::chrono::seconds(1));
  void update(uint64_t bodies, uint64_t bytes);
  void finish();

 private:
  bool enabled_;
  std::optional<uint64_t> total_bytes_;
  std::string unit_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::chrono::milliseconds delay_;
  bool drawn_ = false;
};

}  // namespace tfschema::cli
