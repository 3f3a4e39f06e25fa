// Talking HTTP on both sides: relaying to the server, sending exact bytes.
#pragma once

#include <string>
#include <string_view>

#include <httplib.h>

#include "proxy_options.hpp"

namespace precheck {

// Sends `body` exactly, with this Content-Type and its Content-Length.
// (cpp-httplib gzips or brotli-compresses a JSON `Response::body` for a
// client that accepts it; FastAPI does not, so the bytes go through a
// content provider, which it leaves alone.)
void send_verbatim(httplib::Response& res, int status, std::string body, const std::string& content_type);

// The Date header as uvicorn writes it: "Fri, 27 Nov 2026 07:00:40 GMT".
std::string http_date_now();

// One keep-alive connection to the upstream server. Not thread-safe: one
// per worker thread.
class Upstream {
 public:
  explicit Upstream(const ProxyOptions& options);

  // Sends the client's request (method, raw target, headers but hop-by-hop
  // ones, body) to the server and copies its answer into `res`; a 502 when
  // the server cannot be reached.
  void relay(const httplib::Request& req, httplib::Response& res);

 private:
  httplib::Client client_;
};

}  // namespace precheck
