// The command line of `tfschema validate`, parsed.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tfschema/profile.hpp"

namespace tfschema::cli {

enum class Format { kFastapi, kText, kJson, kSarif, kGithub };
// How a file is read: by its extension (.yaml/.yml: YAML manifests, anything
// else: a JSON request body), or as --input says.
enum class InputMode { kAuto, kJson, kYaml };
enum class ColorWhen { kAuto, kAlways, kNever };

struct ValidateArgs {
  Profile profile = Profile::kPydanticV2;
  Schema schema = Schema::kRequest;
  Format format = Format::kFastapi;
  bool format_given = false;  // else the caller picks by whether stdout is a terminal
  bool jsonl = false;
  InputMode input = InputMode::kAuto;
  bool all_documents = false;  // validate YAML documents of every kind
  size_t max_body_bytes = size_t{64} << 20;
  std::vector<std::string> excludes;  // globs
  unsigned jobs = 0;                  // 0: all cores
  size_t max_errors = 0;
  ColorWhen color = ColorWhen::kAuto;
  bool quiet = false;
  bool progress = true;
  std::vector<std::string> paths;  // "-" is standard input; never empty after parsing
};

// What parsing decided: run with `args`, or stop with `exit_status` after
// printing help (to stdout) or `error` (to stderr, by the caller).
struct ParseOutcome {
  enum class Kind { kRun, kHelp, kError } kind = Kind::kRun;
  ValidateArgs args;
  std::string error;
};

// Parses the arguments after "validate". Never throws on bad input: every
// problem is a ParseOutcome::Kind::kError with a message.
ParseOutcome parse_validate_args(const std::vector<std::string>& argv);

}  // namespace tfschema::cli
