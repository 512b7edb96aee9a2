#pragma once
// Pages from templates (kainjow Mustache, HTML-escaped by default) inside one layout.

#include <kainjow/mustache.hpp>
#include <string>

#include "vstation/domain/message.hpp"
#include "vstation/web/http.hpp"

namespace vstation::web::detail {

using Data = kainjow::mustache::data;

// The layout around `content` (already rendered), titled, with the language switch back to
// `here`; with `volunteer_nav`, the bar of the signed-in volunteer's pages.
std::string layout(Lang lang, const Text& title, const std::string& content,
                   const std::string& here, bool volunteer_nav = false);
std::string render(const std::string& tmpl, const Data& data);

}  // namespace vstation::web::detail
