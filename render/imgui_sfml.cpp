#include "render/imgui_sfml.h"

#include <imgui.h>

#include <SFML/Graphics/RenderStates.hpp>
#include <SFML/Graphics/View.hpp>
#include <SFML/OpenGL.hpp>
#include <SFML/Window/Clipboard.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace fl::render {

namespace {

// ImGui keeps the pointer it gets from GetClipboardTextFn until the next call: hold it here.
std::string& clipboard_buffer() {
  static thread_local std::string text;
  return text;
}

const char* get_clipboard(void*) {
  clipboard_buffer() = sf::Clipboard::getString().toAnsiString();
  return clipboard_buffer().c_str();
}

void set_clipboard(void*, const char* text) { sf::Clipboard::setString(sf::String::fromUtf8(text, text + std::strlen(text))); }

sf::Color to_color(ImU32 c) {
  return sf::Color(static_cast<sf::Uint8>(c >> IM_COL32_R_SHIFT), static_cast<sf::Uint8>(c >> IM_COL32_G_SHIFT),
                   static_cast<sf::Uint8>(c >> IM_COL32_B_SHIFT), static_cast<sf::Uint8>(c >> IM_COL32_A_SHIFT));
}

int mouse_index(sf::Mouse::Button b) {
  switch (b) {
    case sf::Mouse::Left: return 0;
    case sf::Mouse::Right: return 1;
    case sf::Mouse::Middle: return 2;
    case sf::Mouse::XButton1: return 3;
    case sf::Mouse::XButton2: return 4;
    default: return -1;
  }
}

}  // namespace

ImGuiSfml::ImGuiSfml() {
  IMGUI_CHECKVERSION();
  context_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the window's layout is ours; no imgui.ini beside the user's files
  io.LogFilename = nullptr;
  io.BackendPlatformName = "faultline_sfml";
  io.BackendRendererName = "faultline_sfml";
  // The atlas is sampled nearest (see rebuild_fonts), so anti-aliased lines come as geometry.
  ImGui::GetStyle().AntiAliasedLinesUseTex = false;
  io.KeyMap[ImGuiKey_Tab] = sf::Keyboard::Tab;
  io.KeyMap[ImGuiKey_LeftArrow] = sf::Keyboard::Left;
  io.KeyMap[ImGuiKey_RightArrow] = sf::Keyboard::Right;
  io.KeyMap[ImGuiKey_UpArrow] = sf::Keyboard::Up;
  io.KeyMap[ImGuiKey_DownArrow] = sf::Keyboard::Down;
  io.KeyMap[ImGuiKey_PageUp] = sf::Keyboard::PageUp;
  io.KeyMap[ImGuiKey_PageDown] = sf::Keyboard::PageDown;
  io.KeyMap[ImGuiKey_Home] = sf::Keyboard::Home;
  io.KeyMap[ImGuiKey_End] = sf::Keyboard::End;
  io.KeyMap[ImGuiKey_Insert] = sf::Keyboard::Insert;
  io.KeyMap[ImGuiKey_Delete] = sf::Keyboard::Delete;
  io.KeyMap[ImGuiKey_Backspace] = sf::Keyboard::Backspace;
  io.KeyMap[ImGuiKey_Space] = sf::Keyboard::Space;
  io.KeyMap[ImGuiKey_Enter] = sf::Keyboard::Enter;
  io.KeyMap[ImGuiKey_Escape] = sf::Keyboard::Escape;
  io.KeyMap[ImGuiKey_KeyPadEnter] = sf::Keyboard::Enter;
  io.KeyMap[ImGuiKey_A] = sf::Keyboard::A;
  io.KeyMap[ImGuiKey_C] = sf::Keyboard::C;
  io.KeyMap[ImGuiKey_V] = sf::Keyboard::V;
  io.KeyMap[ImGuiKey_X] = sf::Keyboard::X;
  io.KeyMap[ImGuiKey_Y] = sf::Keyboard::Y;
  io.KeyMap[ImGuiKey_Z] = sf::Keyboard::Z;
  io.GetClipboardTextFn = get_clipboard;
  io.SetClipboardTextFn = set_clipboard;
}

ImGuiSfml::~ImGuiSfml() { ImGui::DestroyContext(context_); }

void ImGuiSfml::process_event(const sf::Event& event) {
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  switch (event.type) {
    case sf::Event::MouseMoved:
      io.MousePos = ImVec2(static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y));
      break;
    case sf::Event::MouseButtonPressed: {
      const int b = mouse_index(event.mouseButton.button);
      if (b < 0) break;
      io.MousePos = ImVec2(static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y));
      io.MouseDown[b] = true;
      pressed_this_frame_[static_cast<std::size_t>(b)] = true;
      release_pending_[static_cast<std::size_t>(b)] = false;
      break;
    }
    case sf::Event::MouseButtonReleased: {
      const int b = mouse_index(event.mouseButton.button);
      if (b < 0) break;
      // ImGui 1.86 reads button state once per frame: keep a same-frame click down until the next.
      if (pressed_this_frame_[static_cast<std::size_t>(b)])
        release_pending_[static_cast<std::size_t>(b)] = true;
      else
        io.MouseDown[b] = false;
      break;
    }
    case sf::Event::MouseWheelScrolled:
      if (event.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel)
        io.MouseWheel += event.mouseWheelScroll.delta;
      else
        io.MouseWheelH += event.mouseWheelScroll.delta;
      break;
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased: {
      const bool down = event.type == sf::Event::KeyPressed;
      const int code = event.key.code;
      if (code >= 0 && code < static_cast<int>(IM_ARRAYSIZE(io.KeysDown))) io.KeysDown[code] = down;
      io.KeyCtrl = event.key.control;
      io.KeyShift = event.key.shift;
      io.KeyAlt = event.key.alt;
      io.KeySuper = event.key.system;
      break;
    }
    case sf::Event::TextEntered:
      // Control characters arrive as keys; 127 is delete.
      if (event.text.unicode >= 32 && event.text.unicode != 127) io.AddInputCharacter(event.text.unicode);
      break;
    case sf::Event::LostFocus:
      for (bool& k : io.KeysDown) k = false;
      for (bool& m : io.MouseDown) m = false;
      io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
      break;
    default:
      break;
  }
}

