// A parsed value written back the way the server echoes it: FastAPI's
// jsonable_encoder (which drops dict keys starting with "_sa"), then
// json.dumps(ensure_ascii=False, separators=(",", ":")).
#pragma once

#include <cstdint>
#include <string>

#include "json/document.hpp"

namespace tfschema::render {

struct EchoLimits {
  // jsonable_encoder recurses in Python: a value more levels deep than this
  // (a scalar or an empty container counts as one level) makes the server
  // fail (500) instead of echoing it.
  uint32_t server_max_depth = UINT32_MAX;
  // FastAPI's jsonable_encoder leaves out dict keys starting with "_sa".
  bool drop_sa_keys = true;
};

// Appends the echo of `node` to `out`. Returns false when the real server
// could not have rendered it (NaN/Infinity, a lone surrogate, too deep);
// the text written is then tfschema's well-formed stand-in.
bool append_echo(const json::Document& doc, uint32_t node, const EchoLimits& limits, std::string& out);

}  // namespace tfschema::render
