// The Python-compatible formatting against an independent reader: a float's
// repr reads back as the same double (strtod), and an echoed string is JSON
// that nlohmann reads back as the same text.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_common.hpp"
#include "text/py_float.hpp"
#include "text/py_json_writer.hpp"

namespace {

void check_float(const uint8_t* data) {
  double x;
  std::memcpy(&x, data, sizeof x);
  std::string repr;
  tfschema::text::append_python_float_repr(x, repr);
  if (std::isnan(x)) {
    if (repr != "nan") tfschema::fuzz::fail("repr(nan)", repr);
    return;
  }
  if (std::isinf(x)) {
    if (repr != (x > 0 ? "inf" : "-inf")) tfschema::fuzz::fail("repr(inf)", repr);
    return;
  }
  const double back = std::strtod(repr.c_str(), nullptr);
  if (std::memcmp(&back, &x, sizeof x) != 0) tfschema::fuzz::fail("float repr does not read back", repr);
  // Python prints a decimal point or an exponent, always.
  if (repr.find_first_of(".e") == std::string::npos) tfschema::fuzz::fail("float repr looks like an int", repr);
}

void check_string(std::string_view text) {
  std::string quoted;
  tfschema::text::append_python_json_string(text, quoted, tfschema::text::LoneSurrogatePolicy::kReplace);
  if (!nlohmann::json::accept(quoted)) tfschema::fuzz::fail("echoed string is not JSON", quoted);
  if (simdjson::validate_utf8(text.data(), text.size())) {
    const std::string back = nlohmann::json::parse(quoted).get<std::string>();
    if (back != text) tfschema::fuzz::fail("echoed string does not read back", text, back);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > tfschema::fuzz::kMaxInput) return 0;
  if (size >= 8) check_float(data);
  check_string(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
