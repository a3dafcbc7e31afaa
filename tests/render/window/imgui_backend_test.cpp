// The ImGui-SFML backend draws a known ImGui window into an off-screen target under our own Xvfb:
// the window's colour lands where ImGui put it, clip rectangles cut what lies outside, and Chinese
// text is drawn with WenQuanYi glyphs (not the fallback '?').
#include <gtest/gtest.h>
#include <imgui.h>

#include <SFML/Graphics/RenderTexture.hpp>

#include "render/fonts.h"
#include "render/imgui_sfml.h"
#include "tests/support/xvfb.h"

namespace fl::render {
namespace {

const sf::Color kClear(0, 0, 64);
const sf::Color kWindowBg(200, 30, 30);

struct Frame {
  sf::Image image;
  float text_width_px = 0;
};

/// Renders two frames of one fixed window (the first lays it out) and returns the second.
template <class Body>
Frame render_window(Body body, bool cjk) {
  EXPECT_TRUE(fl::testing::XvfbEnvironment::ok()) << "Xvfb did not start; is the xvfb package installed?";
  ImGuiSfml backend;
  if (cjk) {
    EXPECT_TRUE(load_interface_font(find_cjk_font(), 16, "抢修停电"));
  }
  sf::RenderTexture target;
  EXPECT_TRUE(target.create(320, 240));
  Frame frame;
  for (int i = 0; i < 2; ++i) {
    target.clear(kClear);
    backend.new_frame(target.getSize(), 1.0f / 60);
    ImGui::SetNextWindowPos(ImVec2(20, 20));
    ImGui::SetNextWindowSize(ImVec2(200, 120));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(200 / 255.f, 30 / 255.f, 30 / 255.f, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::Begin("known", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoScrollbar);
    body(frame);
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    backend.render(target);
    target.display();
  }
  frame.image = target.getTexture().copyToImage();
  return frame;
}

TEST(ImGuiBackend, DrawsTheWindowWhereImGuiPlacedIt) {
  const Frame f = render_window([](Frame&) {}, false);
  EXPECT_EQ(f.image.getPixel(120, 100), kWindowBg);  // inside the window
  EXPECT_EQ(f.image.getPixel(5, 5), kClear);         // left of and above it
  EXPECT_EQ(f.image.getPixel(300, 200), kClear);     // right of and below it
  EXPECT_EQ(f.image.getPixel(21, 21), kWindowBg);    // its corner (rounding 0 by default)
  EXPECT_EQ(f.image.getPixel(18, 18), kClear);
}

TEST(ImGuiBackend, ClipRectanglesCutDrawingOutsideTheWindow) {
  // A blue rectangle covering the whole target, drawn in the window's draw list: ImGui clips it
  // to the window through the command's clip rectangle, which only a scissor honours.
  const Frame f = render_window(
      [](Frame&) { ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(320, 240), IM_COL32(0, 0, 255, 255)); },
      false);
  EXPECT_EQ(f.image.getPixel(120, 100), sf::Color(0, 0, 255));
  EXPECT_EQ(f.image.getPixel(300, 200), kClear);
  EXPECT_EQ(f.image.getPixel(5, 230), kClear);
  EXPECT_EQ(f.image.getPixel(230, 5), kClear);
}

TEST(ImGuiBackend, DrawsChineseTextWithTheCjkFont) {
  ASSERT_FALSE(find_cjk_font().empty()) << "WenQuanYi Micro Hei not found by fontconfig (fonts-wqy-microhei)";
  const Frame f = render_window(
      [](Frame& out) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
        ImGui::TextUnformatted("抢修停电");
        ImGui::PopStyleColor();
        out.text_width_px = ImGui::CalcTextSize("抢修停电").x;
      },
      true);
  // Four full-width glyphs at 16 px are ~56 px wide (advance 14 px); the fallback '?' would be ~4 × 7 px.
  EXPECT_GT(f.text_width_px, 48.0f);
  int bright = 0;
  for (unsigned y = 24; y < 50; ++y)
    for (unsigned x = 24; x < 100; ++x) {
      const sf::Color c = f.image.getPixel(x, y);
      if (c.g > 150 && c.b > 150) ++bright;  // white strokes on the red window
    }
  EXPECT_GT(bright, 60);   // strokes were drawn
  EXPECT_LT(bright, 1500); // but not a filled block
}

}  // namespace
}  // namespace fl::render
