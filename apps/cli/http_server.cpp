#include "cli/http_server.hpp"

#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <cctype>
#include <thread>

#include "vstation/domain/error.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kCannotListen{"cannot listen on {}:{} ({})", "无法在 {}:{} 上监听（{}）"};
constexpr Msg kTlsFailed{"cannot use the TLS certificate '{}' with key '{}'",
                         "无法使用 TLS 证书“{}”和私钥“{}”"};

web::Request from_httplib(const httplib::Request& in) {
  web::Request r;
  r.method = in.method;
  r.path = in.path;
  for (const auto& [k, v] : in.params) r.query.emplace(k, v);
  for (const auto& [k, v] : in.headers) {
    std::string name = k;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    r.headers[name] = v;
  }
  r.body = in.body;
  r.remote = in.remote_addr;
  return r;
}

void to_httplib(const web::Response& in, httplib::Response& out) {
  out.status = in.status;
  std::string type = "text/plain; charset=utf-8";
  for (const auto& [k, v] : in.headers) {
    if (k == "Content-Type") type = v;
    else out.headers.emplace(k, v);
  }
  out.set_content(in.body, type.c_str());
}

}  // namespace

void serve_http(const web::App& app, const ServerOptions& o,
                const std::function<void(int port)>& ready) {
  std::unique_ptr<httplib::Server> server;
  if (o.tls_cert) {
    auto tls = std::make_unique<httplib::SSLServer>(o.tls_cert->c_str(), o.tls_key->c_str());
    if (!tls->is_valid()) throw DataError(kTlsFailed, *o.tls_cert, *o.tls_key);
    server = std::move(tls);
  } else {
    server = std::make_unique<httplib::Server>();
  }
  server->new_task_queue = [n = o.threads] { return new httplib::ThreadPool(std::size_t(n)); };
  server->set_payload_max_length(kMaxBody);
  server->set_read_timeout(kReadTimeoutSeconds, 0);
  server->set_write_timeout(kWriteTimeoutSeconds, 0);
  server->set_keep_alive_max_count(100);
  server->set_keep_alive_timeout(5);
  const bool tls = o.tls_cert.has_value();
  // Every method and path goes to the app, which answers 404 for what it does not know. The
  // routes, not a pre-routing hook, so that httplib reads (and limits) the body first.
  const auto handler = [&app, tls](const httplib::Request& req, httplib::Response& res) {
    auto request = from_httplib(req);
    request.tls = tls;
    to_httplib(app.handle(request), res);
  };
  server->Get(".*", handler);
  server->Post(".*", handler);
  server->Put(".*", handler);
  server->Patch(".*", handler);
  server->Delete(".*", handler);
  server->Options(".*", handler);

  int port = o.port;
  if (port == 0) {
    port = server->bind_to_any_port(o.host.c_str());
    if (port < 0) throw DataError(kCannotListen, o.host, 0, std::strerror(errno));
  } else if (!server->bind_to_port(o.host.c_str(), port)) {
    throw DataError(kCannotListen, o.host, port, std::strerror(errno));
  }
  // SIGINT and SIGTERM stop the server; the waiting thread sees them, not a handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::jthread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server->stop();
  });
  ready(port);
  server->listen_after_bind();
  // Stopped by a signal: the waiter has returned. Otherwise wake it.
  if (waiter.joinable()) pthread_kill(waiter.native_handle(), SIGTERM);
}

}  // namespace vstation::cli
