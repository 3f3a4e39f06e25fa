#include "cli/terminal.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace tfschema::cli {

bool stdout_is_terminal() { return isatty(STDOUT_FILENO) == 1; }
bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

bool use_colour(ColorWhen when) {
  switch (when) {
    case ColorWhen::kAlways:
      return true;
    case ColorWhen::kNever:
      return false;
    case ColorWhen::kAuto:
      break;
  }
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour != nullptr && *no_colour != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return stdout_is_terminal();
}

Palette Palette::colour() {
  return Palette{.bold = "\x1b[1m",
                 .error = "\x1b[1;31m",
                 .note = "\x1b[1;36m",
                 .caret = "\x1b[1;32m",
                 .gutter = "\x1b[34m",
                 .reset = "\x1b[0m"};
}

std::string with_thousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

namespace {

std::string mebibytes(uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

}  // namespace

ProgressBar::ProgressBar(bool enabled, std::optional<uint64_t> total_bytes, std::string_view unit,
                         std::chrono::milliseconds delay)
    : enabled_(enabled),
      total_bytes_(total_bytes),
      unit_(unit),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_),
      delay_(delay) {}

void ProgressBar::update(uint64_t bodies, uint64_t bytes) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const bool drew_before = last_draw_ != start_;
  if (now - start_ < delay_ || (drew_before && now - last_draw_ < std::chrono::milliseconds(100))) return;
  last_draw_ = now;
  drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line = "\r\x1b[Ktfschema: " + with_thousands(bodies) + ' ' + unit_ + ", " + mebibytes(bytes);
  if (total_bytes_ && *total_bytes_ > 0) {
    const double fraction = static_cast<double>(bytes) / static_cast<double>(*total_bytes_);
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth + 0.5);
    line += " of " + mebibytes(*total_bytes_) + " [" + std::string(std::min(filled, kWidth), '#') +
            std::string(kWidth - std::min(filled, kWidth), ' ') + "] " +
            std::to_string(static_cast<int>(fraction * 100)) + '%';
  }
  char rate[48];
  std::snprintf(rate, sizeof rate, ", %.1f MiB/s", static_cast<double>(bytes) / (1024.0 * 1024.0) / seconds);
  line += rate;
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (!drawn_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace tfschema::cli
