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
};

// Limits every request meets before a page sees it (a slow or endless client is cut off).
constexpr std::size_t kMaxBody = 64 * 1024;
constexpr int kReadTimeoutSeconds = 10;
constexpr int kWriteTimeoutSeconds = 10;

// Serves until SIGINT or SIGTERM; `ready` is called once the socket listens (with the port).
void serve_http(const web::App& app, const ServerOptions& o,
                const std::function<void(int port)>& ready);

}  // namespace vstation::cli
