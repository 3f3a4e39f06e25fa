// tfschema validate [--profile P] [--format fastapi|text|json] [--jsonl] [FILE...|-]
// Exit status: 0 every input valid, 1 some input invalid, 2 usage or I/O error.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tfschema/tfschema.hpp"

namespace {

constexpr int kExitValid = 0;
constexpr int kExitInvalid = 1;
constexpr int kExitUsage = 2;

constexpr std::string_view kUsage =
    "usage: tfschema validate [--profile pydantic-v2|pydantic-v1|strict]\n"
    "                         [--schema request|response|error]\n"
    "                         [--format fastapi|text|json] [--jsonl] [FILE...|-]\n"
    "\n"
    "Validates PUT /api/ml/v1/artifact-versions request bodies and answers what\n"
    "the FastAPI server would answer.\n"
    "\n"
    "  --profile P    pydantic-v2 (default), pydantic-v1 or strict\n"
    "  --schema S     request (default): the PUT body; response: the 200 answer\n"
    "                 (GetArtifactVersionResponse); error: the 422 answer\n"
    "                 (HTTPValidationError); response and error need --profile strict\n"
    "  --format F     fastapi: the server's exact response body for each rejected\n"
    "                 input, one per line, nothing for a valid one;\n"
    "                 text: FILE:LINE:COL: error: LOC: MSG [TYPE] (default on a terminal);\n"
    "                 json: one JSON document per input with errors and positions\n"
    "  --jsonl        each line of each input is one body\n"
    "  FILE, -        inputs; - or no FILE reads standard input\n"
    "\n"
    "Exit status: 0 all valid, 1 some invalid, 2 usage or I/O error.\n";

enum class Format { kFastapi, kText, kJson };

struct Args {
  tfschema::Profile profile = tfschema::Profile::kPydanticV2;
  tfschema::Schema schema = tfschema::Schema::kRequest;
  Format format = Format::kFastapi;
  bool jsonl = false;
  std::vector<std::string> inputs;
};

int usage_error(std::string_view message) {
  std::cerr << "tfschema: " << message << "\n"
            << "Try 'tfschema validate --help'.\n";
  return kExitUsage;
}

std::optional<Format> format_from_name(std::string_view name) {
  if (name == "fastapi") return Format::kFastapi;
  if (name == "text") return Format::kText;
  if (name == "json") return Format::kJson;
  return std::nullopt;
}

// Parses argv after "validate"; returns an exit status to stop with, or -1.
int parse_args(int argc, char** argv, Args& args) {
  args.format = isatty(STDOUT_FILENO) ? Format::kText : Format::kFastapi;
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&](std::string_view flag) -> std::optional<std::string_view> {
      if (arg.substr(0, flag.size() + 1) == std::string(flag) + "=") return arg.substr(flag.size() + 1);
      if (arg == flag && i + 1 < argc) return std::string_view(argv[++i]);
      return std::nullopt;
    };
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return kExitValid;
    } else if (arg.rfind("--profile", 0) == 0) {
      const auto name = value("--profile");
      const auto profile = name ? tfschema::profile_from_name(*name) : std::nullopt;
      if (!profile) return usage_error("unknown profile '" + std::string(name.value_or("")) + "'");
      args.profile = *profile;
    } else if (arg.rfind("--schema", 0) == 0) {
      const auto name = value("--schema");
      const auto schema = name ? tfschema::schema_from_name(*name) : std::nullopt;
      if (!schema) return usage_error("unknown schema '" + std::string(name.value_or("")) + "'");
      args.schema = *schema;
    } else if (arg.rfind("--format", 0) == 0) {
      const auto name = value("--format");
      const auto format = name ? format_from_name(*name) : std::nullopt;
      if (!format) return usage_error("unknown format '" + std::string(name.value_or("")) + "'");
      args.format = *format;
    } else if (arg == "--jsonl") {
      args.jsonl = true;
    } else if (arg.size() > 1 && arg[0] == '-') {
      return usage_error("unknown option '" + std::string(arg) + "'");
    } else {
      args.inputs.emplace_back(arg);
    }
  }
  if (args.inputs.empty()) args.inputs.emplace_back("-");
  if (!tfschema::schema_implemented(args.profile, args.schema)) {
    std::cerr << "tfschema: schema '" << tfschema::schema_name(args.schema) << "' is not implemented for profile '"
              << tfschema::profile_name(args.profile) << "'\n";
    return kExitUsage;
  }
  return -1;
}

bool read_input(const std::string& name, std::string& out) {
  if (name == "-") {
    out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return !std::cin.bad();
  }
  std::ifstream file(name, std::ios::binary);
  if (!file) return false;
  std::ostringstream content;
  content << file.rdbuf();
  if (file.bad()) return false;
  out = std::move(content).str();
  return true;
}

// Validates one body and prints its report; returns whether it is valid.
bool report(tfschema::Validator& validator, const Args& args, std::string_view body, const std::string& name,
            uint64_t first_line = 1) {
  const tfschema::Result result = validator.validate(body);
  switch (args.format) {
    case Format::kFastapi:
      if (!result.ok()) std::cout << tfschema::render_fastapi(result) << '\n';
      break;
    case Format::kText:
      std::cout << tfschema::render_text(result, body, name, first_line);
      break;
    case Format::kJson:
      std::cout << tfschema::render_json(result, body, name, first_line) << '\n';
      break;
  }
  return result.ok();
}

int run_validate(int argc, char** argv) {
  Args args;
  if (const int stop = parse_args(argc, argv, args); stop >= 0) return stop;
  tfschema::Validator validator(tfschema::Options{.profile = args.profile, .schema = args.schema});
  bool all_valid = true;
  bool io_error = false;
  std::string content;
  for (const std::string& input : args.inputs) {
    const std::string name = input == "-" ? "<stdin>" : input;
    if (!read_input(input, content)) {
      std::cerr << "tfschema: cannot read '" << input << "'\n";
      io_error = true;
      continue;
    }
    if (!args.jsonl) {
      all_valid &= report(validator, args, content, name);
      continue;
    }
    size_t line_number = 0;
    for (size_t begin = 0; begin < content.size();) {
      size_t end = content.find('\n', begin);
      if (end == std::string::npos) end = content.size();
      ++line_number;
      all_valid &= report(validator, args, std::string_view(content).substr(begin, end - begin), name, line_number);
      begin = end + 1;
    }
  }
  std::cout.flush();
  if (io_error) return kExitUsage;
  return all_valid ? kExitValid : kExitInvalid;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view command = argc > 1 ? argv[1] : "";
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return kExitValid;
  }
  if (command != "validate")
    return usage_error(command.empty() ? "missing command" : "unknown command '" + std::string(command) + "'");
  return run_validate(argc, argv);
}
