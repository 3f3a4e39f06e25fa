// tfschema <command> [options]: see help_text.hpp (and docs/man/tfschema.1).
// Exit status: 0 every input valid, 1 some input invalid, 2 usage or I/O error.
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "cli/help_text.hpp"
#include "cli/validate_command.hpp"
#include "tfschema/validator.hpp"

#ifndef TFSCHEMA_VERSION
#define TFSCHEMA_VERSION "unknown"
#endif

namespace {

using tfschema::cli::kExitUsage;
using tfschema::cli::kExitValid;

int run(int argc, char** argv) {
  const std::string_view command = argc > 1 ? argv[1] : "";
  if (command == "help" && argc > 2) {
    // `tfschema help validate` is `tfschema validate --help`.
    const std::string_view topic = argv[2];
    if (topic == "validate") return tfschema::cli::run_validate({"--help"});
    if (topic != "help") {
      std::fprintf(stderr, "tfschema: no help for '%s' (see 'tfschema --help')\n", argv[2]);
      return kExitUsage;
    }
  }
  if (command == "--help" || command == "-h" || command == "help") {
    std::fwrite(tfschema::cli::kMainHelp.data(), 1, tfschema::cli::kMainHelp.size(), stdout);
    return kExitValid;
  }
  if (command == "--version") {
    // The second line names the SIMD kernel the library chose for this CPU.
    std::printf("tfschema %s\nsimd kernel: %s\n", TFSCHEMA_VERSION, std::string(tfschema::simd_kernel()).c_str());
    return kExitValid;
  }
  if (command != "validate") {
    const std::string problem = command.empty() ? "missing command" : "unknown command '" + std::string(command) + "'";
    std::fprintf(stderr, "tfschema: %s (see 'tfschema --help')\n", problem.c_str());
    return kExitUsage;
  }
  return tfschema::cli::run_validate(std::vector<std::string>(argv + 2, argv + argc));
}

}  // namespace

int main(int argc, char** argv) {
  // The library never throws; what is left is the C++ runtime failing (no
  // memory, no thread): say so and stop with the I/O error status.
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "tfschema: %s\n", error.what());
  } catch (...) {
    std::fprintf(stderr, "tfschema: internal error\n");
  }
  return kExitUsage;
}
