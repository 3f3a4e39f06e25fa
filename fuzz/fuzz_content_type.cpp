// server_parses_as_json() against a direct model of what FastAPI does with
// the header (Python's email.message on the str value). A pre-check may say
// "not sure" (false) where FastAPI parses JSON, never the reverse: a false
// "JSON" would make it answer a body the server reads as bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_common.hpp"
#include "tfschema/http.hpp"

namespace {

// str.isspace() for the code points below 0x80 (the classifier says no to
// anything else before this model matters).
bool python_isspace(char c) { return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20); }

std::string python_strip(std::string_view s) {
  while (!s.empty() && python_isspace(s.front())) s.remove_prefix(1);
  while (!s.empty() && python_isspace(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// fastapi/routing.py: no header or "" -> json; else email.message's
// get_content_maintype() == "application" and the subtype is "json" or ends
// in "+json". get_content_type(): _splitparam(value)[0].lower(), and
// "text/plain" unless it holds exactly one '/'.
bool fastapi_parses_as_json(std::string_view header) {
  if (header.empty()) return true;
  std::string ctype = python_strip(header.substr(0, header.find(';')));
  for (char& c : ctype) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  size_t slashes = 0;
  for (char c : ctype) slashes += c == '/';
  if (slashes != 1) return false;
  const size_t slash = ctype.find('/');
  const std::string maintype = ctype.substr(0, slash);
  const std::string subtype = ctype.substr(slash + 1);
  return maintype == "application" && (subtype == "json" || subtype.ends_with("+json"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  const std::string_view header(reinterpret_cast<const char*>(data), size);
  const bool ours = tfschema::server_parses_as_json(header);
  for (char c : header) {
    // Non-ASCII: Python lowercases and strips more; the model above is ASCII.
    if (static_cast<unsigned char>(c) >= 0x80) {
      if (ours) tfschema::fuzz::fail("said JSON for a non-ASCII Content-Type", header, "(no model)");
      return 0;
    }
  }
  if (ours && !fastapi_parses_as_json(header)) {
    tfschema::fuzz::fail("said JSON where FastAPI reads bytes", header, "FastAPI: not JSON");
  }
  return 0;
}
