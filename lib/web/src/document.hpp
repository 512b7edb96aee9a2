#pragma once
// A whole document a library renderer made (a report as xlsx, CSV, JSON or HTML; a certificate's
// printable HTML) as a response: its content type, and a file name to save it under, or opened in
// the browser to print. Such an HTML document carries its own <style>: the response's
// Content-Security-Policy allows that one style sheet by its SHA-256 and nothing else (no script,
// no other source), and App::handle keeps it instead of the site's policy.

#include <string>
#include <string_view>

#include "vstation/web/http.hpp"

namespace vstation::web::detail {

enum class Disposition { download, open };

Response document(std::string body, std::string_view content_type, const std::string& filename,
                  Disposition how = Disposition::download);

// The policy for an HTML document whose only inline content is its <style> elements.
std::string document_policy(std::string_view html);

}  // namespace vstation::web::detail
