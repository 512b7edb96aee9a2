// Boost.Beast (Boost 1.74): one io_context per thread, each connection an async session on one of
// them (taken in turn), so an idle or slow client costs a socket and a timer, not a thread, and a
// request is read, answered and written by the thread that was woken for it: with one
// io_context shared by the pool, the thread that saw the socket ready handed the handler to
// another through a futex, a second wake-up on every request (docs/benchmarks.md). Chosen over
// cpp-httplib 0.11 by measurement (docs/benchmarks.md, "Web server"): the same throughput, a
// twentieth of the p99, and it cuts off slow clients and oversized bodies as it reads them.
#include "cli/http_server.hpp"

// Boost 1.74's Asio uses std::exchange without including <utility> under GCC 12's C++20.
#include <utility>
#define BOOST_BEAST_USE_STD_STRING_VIEW
#include <signal.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <memory>
#include <thread>
#include <vector>

#include "vstation/domain/error.hpp"

namespace vstation::cli {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

constexpr Msg kCannotListen{"cannot listen on {}:{} ({})", "无法在 {}:{} 上监听（{}）"};
constexpr Msg kTlsFailed{"cannot use the TLS certificate '{}' with key '{}' ({})",
                         "无法使用 TLS 证书“{}”和私钥“{}”（{}）"};

web::Request to_request(const http::request<http::string_body>& in, const std::string& remote,
                        bool tls) {
  web::Request r;
  r.method = std::string(in.method_string());
  std::string_view target = in.target();
  auto q = target.find('?');
  r.path = web::path_decode(target.substr(0, q));
  if (q != std::string_view::npos) r.query = web::parse_urlencoded(target.substr(q + 1));
  for (const auto& f : in) {
    std::string name(f.name_string());
    for (auto& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
    auto [it, fresh] = r.headers.emplace(name, std::string(f.value()));
    if (!fresh) it->second += (name == "cookie" ? "; " : ", ") + std::string(f.value());
  }
  r.body = in.body();
  r.remote = remote;
  r.tls = tls;
  return r;
}

// The answer to a HEAD request (`head`) is the GET's without its body: its Content-Length is the
// body's that is not sent.
http::response<http::string_body> to_response(web::Response&& in, unsigned version, bool keep_alive,
                                              bool head = false) {
  http::response<http::string_body> out{static_cast<http::status>(in.status), version};
  for (auto& [k, v] : in.headers) out.insert(k, v);
  out.keep_alive(keep_alive);
  if (head) {
    out.content_length(in.body.size());
  } else {
    out.body() = std::move(in.body);
    out.prepare_payload();
  }
  return out;
}

template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  Session(Stream&& stream, const web::App& app, asio::thread_pool& slow, std::string remote,
          bool tls, int deadline)
      : stream_(std::move(stream)),
        app_(app),
        slow_(slow),
        remote_(std::move(remote)),
        tls_(tls),
        deadline_(deadline) {}

  void start() {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      read();
    } else {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(deadline_));
      stream_.async_handshake(ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (!ec) self->read();
                              });
    }
  }

 private:
  Stream stream_;
  const web::App& app_;
  asio::thread_pool& slow_;  // where requests that hash a secret are answered
  std::string remote_;
  bool tls_;
  int deadline_;
  bool linger_ = false;  // refused mid-request: drain the rest before closing
  beast::flat_buffer buffer_;
  std::array<char, 4096> drain_{};
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;

  void read() {
    parser_.emplace();
    parser_->body_limit(kMaxBody);
    parser_->header_limit(kMaxHeaderBytes);
    // One deadline for the whole request: a client sending a byte now and then is cut off.
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(deadline_));
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                       self->on_read(ec);
                     });
  }

  // A refusal the server makes before any page sees the request, in the language of what was
  // read of it; the connection then closes.
  void refuse(web::Unreadable why, std::size_t limit) {
    web::Request partial;
    try {
      partial = to_request(parser_->get(), remote_, tls_);
    } catch (const std::exception&) {  // a line past decoding: nothing of it is used
    }
    linger_ = true;
    send(to_response(web::unreadable(why, limit, partial), 11, false));
  }

  void on_read(beast::error_code ec) {
    using web::Unreadable;
    if (ec == http::error::body_limit) return refuse(Unreadable::body_too_large, kMaxBody);
    // Past the limit before the request line was parsed: the target is what is too long.
    if (ec == http::error::header_limit)
      return parser_->get().method_string().empty()
                 ? refuse(Unreadable::target_too_long, kMaxHeaderBytes)
                 : refuse(Unreadable::header_too_large, kMaxHeaderBytes);
    // A request line or header the parser refuses (not a client that went away or timed out).
    if (ec && ec.category() == http::make_error_code(http::error::bad_method).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message &&
        ec != http::error::short_read)
      return refuse(Unreadable::malformed, 0);
    if (ec) return close();
    auto& req = parser_->get();
    if (std::distance(req.begin(), req.end()) > std::ptrdiff_t(kMaxHeaderFields))
      return refuse(Unreadable::too_many_fields, kMaxHeaderFields);
    auto request = to_request(req, remote_, tls_);
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    const bool head = req.method() == http::verb::head;
    if (!app_.slow(request)) return send(to_response(answer(request), version, keep_alive, head));
    // An Argon2id hash takes tens of milliseconds: computed on the pool, so that this thread's
    // other connections are served meanwhile; the answer is written back on this thread.
    asio::post(slow_, [self = this->shared_from_this(), request = std::move(request), version,
                       keep_alive, head] {
      auto r = self->answer(request);
      asio::post(self->stream_.get_executor(),
                 [self, r = std::move(r), version, keep_alive, head]() mutable {
                   self->send(to_response(std::move(r), version, keep_alive, head));
                 });
    });
  }

  web::Response answer(const web::Request& request) const {
    try {
      return app_.handle(request);
    } catch (const std::exception&) {
      auto r = web::plain(500, "internal error\n");
      web::add_security_headers(r);
      return r;
    }
  }

  void send(http::response<http::string_body>&& res) {
    response_ = std::move(res);
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(kWriteTimeoutSeconds));
    http::async_write(stream_, response_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                        if (!ec && self->linger_) return self->linger();
                        if (ec || !self->response_.keep_alive()) return self->close();
                        self->read();
                      });
  }

  void close() {
    beast::error_code ec;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  // Half-closes, then reads and drops what the client still sends (for at most kLingerSeconds):
  // closing with unread data would reset the connection and could lose the refusal on its way.
  void linger() {
    close();
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(kLingerSeconds));
    drain();
  }

  void drain() {
    beast::get_lowest_layer(stream_).async_read_some(
        asio::buffer(drain_), [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
          if (!ec) self->drain();
        });
  }
};

}  // namespace

