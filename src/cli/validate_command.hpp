// `tfschema validate`: inputs in, reports out, exit status back.
#pragma once

#include <string>
#include <vector>

namespace tfschema::cli {

inline constexpr int kExitValid = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;

// `argv` holds the arguments after "validate".
int run_validate(const std::vector<std::string>& argv);

}  // namespace tfschema::cli
