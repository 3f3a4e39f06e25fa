// tfschema-precheck-proxy: a reverse proxy in front of the artifact-versions
// server that answers bad PUT bodies itself (see README.md here).
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>

#include "precheck.hpp"
#include "proxy_options.hpp"
#include "relay.hpp"
#include "tfschema/http.hpp"
#include "tfschema/tfschema.hpp"

namespace {

constexpr const char* kPrecheckedPath = "/api/ml/v1/artifact-versions";

httplib::Server* g_server = nullptr;

extern "C" void stop_on_signal(int) {
  // Server::stop() only flips a flag and shuts the listening socket down.
  if (g_server != nullptr) g_server->stop();
}

// Each worker thread gets its own Validator and upstream connection the first
// time it handles a request: neither is thread-safe, both are cheap.
struct WorkerState {
  tfschema::Validator validator;
  precheck::Upstream upstream;
  explicit WorkerState(const precheck::ProxyOptions& options)
      : validator(precheck::precheck_validator_options(options.profile, options.max_body_bytes)), upstream(options) {}
};

WorkerState& worker_state(const precheck::ProxyOptions& options) {
  thread_local std::unique_ptr<WorkerState> state;
  if (!state) state = std::make_unique<WorkerState>(options);
  return *state;
}

// The request is one tfschema can judge exactly as FastAPI would: a JSON
// body (by FastAPI's reading of Content-Type) in its raw bytes.
bool can_precheck(const httplib::Request& req) {
  if (req.method != "PUT" || req.path != kPrecheckedPath) return false;
  if (req.get_header_value_count("Content-Type") > 1) return false;
  return tfschema::server_parses_as_json(req.get_header_value("Content-Type"));
}

void handle(const precheck::ProxyOptions& options, const httplib::Request& req, httplib::Response& res) {
  WorkerState& state = worker_state(options);
  if (can_precheck(req)) {
    if (auto answer = precheck::answer_locally(state.validator, req.body)) {
      res.set_header("Date", precheck::http_date_now());
      precheck::send_verbatim(res, answer->status, std::move(answer->body), "application/json");
      return;
    }
  }
  state.upstream.relay(req, res);
}

}  // namespace

int main(int argc, char** argv) {
  std::string error;
  const std::optional<precheck::ProxyOptions> parsed =
      precheck::parse_proxy_options(std::vector<std::string>(argv + 1, argv + argc), error);
  if (!parsed) {
    std::fprintf(stderr, "tfschema-precheck-proxy: %s\n%s", error.c_str(), precheck::proxy_usage().c_str());
    return 2;
  }
  const precheck::ProxyOptions options = *parsed;

  httplib::Server server;
  server.new_task_queue = [&options] { return new httplib::ThreadPool(static_cast<size_t>(options.threads)); };
  server.set_payload_max_length(options.max_body_bytes);
  server.set_keep_alive_max_count(options.keep_alive_max_requests);
  server.set_tcp_nodelay(true);
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    // cpp-httplib decodes gzip/deflate/br request bodies before any handler
    // sees them, so their original bytes cannot be relayed; FastAPI does not
    // decode them at all. Refuse rather than forward something else.
    const std::string encoding = req.get_header_value("Content-Encoding");
    if (!encoding.empty() && encoding != "identity") {
      precheck::send_verbatim(res, 415, R"({"detail":"Content-Encoding is not supported by the pre-check proxy"})",
                              "application/json");
      return httplib::Server::HandlerResponse::Handled;
    }
    // cpp-httplib would cut a Range out of every answer; FastAPI ignores
    // Range on this API. The Request is Server::process_request's own
    // (non-const) object, handed to handlers as const.
    const_cast<httplib::Request&>(req).ranges.clear();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    // cpp-httplib advertises its keep-alive limits; uvicorn sends no such header.
    res.headers.erase("Keep-Alive");
  });
  // Every method and path: the pre-check route is decided in handle().
  const auto handler = [&options](const httplib::Request& req, httplib::Response& res) { handle(options, req, res); };
  const std::string any = ".*";
  server.Get(any, handler);
  server.Post(any, handler);
  server.Put(any, handler);
  server.Patch(any, handler);
  server.Delete(any, handler);
  server.Options(any, handler);
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    precheck::send_verbatim(res, 500, "Internal Server Error", "text/plain; charset=utf-8");
  });

  int port = options.listen_port;
  if (port == 0) {
    port = server.bind_to_any_port(options.listen_host);
  } else if (!server.bind_to_port(options.listen_host, port)) {
    port = -1;
  }
  if (port < 0) {
    std::fprintf(stderr, "tfschema-precheck-proxy: cannot listen on %s:%d\n", options.listen_host.c_str(),
                 options.listen_port);
    return 1;
  }
  g_server = &server;
  std::signal(SIGINT, stop_on_signal);
  std::signal(SIGTERM, stop_on_signal);
  // The port line is how scripts learn a port picked with --listen HOST:0.
  std::printf("listening on %s:%d, profile %s, upstream %s\n", options.listen_host.c_str(), port,
              std::string(tfschema::profile_name(options.profile)).c_str(), options.upstream.c_str());
  std::fflush(stdout);
  const bool clean = server.listen_after_bind();
  g_server = nullptr;
  return clean ? 0 : 1;
}
