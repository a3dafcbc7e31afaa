#include "render/fonts.h"

#include <fontconfig/fontconfig.h>
#include <imgui.h>

#include <filesystem>
#include <string>

namespace fl::render {

std::string find_cjk_font() {
  FcConfig* config = FcInitLoadConfigAndFonts();
  if (!config) return {};
  std::string path;
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>("WenQuanYi Micro Hei"));
  FcConfigSubstitute(config, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  if (FcPattern* match = FcFontMatch(config, pattern, &result)) {
    FcChar8* file = nullptr;
    FcChar8* family = nullptr;
    // Only accept the family itself: a substitute would draw Chinese as empty boxes.
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch &&
        std::string(reinterpret_cast<const char*>(family)).find("WenQuanYi") != std::string::npos)
      path = reinterpret_cast<const char*>(file);
    FcPatternDestroy(match);
  }
  FcPatternDestroy(pattern);
  FcConfigDestroy(config);
  return path;
}

bool load_interface_font(const std::string& path, float size_px, std::string_view corpus_utf8, bool common_chinese) {
  ImGuiIO& io = ImGui::GetIO();
  std::error_code ec;
  if (path.empty() || !std::filesystem::is_regular_file(path, ec)) {
    ImFontConfig config;
    config.SizePixels = size_px;
    io.Fonts->AddFontDefault(&config);
    return false;
  }
  // The atlas keeps a pointer to the ranges until it is built: give them the atlas's lifetime.
  static thread_local ImVector<ImWchar> ranges;
  ranges.clear();
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
  if (common_chinese) builder.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
  static const char kExtra[] = "·—–…“”‘’×÷±°№℃←→↑↓■□●○▲△▼▽◆◇★☆、。，：；！？（）《》【】「」％＋－／";
  builder.AddText(kExtra);
  builder.AddText(corpus_utf8.data(), corpus_utf8.data() + corpus_utf8.size());
  builder.BuildRanges(&ranges);
  ImFontConfig config;
  config.OversampleH = 1;  // CJK glyphs are dense; horizontal oversampling only doubles the atlas
  config.OversampleV = 1;
  config.PixelSnapH = true;
  ImFont* font = io.Fonts->AddFontFromFileTTF(path.c_str(), size_px, &config, ranges.Data);
  if (!font) {
    io.Fonts->AddFontDefault();
    return false;
  }
  return true;
}

}  // namespace fl::render
