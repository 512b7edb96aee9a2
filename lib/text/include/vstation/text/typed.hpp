#pragma once
// What a person typed into a code field (a volunteer number, a PIN), as the code they meant:
// Chinese input methods type full-width letters and digits (Ｖ００１２, ２４６８) and phones add
// spaces; both are folded away before the code is looked up.

#include <string>
#include <string_view>

namespace vstation::text {

// NFKC-normalised (full-width forms become ASCII, the ideographic space a space) and trimmed of
// white space at both ends. Input that is not UTF-8 comes back unchanged (the look-up refuses it).
std::string typed_code(std::string_view s);

}  // namespace vstation::text
