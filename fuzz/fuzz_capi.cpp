// The C API on arbitrary bytes, in every profile, against the C++ API it
// wraps: the same verdict, status, errors and rendered body through the
// copying and the zero-copy entry points, and each error's line and column
// equal to line_column() from the start of the body (the C API computes them
// in one sorted sweep).
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_common.hpp"
#include "tfschema/tfschema.h"
#include "tfschema/tfschema.hpp"

namespace {

std::string_view c_text(const char* data, size_t length) {
  return data != nullptr ? std::string_view(data, length) : std::string_view();
}

// One text accessor's answer (the length is read after the call sets it).
using TextAccessor = const char* (*)(const tfschema_result*, size_t, size_t*);
std::string_view field(TextAccessor accessor, const tfschema_result* c, size_t i) {
  size_t length = 0;
  const char* data = accessor(c, i, &length);
  return c_text(data, length);
}

void check_error(const tfschema_result* c, size_t i, const tfschema::Error& e, std::string_view body) {
  if (field(tfschema_error_type, c, i) != e.type) tfschema::fuzz::fail("type differs", e.type);
  if (field(tfschema_error_msg, c, i) != e.msg) tfschema::fuzz::fail("msg differs", e.msg);
  if (field(tfschema_error_input_json, c, i) != e.input_json) tfschema::fuzz::fail("input differs", e.input_json);
  if (field(tfschema_error_ctx_json, c, i) != e.ctx_json) tfschema::fuzz::fail("ctx differs", e.ctx_json);
  if (tfschema_error_byte_offset(c, i) != e.byte_offset) tfschema::fuzz::fail("offset differs", e.msg);
  const tfschema::LineColumn lc = tfschema::line_column(body, e.byte_offset);
  if (tfschema_error_line(c, i) != lc.line || tfschema_error_column(c, i) != lc.column)
    tfschema::fuzz::fail("line/column differ", e.msg, tfschema::format_loc(e));
  if (tfschema_error_loc_count(c, i) != e.loc.size()) tfschema::fuzz::fail("loc length differs", e.msg);
  for (size_t j = 0; j < e.loc.size(); ++j) {
    const bool is_index = tfschema_error_loc_is_index(c, i, j) == 1;
    size_t length = 0;
    const char* key = tfschema_error_loc_key(c, i, j, &length);
    if (is_index != e.loc[j].is_index ||
        (is_index ? tfschema_error_loc_index(c, i, j) != e.loc[j].index : c_text(key, length) != e.loc[j].key))
      tfschema::fuzz::fail("loc item differs", tfschema::format_loc(e));
  }
}

void check_result(const tfschema_result* c, const tfschema::Result& cpp, std::string_view body) {
  if (tfschema_result_http_status(c) != cpp.http_status()) tfschema::fuzz::fail("HTTP status differs");
  if (tfschema_result_error_count(c) != cpp.errors().size()) tfschema::fuzz::fail("error count differs");
  if ((tfschema_result_truncated(c) == 1) != cpp.truncated()) tfschema::fuzz::fail("truncated differs");
  const std::string expected = tfschema::render_fastapi(cpp);
  size_t length = 0;
  char* rendered = tfschema_render_fastapi_alloc(c, &length);  // sets length before it is read below
  if (rendered == nullptr || std::string_view(rendered, length) != expected)
    tfschema::fuzz::fail("rendered body differs", expected, c_text(rendered, length));
  // snprintf-style into a buffer that is too small by one: a prefix.
  std::vector<char> small(length);
  if (tfschema_render_fastapi(c, small.data(), small.size()) != length ||
      (length > 0 && std::strncmp(small.data(), rendered, length - 1) != 0))
    tfschema::fuzz::fail("truncated rendering differs", expected);
  tfschema_free(rendered);
  for (size_t i = 0; i < cpp.errors().size(); ++i) check_error(c, i, cpp.errors()[i], body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > tfschema::fuzz::kMaxInput) return 0;
  const simdjson::padded_string body = tfschema::fuzz::padded_copy(data, size);
  const std::string_view view(body.data(), body.size());
  for (tfschema_profile profile :
       {TFSCHEMA_PROFILE_PYDANTIC_V2, TFSCHEMA_PROFILE_PYDANTIC_V1, TFSCHEMA_PROFILE_STRICT}) {
    tfschema_options options;
    tfschema_options_init(&options);
    options.profile = profile;
    tfschema_validator* validator = tfschema_validator_new(&options);
    tfschema::Validator reference({.profile = static_cast<tfschema::Profile>(profile)});
    const tfschema::Result expected = reference.validate(body);
    if (tfschema_is_valid(validator, body.data(), body.size()) != (expected.ok() ? 1 : 0) ||
        tfschema_is_valid_padded(validator, body.data(), body.size()) != (expected.ok() ? 1 : 0))
      tfschema::fuzz::fail("is_valid differs", tfschema_profile_name(profile));
    tfschema_result* copied = tfschema_validate(validator, body.data(), body.size());
    check_result(copied, expected, view);
    tfschema_result* padded = tfschema_validate_padded(validator, body.data(), body.size());
    tfschema_validator_free(validator);  // results outlive their validator
    check_result(padded, expected, view);
    tfschema_result_free(padded);
    tfschema_result_free(copied);
  }
  return 0;
}