void ImGuiSfml::rebuild_fonts() {
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  font_texture_.create(static_cast<unsigned>(width), static_cast<unsigned>(height));
  font_texture_.update(pixels);
  // Nearest, not bilinear: glyphs are pixel-snapped and unscaled (render/fonts.cpp), so the
  // picture is the same, and under software GL a bilinear fetch per pixel of every panel costs
  // milliseconds a frame.
  font_texture_.setSmooth(false);
  io.Fonts->SetTexID(static_cast<ImTextureID>(&font_texture_));
  io.Fonts->ClearTexData();  // the pixels live in the texture now
  fonts_built_ = true;
}

void ImGuiSfml::new_frame(sf::Vector2u size_px, float dt_s) {
  ImGui::SetCurrentContext(context_);
  if (!fonts_built_) rebuild_fonts();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(size_px.x), static_cast<float>(size_px.y));
  io.DeltaTime = dt_s > 0 ? dt_s : 1.0f / 60.0f;
  ImGui::NewFrame();
  // Presses seen by this frame count; releases held back for it take effect in the next one.
  for (std::size_t b = 0; b < pressed_this_frame_.size(); ++b) {
    pressed_this_frame_[b] = false;
    if (release_pending_[b]) {
      io.MouseDown[b] = false;
      release_pending_[b] = false;
    }
  }
}

void ImGuiSfml::render(sf::RenderTarget& target) {
  ImGui::SetCurrentContext(context_);
  ImGui::Render();
  if (const ImDrawData* data = ImGui::GetDrawData()) draw(target, *data);
}

void ImGuiSfml::draw(sf::RenderTarget& target, const ImDrawData& data) {
  const sf::Vector2u size = target.getSize();
  if (size.x == 0 || size.y == 0) return;
  target.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(size.x), static_cast<float>(size.y))));
  if (!target.setActive(true)) return;
  glEnable(GL_SCISSOR_TEST);
  const ImVec2 origin = data.DisplayPos;
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList* list = data.CmdLists[n];
    const ImDrawVert* vertices = list->VtxBuffer.Data;
    const ImDrawIdx* indices = list->IdxBuffer.Data;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
        continue;
      }
      // Clip rectangle in framebuffer pixels; skip what lies wholly outside.
      const float x0 = std::max(cmd.ClipRect.x - origin.x, 0.0f);
      const float y0 = std::max(cmd.ClipRect.y - origin.y, 0.0f);
      const float x1 = std::min(cmd.ClipRect.z - origin.x, static_cast<float>(size.x));
      const float y1 = std::min(cmd.ClipRect.w - origin.y, static_cast<float>(size.y));
      if (x1 <= x0 || y1 <= y0) continue;
      const auto* texture = static_cast<const sf::Texture*>(cmd.GetTexID());
      const sf::Vector2f tex_size = texture ? sf::Vector2f(texture->getSize()) : sf::Vector2f(1, 1);
      scratch_.resize(cmd.ElemCount);
      for (unsigned i = 0; i < cmd.ElemCount; ++i) {
        const ImDrawVert& v = vertices[cmd.VtxOffset + indices[cmd.IdxOffset + i]];
        scratch_[i] = sf::Vertex(sf::Vector2f(v.pos.x - origin.x, v.pos.y - origin.y), to_color(v.col),
                                 sf::Vector2f(v.uv.x * tex_size.x, v.uv.y * tex_size.y));
      }
      glScissor(static_cast<GLint>(x0), static_cast<GLint>(static_cast<float>(size.y) - y1),
                static_cast<GLsizei>(std::lround(x1 - x0)), static_cast<GLsizei>(std::lround(y1 - y0)));
      sf::RenderStates states(sf::BlendAlpha);
      states.texture = texture;
      target.draw(scratch_.data(), scratch_.size(), sf::Triangles, states);
    }
  }
  glDisable(GL_SCISSOR_TEST);
}

bool ImGuiSfml::wants_mouse() const { return context_ && ImGui::GetCurrentContext() == context_ && ImGui::GetIO().WantCaptureMouse; }
bool ImGuiSfml::wants_keyboard() const {
  return context_ && ImGui::GetCurrentContext() == context_ && ImGui::GetIO().WantCaptureKeyboard;
}

}  // namespace fl::render
