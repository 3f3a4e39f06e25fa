// Turns recorded errors into public Errors in the profile's dialect: type
// strings, messages, echoed input and context, as the server words them.
#pragma once

#include <cstdint>
#include <string_view>

#include "json/document.hpp"
#include "json/py_parser.hpp"
#include "rules/policy.hpp"
#include "tfschema/error.hpp"
#include "tfschema/profile.hpp"
#include "walk/duplicate_keys.hpp"
#include "walk/raw_error.hpp"

namespace tfschema::render {

// The first loc element of every error about a document of `schema`:
// "body" for the request (FastAPI's RequestValidationError), "response" for
// the two response schemas (FastAPI's ResponseValidationError).
std::string_view loc_root(Schema schema);

// An error found while walking the tree.
Error build_error(const walk::RawError& raw, const json::Document& doc, const rules::Policy& policy,
                  std::string_view root);

// The body is not JSON the server's parser accepts.
Error build_json_invalid(const json::ParseResult& parse, std::string_view body, const rules::Policy& policy,
                         std::string_view root);

// A member name repeated in one object (strict).
Error build_duplicate_key(const walk::DuplicateKey& duplicate, const json::Document& doc, const rules::Policy& policy,
                          std::string_view root);

// The body is empty or JSON null: FastAPI's own "missing" error.
Error build_body_missing(const rules::Policy& policy);

}  // namespace tfschema::render
