// What Validator.validate() returns to Python: a tfschema::Result and, when
// it has errors, the body it came from (for Error.line/column). The response
// body, `detail` and the Error objects are made on first use and kept.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tfschema/validator.hpp"

namespace tfschema_python {

// A Python str from bytes the library produced: UTF-8, or CESU-8 where the
// body held lone surrogates (Python reads those with 'surrogatepass', and so
// do we); anything else is replaced rather than raised: a body is never a
// programming error.
pybind11::str to_str(std::string_view text);

// tfschema.Error: one error with everything it refers to.
struct PyError {
  pybind11::tuple loc;
  pybind11::str type;
  pybind11::str msg;
  pybind11::object input_json;  // str or None
  pybind11::object ctx_json;    // str or None
  uint64_t offset = 0;
  uint64_t line = 0;
  uint64_t column = 0;
  bool server_cannot_render = false;
  pybind11::str loc_text;  // "body.manifest.name", for str() and repr()
};

class PyResult {
 public:
  // `body` holds the validated bytes (Body::keep()), or None when the result
  // has no errors.
  PyResult(tfschema::Result result, pybind11::object body) : result_(std::move(result)), body_(std::move(body)) {}

  const tfschema::Result& result() const noexcept { return result_; }
  // The server's exact response body (b"" for a valid body); rendered once.
  pybind11::bytes response_body();
  // json.loads(response_body())["detail"], or [] for a valid body.
  pybind11::object detail();
  // A tuple of PyError, in the server's order, with line and column.
  pybind11::tuple errors();

 private:
  tfschema::Result result_;
  pybind11::object body_;
  pybind11::object response_;  // caches: null until first asked
  pybind11::object detail_;
  pybind11::object errors_;
};

// "valid", "invalid", "bad_request", "limit_exceeded", "unsupported".
const char* status_name(tfschema::Status status) noexcept;

}  // namespace tfschema_python
