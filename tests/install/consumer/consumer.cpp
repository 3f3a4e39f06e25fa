// consumer_cpp PROFILE FILE: prints the HTTP status, a newline and the
// response body the server would send (nothing for 200), through the C++ API.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>

#include <tfschema/tfschema.hpp>

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  const std::optional<tfschema::Profile> profile = tfschema::profile_from_name(argv[1]);
  std::ifstream file(argv[2], std::ios::binary);
  if (!profile || !file) return 2;
  const std::string body((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  tfschema::Validator validator({.profile = *profile});
  const tfschema::Result result = validator.validate(body);
  std::cout << result.http_status() << '\n' << tfschema::render_fastapi(result);
  return validator.is_valid(body) == result.ok() ? 0 : 1;
}
