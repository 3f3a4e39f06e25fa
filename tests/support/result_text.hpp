// Everything a caller can see of a Result, as one text: the status, the three
// rendered reports and every owned error's fields. Two results that answer
// alike give the same text; tests/unit/diagnostics_test.cpp and
// fuzz/fuzz_diagnostics.cpp compare the stream and the exact path with it.
#pragma once

#include <string>
#include <string_view>

#include "tfschema/tfschema.hpp"

namespace tfschema::testing {

inline std::string result_text(const Result& result, std::string_view body) {
  std::string out = std::to_string(result.http_status()) + (result.truncated() ? " truncated" : "") +
                    (result.server_cannot_render() ? " 500" : "") + "\n";
  out += render_fastapi(result) + "\n";
  out += render_json(result, body, "b") + "\n";
  out += render_text(result, body, "b");
  for (const Error& e : result.errors()) {
    out += format_loc(e) + "|" + std::string(e.type) + "|" + e.msg + "|" + e.input_json + "|" + e.ctx_json + "|" +
           std::to_string(e.byte_offset) + "|" + (e.server_cannot_render ? "500" : "") + "\n";
  }
  return out;
}

}  // namespace tfschema::testing
