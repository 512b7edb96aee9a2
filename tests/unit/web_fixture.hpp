#pragma once
// What the web tests share: a request as a browser sends it, and the session cookie and form
// token read back from a response, for calling web::App::handle without a socket.

#include <string>

#include "vstation/web/http.hpp"

// A request for `target` ("/path?query"), from 127.0.0.1 to `host`; a form `body` and a `cookie`
// header when given.
inline vstation::web::Request web_request(std::string method, const std::string& target,
                                          const std::string& cookie = "", std::string body = "",
                                          const std::string& host = "127.0.0.1:8080") {
  vstation::web::Request r;
  r.method = std::move(method);
  auto q = target.find('?');
  if (q != std::string::npos) r.query = vstation::web::parse_urlencoded(target.substr(q + 1));
  r.path = target.substr(0, q);
  r.body = std::move(body);
  r.headers["content-type"] = "application/x-www-form-urlencoded";
  if (!host.empty()) r.headers["host"] = host;
  if (!cookie.empty()) r.headers["cookie"] = cookie;
  r.remote = "127.0.0.1";
  return r;
}

// "name=VALUE" of the response's Set-Cookie for `name`; empty if it sets none.
inline std::string cookie_of(const vstation::web::Response& r,
                             const std::string& name = "vs_session") {
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie" && v.rfind(name + "=", 0) == 0) return v.substr(0, v.find(';'));
  return "";
}

// The CSRF token of the first form on a page; empty if it has none.
inline std::string csrf_in(const std::string& page) {
  auto at = page.find(R"(name="csrf" value=")");
  if (at == std::string::npos) return "";
  at += 19;
  return page.substr(at, page.find('"', at) - at);
}
