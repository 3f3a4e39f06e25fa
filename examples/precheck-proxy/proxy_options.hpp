// The proxy's command line.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "tfschema/profile.hpp"

namespace precheck {

struct ProxyOptions {
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;
  std::string upstream;  // "http://HOST:PORT" (https:// too), required
  tfschema::Profile profile = tfschema::Profile::kPydanticV2;
  int threads = 4;
  // Larger bodies are refused with 413 before they are read in full.
  size_t max_body_bytes = size_t{64} << 20;
  // Requests one client connection may make before it is closed.
  size_t keep_alive_max_requests = 100000;
  int upstream_timeout_seconds = 30;
  // Listening on a non-loopback address needs this, on purpose.
  bool allow_remote = false;
};

// Parses argv (without the program name). On a usage error returns nullopt
// and sets `error` to a one-line explanation.
std::optional<ProxyOptions> parse_proxy_options(const std::vector<std::string>& args, std::string& error);

std::string proxy_usage();

}  // namespace precheck
