#pragma once
/// \file Our own small Dear ImGui backend for SFML 2.5: feeds mouse, wheel, keyboard and text
/// events to ImGui and draws ImDrawData through an sf::RenderTarget, one draw call per command
/// with its clip rectangle as a GL scissor and the font atlas as an sf::Texture. One backend per
/// ImGui context; it creates the context and destroys it.
#include <array>
#include <vector>

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/Graphics/Vertex.hpp>
#include <SFML/Window/Event.hpp>

struct ImDrawData;
struct ImGuiContext;

namespace fl::render {

/// Owns an ImGui context and its font-atlas texture. Not copyable.
class ImGuiSfml {
 public:
  /// Creates the ImGui context and makes it current (fonts may be added to ImGui::GetIO().Fonts before the first
  /// new_frame(); the atlas texture is built lazily then). No ini file is written.
  ImGuiSfml();
  ~ImGuiSfml();
  ImGuiSfml(const ImGuiSfml&) = delete;
  ImGuiSfml& operator=(const ImGuiSfml&) = delete;

  /// Feeds one SFML event to ImGui. A press and release of a mouse button within one frame are
  /// spread over two frames so ImGui never misses a click (scripted input does this).
  void process_event(const sf::Event& event);
  /// Starts a frame for a display of `size_px`, `dt_s` seconds after the previous one (> 0).
  void new_frame(sf::Vector2u size_px, float dt_s);
  /// Ends the frame and draws it into `target` (its view is reset to pixel coordinates).
  void render(sf::RenderTarget& target);
  /// Draws already-built draw data (exposed for tests).
  void draw(sf::RenderTarget& target, const ImDrawData& data);
  /// Rebuilds the font-atlas texture (call after adding fonts once a frame has started).
  void rebuild_fonts();
  /// Whether ImGui wants the mouse / keyboard now (the map should then ignore them).
  bool wants_mouse() const;
  bool wants_keyboard() const;

 private:
  ImGuiContext* context_ = nullptr;
  sf::Texture font_texture_;
  bool fonts_built_ = false;
  std::vector<sf::Vertex> scratch_;  // one command's vertices, reused between frames
  std::array<bool, 5> pressed_this_frame_{};
  std::array<bool, 5> release_pending_{};
};

}  // namespace fl::render
