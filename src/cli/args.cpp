#include "cli/args.hpp"

#include <charconv>
#include <limits>
#include <optional>
#include <string_view>

namespace tfschema::cli {
namespace {

std::optional<Format> format_from_name(std::string_view name) {
  if (name == "fastapi") return Format::kFastapi;
  if (name == "text") return Format::kText;
  if (name == "json") return Format::kJson;
  if (name == "sarif") return Format::kSarif;
  if (name == "github") return Format::kGithub;
  return std::nullopt;
}

std::optional<InputMode> input_from_name(std::string_view name) {
  if (name == "auto") return InputMode::kAuto;
  if (name == "json") return InputMode::kJson;
  if (name == "yaml") return InputMode::kYaml;
  return std::nullopt;
}

// "67108864", "64K", "100M", "1G" (powers of 1024).
std::optional<size_t> size_from_text(std::string_view text) {
  size_t shift = 0;
  if (!text.empty()) {
    switch (text.back()) {
      case 'K':
      case 'k':
        shift = 10;
        break;
      case 'M':
      case 'm':
        shift = 20;
        break;
      case 'G':
      case 'g':
        shift = 30;
        break;
      default:
        break;
    }
  }
  if (shift != 0) text.remove_suffix(1);
  size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty() || value == 0) return std::nullopt;
  if (value > (std::numeric_limits<size_t>::max() >> shift)) return std::nullopt;
  return value << shift;
}

std::optional<ColorWhen> color_from_name(std::string_view name) {
  if (name == "auto") return ColorWhen::kAuto;
  if (name == "always") return ColorWhen::kAlways;
  if (name == "never") return ColorWhen::kNever;
  return std::nullopt;
}

std::optional<size_t> count_from_text(std::string_view text) {
  size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// More threads than this only cost memory: validation is CPU-bound.
constexpr size_t kMaxJobs = 1024;

class Parser {
 public:
  explicit Parser(const std::vector<std::string>& argv) : argv_(argv) {}

  ParseOutcome run() {
    bool options_ended = false;
    for (i_ = 0; i_ < argv_.size() && out_.kind == ParseOutcome::Kind::kRun; ++i_) {
      const std::string& arg = argv_[i_];
      if (options_ended || arg == "-" || arg.empty() || arg[0] != '-') {
        out_.args.paths.push_back(arg);
      } else if (arg == "--") {
        options_ended = true;
      } else {
        option(arg);
      }
    }
    if (out_.args.paths.empty()) out_.args.paths.emplace_back("-");
    return out_;
  }

 private:
  void fail(std::string message) {
    out_.kind = ParseOutcome::Kind::kError;
    out_.error = std::move(message);
  }

  // The value of `--name VALUE`, `--name=VALUE` or (for a short `-x`) `-xVALUE`.
  std::optional<std::string> value_of(std::string_view arg, std::string_view name) {
    if (arg.size() > name.size())
      return std::string(arg.substr(arg[name.size()] == '=' ? name.size() + 1 : name.size()));
    if (i_ + 1 < argv_.size()) return argv_[++i_];
    fail("option '" + std::string(name) + "' needs a value");
    return std::nullopt;
  }

  // Whether `arg` is the option `name`, alone or with an attached value.
  static bool is(std::string_view arg, std::string_view name) {
    if (arg.rfind(name, 0) != 0) return false;
    if (arg.size() == name.size()) return true;
    return name.size() == 2 ? true : arg[name.size()] == '=';  // -j4 and --jobs=4, not --jobsX
  }

  template <class T, class FromName>
  void named(std::string_view arg, std::string_view name, std::string_view what, FromName from_name, T& field) {
    const auto value = value_of(arg, name);
    if (!value) return;
    const auto parsed = from_name(*value);
    if (!parsed) return fail("unknown " + std::string(what) + " '" + *value + "'");
    field = *parsed;
  }

  void count(std::string_view arg, std::string_view name, size_t& field) {
    const auto value = value_of(arg, name);
    if (!value) return;
    const auto parsed = count_from_text(*value);
    if (!parsed) return fail("option '" + std::string(name) + "' needs a number, not '" + *value + "'");
    field = *parsed;
  }

  void option(std::string_view arg) {
    ValidateArgs& a = out_.args;
    if (arg == "--help" || arg == "-h") {
      out_.kind = ParseOutcome::Kind::kHelp;
    } else if (arg == "--jsonl") {
      a.jsonl = true;
    } else if (arg == "--quiet" || arg == "-q") {
      a.quiet = true;
    } else if (arg == "--no-progress") {
      a.progress = false;
    } else if (arg == "--all-documents") {
      a.all_documents = true;
    } else if (is(arg, "--input")) {
      named(arg, "--input", "input kind", input_from_name, a.input);
    } else if (is(arg, "--exclude")) {
      if (const auto value = value_of(arg, "--exclude")) a.excludes.push_back(*value);
    } else if (is(arg, "--max-body-bytes")) {
      const auto value = value_of(arg, "--max-body-bytes");
      if (!value) return;
      const auto parsed = size_from_text(*value);
      if (!parsed)
        return fail("option '--max-body-bytes' needs a size such as 67108864, 100M or 1G, not '" + *value + "'");
      a.max_body_bytes = *parsed;
    } else if (is(arg, "--profile")) {
      named(arg, "--profile", "profile", tfschema::profile_from_name, a.profile);
    } else if (is(arg, "--schema")) {
      named(arg, "--schema", "schema", tfschema::schema_from_name, a.schema);
    } else if (is(arg, "--format")) {
      named(arg, "--format", "format", format_from_name, a.format);
      a.format_given = true;
    } else if (is(arg, "--color")) {
      named(arg, "--color", "colour setting", color_from_name, a.color);
    } else if (is(arg, "--max-errors")) {
      count(arg, "--max-errors", a.max_errors);
    } else if (is(arg, "--jobs") || is(arg, "-j")) {
      size_t jobs = 0;
      count(arg, arg.rfind("--", 0) == 0 ? "--jobs" : "-j", jobs);
      if (out_.kind != ParseOutcome::Kind::kRun) return;
      if (jobs == 0 || jobs > kMaxJobs) return fail("option '--jobs' needs a number from 1 to 1024");
      a.jobs = static_cast<unsigned>(jobs);
    } else {
      fail("unknown option '" + std::string(arg) + "'");
    }
  }

  const std::vector<std::string>& argv_;
  size_t i_ = 0;
  ParseOutcome out_;
};

}  // namespace

ParseOutcome parse_validate_args(const std::vector<std::string>& argv) { return Parser(argv).run(); }

}  // namespace tfschema::cli
