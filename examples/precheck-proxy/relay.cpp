#include "relay.hpp"

#include <ctime>
#include <memory>
#include <utility>

namespace precheck {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Headers that describe one connection, not the message (RFC 7230 6.1), plus
// Content-Length (recomputed for the body actually sent) and Expect
// (cpp-httplib has already answered the 100-continue).
bool is_hop_by_hop(std::string_view name) {
  for (std::string_view hop : {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer",
                               "upgrade", "content-length", "expect"}) {
    if (equals_ignoring_case(name, hop)) return true;
  }
  return false;
}

// cpp-httplib adds these to every Request it receives; they are not the
// client's.
bool is_added_by_cpp_httplib(std::string_view name) {
  return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT";
}

}  // namespace

void send_verbatim(httplib::Response& res, int status, std::string body, const std::string& content_type) {
  res.status = status;
  if (body.empty()) {
    // No provider for an empty body: cpp-httplib then writes Content-Length: 0.
    if (!content_type.empty()) res.set_header("Content-Type", content_type);
    return;
  }
  auto shared = std::make_shared<const std::string>(std::move(body));
  res.set_content_provider(shared->size(), content_type.empty() ? "application/octet-stream" : content_type,
                           [shared](size_t offset, size_t length, httplib::DataSink& sink) {
                             return sink.write(shared->data() + offset, length);
                           });
}

std::string http_date_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[64];
  const size_t n = std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return std::string(text, n);
}

Upstream::Upstream(const ProxyOptions& options) : client_(options.upstream) {
  client_.set_keep_alive(true);
  // Relay bytes as they are: no decoding of the server's Content-Encoding,
  // no re-encoding of the client's target.
  client_.set_decompress(false);
  client_.set_url_encode(false);
  // Headers and body leave in two writes; without this, Nagle's algorithm
  // holds the body until the server's delayed ACK (40 ms on Linux).
  client_.set_tcp_nodelay(true);
  client_.set_connection_timeout(options.upstream_timeout_seconds, 0);
  client_.set_read_timeout(options.upstream_timeout_seconds, 0);
  client_.set_write_timeout(options.upstream_timeout_seconds, 0);
}

void Upstream::relay(const httplib::Request& req, httplib::Response& res) {
  httplib::Request out;
  out.method = req.method;
  out.path = req.target;
  for (const auto& [name, value] : req.headers) {
    if (!is_hop_by_hop(name) && !is_added_by_cpp_httplib(name)) out.headers.emplace(name, value);
  }
  // A body goes through a content provider: with Request::body set,
  // cpp-httplib adds "Content-Type: text/plain" when the client sent none,
  // and FastAPI reads a body without a Content-Type as JSON, text/plain not.
  // (content_length_ and content_provider_ are public, though httplib.h files
  // them under "private members": what Client::Put(path, headers, length,
  // provider, "") sets, for any method.) `req` outlives the send.
  if (!req.body.empty()) {
    const std::string* body = &req.body;
    out.content_length_ = body->size();
    out.content_provider_ = [body](size_t offset, size_t length, httplib::DataSink& sink) {
      return sink.write(body->data() + offset, length);
    };
  }
  httplib::Result answer = client_.send(out);
  if (!answer) {
    send_verbatim(res, 502, R"({"detail":"Bad Gateway: )" + httplib::to_string(answer.error()) + R"("})",
                  "application/json");
    return;
  }
  std::string content_type;
  for (const auto& [name, value] : answer->headers) {
    if (equals_ignoring_case(name, "content-type")) {
      content_type = value;
    } else if (!is_hop_by_hop(name)) {
      res.headers.emplace(name, value);
    }
  }
  // A HEAD answer has no body but the length of the GET's.
  if (answer->body.empty() && answer->has_header("Content-Length")) {
    res.set_header("Content-Length", answer->get_header_value("Content-Length"));
  }
  send_verbatim(res, answer->status, std::move(answer->body), content_type);
}

}  // namespace precheck
