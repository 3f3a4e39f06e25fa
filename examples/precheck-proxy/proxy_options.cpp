#include "proxy_options.hpp"

#include <charconv>
#include <string>
#include <string_view>
#include <system_error>

namespace precheck {

std::string proxy_usage() {
  std::string profiles;
  for (const tfschema::Profile profile : tfschema::kAllProfiles) {
    if (!profiles.empty()) profiles += '|';
    profiles += tfschema::profile_name(profile);
  }
  return "usage: tfschema-precheck-proxy --upstream http://HOST:PORT [--listen 127.0.0.1:PORT]\n"
         "         [--profile " +
         profiles +
         "] [--threads N] [--max-body-bytes N]\n"
         "         [--keep-alive-max-requests N] [--upstream-timeout SECONDS] [--allow-remote]\n"
         "Answers PUT /api/ml/v1/artifact-versions bodies the profile rejects with the server's\n"
         "exact 422/400 and relays every other request to the upstream server unchanged.\n";
}

namespace {

template <typename Number>
bool parse_number(std::string_view text, Number min, Number max, Number& out) {
  Number value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) return false;
  out = value;
  return true;
}

// "HOST:PORT" (an IPv6 host in brackets: "[::1]:8080").
bool parse_host_port(std::string_view text, std::string& host, int& port) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::string_view host_part = text.substr(0, colon);
  if (host_part.front() == '[') {
    if (host_part.size() < 3 || host_part.back() != ']') return false;
    host_part = host_part.substr(1, host_part.size() - 2);
  }
  if (!parse_number(text.substr(colon + 1), 0, 65535, port)) return false;
  host.assign(host_part);
  return true;
}

bool is_loopback(std::string_view host) { return host == "localhost" || host == "::1" || host.starts_with("127."); }

}  // namespace

std::optional<ProxyOptions> parse_proxy_options(const std::vector<std::string>& args, std::string& error) {
  ProxyOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--allow-remote") {
      options.allow_remote = true;
      continue;
    }
    if (i + 1 >= args.size()) {
      error = flag.starts_with("--") ? flag + " needs a value" : "unexpected argument " + flag;
      return std::nullopt;
    }
    const std::string& value = args[++i];
    bool ok = true;
    if (flag == "--listen") {
      ok = parse_host_port(value, options.listen_host, options.listen_port);
    } else if (flag == "--upstream") {
      ok = value.starts_with("http://") || value.starts_with("https://");
      options.upstream = value;
    } else if (flag == "--profile") {
      const auto profile = tfschema::profile_from_name(value);
      ok = profile.has_value() && tfschema::profile_implemented(*profile);
      if (ok) options.profile = *profile;
    } else if (flag == "--threads") {
      ok = parse_number(value, 1, 1024, options.threads);
    } else if (flag == "--max-body-bytes") {
      ok = parse_number(value, size_t{1}, size_t{1} << 40, options.max_body_bytes);
    } else if (flag == "--keep-alive-max-requests") {
      ok = parse_number(value, size_t{1}, size_t{1} << 32, options.keep_alive_max_requests);
    } else if (flag == "--upstream-timeout") {
      ok = parse_number(value, 1, 3600, options.upstream_timeout_seconds);
    } else {
      error = "unknown option " + flag;
      return std::nullopt;
    }
    if (!ok) {
      error = "bad value for " + flag + ": " + value;
      return std::nullopt;
    }
  }
  if (options.upstream.empty()) {
    error = "--upstream is required";
    return std::nullopt;
  }
  if (!options.allow_remote && !is_loopback(options.listen_host)) {
    error = "refusing to listen on " + options.listen_host + " (not loopback) without --allow-remote";
    return std::nullopt;
  }
  return options;
}

}  // namespace precheck