void serve_http(const web::App& app, const ServerOptions& o,
                const std::function<void(int port)>& ready) {
  // Each context runs on one thread only (concurrency hint 1: no locking inside Asio).
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  for (int i = 0; i < o.threads; ++i) {
    contexts.push_back(std::make_unique<asio::io_context>(1));
    keep_running.push_back(asio::make_work_guard(*contexts.back()));
  }
  asio::io_context& ioc = *contexts.front();  // the acceptor's, the signals' and housekeeping's
  asio::thread_pool slow(static_cast<std::size_t>(o.threads));
  std::optional<ssl::context> tls;
  if (o.tls_cert) {
    tls.emplace(ssl::context::tls_server);
    tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                     ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    beast::error_code ec;
    tls->use_certificate_chain_file(*o.tls_cert, ec);
    if (!ec) tls->use_private_key_file(*o.tls_key, ssl::context::pem, ec);
    if (ec) throw DataError(kTlsFailed, *o.tls_cert, *o.tls_key, ec.message());
  }
  tcp::acceptor acceptor{ioc};
  int port = o.port;
  try {
    tcp::endpoint at{asio::ip::make_address(o.host), static_cast<unsigned short>(o.port)};
    acceptor.open(at.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(at);
    acceptor.listen(asio::socket_base::max_listen_connections);
    port = acceptor.local_endpoint().port();
  } catch (const boost::system::system_error& e) {
    throw DataError(kCannotListen, o.host, o.port, e.code().message());
  }
  std::size_t next = 0;  // the context the next connection lives on
  std::function<void()> accept = [&] {
    auto& home = *contexts[next++ % contexts.size()];
    acceptor.async_accept(home, [&](beast::error_code ec, tcp::socket socket) {
      if (!ec) {
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        auto remote = socket.remote_endpoint(ignored).address().to_string();
        if (tls)
          std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
              beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(std::move(socket)), *tls), app,
              slow, remote, true, o.request_deadline_seconds)
              ->start();
        else
          std::make_shared<Session<beast::tcp_stream>>(beast::tcp_stream(std::move(socket)), app,
                                                       slow, remote, false,
                                                       o.request_deadline_seconds)
              ->start();
      }
      if (acceptor.is_open()) accept();
    });
  };
  accept();
  // Expired sessions and codes, old rate-limit attempts: at start, then every so often. A busy
  // or unreachable database only delays it to the next round.
  asio::steady_timer tidy_timer{ioc};
  std::function<void()> tidy = [&] {
    try {
      (void)app.housekeeping();
    } catch (const std::exception&) {
    }
    tidy_timer.expires_after(std::chrono::seconds(o.housekeeping_seconds));
    tidy_timer.async_wait([&](beast::error_code ec) {
      if (!ec) tidy();
    });
  };
  asio::post(ioc, tidy);
  asio::signal_set stop(ioc, SIGINT, SIGTERM);
  stop.async_wait([&](beast::error_code, int) {
    beast::error_code ignored;
    acceptor.close(ignored);
    tidy_timer.cancel();
    keep_running.clear();
    for (auto& c : contexts) c->stop();
    slow.stop();
  });
  ready(port);
  std::vector<std::jthread> pool;
  for (std::size_t i = 1; i < contexts.size(); ++i)
    pool.emplace_back([&c = *contexts[i]] { c.run(); });
  ioc.run();
}

}  // namespace vstation::cli
