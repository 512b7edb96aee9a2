#pragma once
// What the web load test and the web benchmark share: `vstation serve` as a child process on a
// loopback port, and a phone as a synchronous Boost.Beast HTTP/1.1 client (keep-alive, a cookie
// jar, the CSRF token of the last page, its own loopback source address).

// Boost 1.74's Asio uses std::exchange without including <utility> under GCC 12's C++20.
#include <utility>
#define BOOST_BEAST_USE_STD_STRING_VIEW
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace vstation::bench_web {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// `VSTATION --db DB serve --listen 127.0.0.1:0 [extra]`, its port read from the line it prints;
// stopped with SIGTERM (its clean shutdown) when this goes out of scope.
class Server {
 public:
  Server(const std::string& vstation, const std::string& db,
         const std::vector<std::string>& extra = {}) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork");
    if (pid_ == 0) {
      dup2(out[1], 1);
      close(out[0]);
      close(out[1]);
      std::vector<std::string> args{vstation, "--db", db, "serve", "--listen", "127.0.0.1:0"};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    out_ = out[0];  // kept open: the server prints again when it stops
    std::string line;
    char c;
    while (read(out_, &c, 1) == 1 && c != '\n') line += c;
    auto at = line.find("127.0.0.1:");
    if (at == std::string::npos) throw std::runtime_error("vstation serve said: '" + line + "'");
    port_ = std::stoi(line.substr(at + 10));
  }
  ~Server() { stop(); }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  [[nodiscard]] int port() const { return port_; }
  // SIGTERM and wait; the exit status (0: a clean stop).
  int stop() {
    if (pid_ <= 0) return status_;
    kill(pid_, SIGTERM);
    int st = 0;
    waitpid(pid_, &st, 0);
    pid_ = -1;
    close(out_);
    status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return status_;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  int port_ = 0;
  int status_ = 0;
};

struct Reply {
  int status = 0;
  std::string location;  // the Location header, if any
  std::string body;
};

// One phone: a keep-alive connection from its own loopback address (127.x.y.z, x >= 1: the
// server's sign-in rate limit counts attempts per client address, as it would count phones),
// the cookies the server set, and the CSRF token of the last page that carried one.
class Phone {
 public:
  Phone(int port, std::uint32_t address) : port_(port), address_(address) {}

  void set_address(std::uint32_t address) {
    address_ = address;
    disconnect();
  }

  Reply get(const std::string& target) { return send(http::verb::get, target, "", ""); }
  // A form POST; `fields` already URL-encoded where needed.
  Reply post_form(const std::string& target, const std::string& fields) {
    return send(http::verb::post, target, fields, "application/x-www-form-urlencoded");
  }
  // A JSON POST to the API, the CSRF token in its header.
  Reply post_json(const std::string& target, const std::string& json) {
    return send(http::verb::post, target, json, "application/json");
  }

  [[nodiscard]] const std::string& csrf() const { return csrf_; }
  [[nodiscard]] bool has_cookie(const std::string& name) const { return cookies_.count(name) > 0; }
  void forget_cookies() { cookies_.clear(); }

  void disconnect() {
    if (socket_) {
      beast::error_code ec;
      socket_->shutdown(tcp::socket::shutdown_both, ec);
      socket_.reset();
    }
  }

 private:
  asio::io_context ioc_;
  std::optional<tcp::socket> socket_;
  beast::flat_buffer buffer_;
  int port_;
  std::uint32_t address_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;

  void connect() {
    socket_.emplace(ioc_);
    socket_->open(tcp::v4());
    socket_->set_option(tcp::no_delay(true));
    socket_->bind(tcp::endpoint(asio::ip::address_v4(address_), 0));
    socket_->connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port_)));
    buffer_.clear();
  }

  Reply send(http::verb verb, const std::string& target, const std::string& body,
             const std::string& type) {
    // One retry on a fresh connection: the server may have closed an idle keep-alive one.
    for (int attempt = 0;; ++attempt) {
      bool fresh = !socket_;
      if (fresh) connect();
      try {
        return exchange(verb, target, body, type);
      } catch (const boost::system::system_error&) {
        disconnect();
        if (fresh || attempt > 0) throw;
      }
    }
  }

  Reply exchange(http::verb verb, const std::string& target, const std::string& body,
                 const std::string& type) {
    const std::string host = "127.0.0.1:" + std::to_string(port_);
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, host);
    req.set(http::field::user_agent, "vstation-web-load");
    req.keep_alive(true);
    std::string cookie;
    for (const auto& [k, v] : cookies_) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
    if (!cookie.empty()) req.set(http::field::cookie, cookie);
    if (verb == http::verb::post) {
      req.set(http::field::origin, "http://" + host);
      req.set(http::field::content_type, type);
      if (type == "application/json" && !csrf_.empty()) req.set("X-CSRF-Token", csrf_);
      req.body() = body;
    }
    req.prepare_payload();
    http::write(*socket_, req);
    http::response<http::string_body> res;
    http::read(*socket_, buffer_, res);
    Reply out;
    out.status = static_cast<int>(res.result_int());
    if (auto it = res.find(http::field::location); it != res.end())
      out.location = std::string(it->value());
    for (auto it = res.find(http::field::set_cookie);
         it != res.end() && it->name() == http::field::set_cookie; ++it)
      take_cookie(std::string(it->value()));
    out.body = std::move(res.body());
    take_csrf(out.body);
    if (!res.keep_alive()) disconnect();
    return out;
  }

  // "name=value; Path=/; ..." — an empty value or Max-Age=0 removes the cookie.
  void take_cookie(const std::string& header) {
    auto eq = header.find('=');
    if (eq == std::string::npos) return;
    auto end = header.find(';');
    std::string name = header.substr(0, eq);
    std::string value = header.substr(eq + 1, end == std::string::npos ? end : end - eq - 1);
    if (value.empty() || header.find("Max-Age=0") != std::string::npos)
      cookies_.erase(name);
    else
      cookies_[name] = value;
  }

  // The page's form token: <input type="hidden" name="csrf" value="...">.
  void take_csrf(const std::string& body) {
    constexpr std::string_view mark = "name=\"csrf\" value=\"";
    auto at = body.find(mark);
    if (at == std::string::npos) return;
    at += mark.size();
    auto end = body.find('"', at);
    if (end != std::string::npos) csrf_ = body.substr(at, end - at);
  }
};

// The n-th phone's loopback address: 127.x.y.z with x >= 1 and z in 1..254.
inline std::uint32_t phone_address(std::uint32_t n) {
  std::uint32_t z = 1 + n % 254, y = (n / 254) % 256, x = 1 + n / (254 * 256);
  return (127u << 24) | (x << 16) | (y << 8) | z;
}

inline double millis_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

inline double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * double(v.size())))];
}

}  // namespace vstation::bench_web
