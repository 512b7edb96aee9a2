#pragma once
// Terminal display width of UTF-8 text: CJK characters take two columns, so tables line up
// only when padded by width, not by bytes.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vstation::text {

// Columns the text takes in a terminal (utf8proc's East Asian width).
std::size_t display_width(std::string_view s);

// Characters (code points) in valid UTF-8 text.
std::size_t char_count(std::string_view s);
// The first `n` characters of `s` (all of it if shorter), never cutting one in two.
std::string_view first_chars(std::string_view s, std::size_t n);

// Byte offset of the first invalid UTF-8 sequence, or nullopt when the text is valid.
std::optional<std::size_t> invalid_utf8_at(std::string_view s);

enum class Align { left, right };
// Pads with spaces to `width` columns (never truncates).
std::string pad(std::string_view s, std::size_t width, Align align = Align::left);

// Cuts to at most `width` columns, ending with "…" when cut.
std::string truncate_to_width(std::string_view s, std::size_t width);

// Masks. Phone and ID numbers never show more characters than they hide: 13812345678 ->
// 138******78, 440307199507038678 -> 4403**********8678. Names as people write them masked:
// 张三丰 -> 张*丰; 张三 -> 张*.
std::string mask_phone(std::string_view phone);
std::string mask_name(std::string_view name);
std::string mask_id_number(std::string_view id);

}  // namespace vstation::text
