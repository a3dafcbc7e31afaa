#pragma once
/// \file The window's font: WenQuanYi Micro Hei found through fontconfig, with only the glyphs
/// the interface can show (ASCII, Latin-1 punctuation and every character of a text corpus such
/// as the string tables and the scenario's names), so the atlas stays small.
#include <string>
#include <string_view>

namespace fl::render {

/// Path of the CJK font file fontconfig resolves for "WenQuanYi Micro Hei", or empty when the
/// family is not installed (fontconfig would substitute a font without Chinese glyphs).
std::string find_cjk_font();

/// Adds the font at `path` (size in pixels) to the current ImGui context's atlas with the glyphs
/// of `corpus_utf8` plus ASCII; falls back to ImGui's built-in font (Latin only) when `path` is
/// empty or unreadable. `common_chinese` adds the ~2,500 common simplified characters too (for
/// text the trainee types). Returns whether the CJK font was loaded.
bool load_interface_font(const std::string& path, float size_px, std::string_view corpus_utf8,
                         bool common_chinese = false);

}  // namespace fl::render
