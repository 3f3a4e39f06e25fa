// tfschema: validates TrueFoundry artifact-version request bodies and answers
// exactly what the FastAPI server would answer.
//
//   #include <tfschema/tfschema.hpp>
//
//   tfschema::Validator validator({.profile = tfschema::Profile::kPydanticV2});
//   simdjson::padded_string body;
//   if (simdjson::padded_string::load("body.json").get(body)) { /* cannot read it */ }
//   tfschema::Result result = validator.validate(body);
//   if (!result.ok()) {
//     std::string response = tfschema::render_fastapi(result);  // the 422 body
//   }
#pragma once

#if __cplusplus < 202002L
#error "tfschema's C++ API needs C++20 (-std=c++20; pkg-config: tfschema-cpp); C programs use tfschema/tfschema.h"
#endif

#include "tfschema/error.hpp"
#include "tfschema/http.hpp"
#include "tfschema/profile.hpp"
#include "tfschema/render.hpp"
#include "tfschema/validator.hpp"
