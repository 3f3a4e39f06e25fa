// Prints the strict profile's verdict on every case of a golden file, one
// "id<TAB>valid|invalid" line each, for tests/strict/ajv_agreement.py.
#include <iostream>

#include "golden/golden_cases.hpp"
#include "tfschema/tfschema.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: strict_verdicts GOLDEN_FILE_NAME\n";
    return 2;
  }
  tfschema::Validator validator({.profile = tfschema::Profile::kStrict});
  for (const auto& c : tfschema::testing::load_golden_cases(argv[1])) {
    const tfschema::Result result = validator.validate(c.body);
    if (validator.is_valid(c.body) != result.ok()) {
      std::cerr << c.id << ": is_valid and validate disagree\n";
      return 1;
    }
    std::cout << c.id << '\t' << (result.ok() ? "valid" : "invalid") << '\n';
  }
  return 0;
}
