#pragma once
// Pages from templates (kainjow Mustache, HTML-escaped by default) inside one layout.

#include <kainjow/mustache.hpp>
#include <string>

#include "vstation/domain/message.hpp"
#include "vstation/web/http.hpp"

namespace vstation::web::detail {

using Data = kainjow::mustache::data;

// The layout around `content` (already rendered), titled, with the language switch back to
// `here`.
std::string layout(Lang lang, const Text& title, const std::string& content,
                   const std::string& here);
std::string render(const std::string& tmpl, const Data& data);

}  // namespace vstation::web::detail
