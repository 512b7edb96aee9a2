#pragma once
// The socket side of `vstation serve`: HTTP/1.1 (and HTTPS) turned into web::Request and back.
// Everything a page does is web::App's; only http_server.cpp sees Asio.

#include <functional>
#include <optional>
#include <string>

#include "vstation/web/app.hpp"

namespace vstation::cli {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::optional<std::string> tls_cert;
  std::optional<std::string> tls_key;
  int threads = 8;
  // One deadline for reading a whole request (headers and body): a slow or endless client is cut
  // off. Tests shorten it ($VSTATION_TEST_REQUEST_DEADLINE, see serve.cpp).
  int request_deadline_seconds = 10;
  // How often web::App::housekeeping() runs (also once at start).
  int housekeeping_seconds = 600;
};

// Limits every request meets before a page sees it (a slow or endless client is cut off).
constexpr std::size_t kMaxBody = 64 * 1024;
constexpr std::size_t kMaxHeaderBytes = 16 * 1024;  // else 431
constexpr std::size_t kMaxHeaderFields = 100;       // else 431
constexpr int kWriteTimeoutSeconds = 10;
// After refusing a request whose body is still coming, the server reads and drops it this long
// before closing, so that the client sees the refusal rather than a reset connection.
constexpr int kLingerSeconds = 2;

// Serves until SIGINT or SIGTERM; `ready` is called once the socket listens (with the port).
// Runs the app's housekeeping at start and every `housekeeping_seconds`.
void serve_http(const web::App& app, const ServerOptions& o,
                const std::function<void(int port)>& ready);

}  // namespace vstation::cli
