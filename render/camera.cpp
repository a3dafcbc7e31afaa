#include "render/camera.h"

namespace fl::render {

Camera::Camera(Vec2 centre_m, double pixels_per_m, Vec2 viewport_px)
    : centre_(centre_m), scale_(pixels_per_m > 0 ? pixels_per_m : 1.0), viewport_(viewport_px) {}

Vec2 Camera::to_screen(Vec2 w) const {
  return {viewport_.x / 2 + (w.x - centre_.x) * scale_, viewport_.y / 2 - (w.y - centre_.y) * scale_};
}

Vec2 Camera::to_world(Vec2 s) const {
  return {centre_.x + (s.x - viewport_.x / 2) / scale_, centre_.y - (s.y - viewport_.y / 2) / scale_};
}

void Camera::zoom_at(Vec2 screen_px, double factor) {
  if (factor <= 0) return;
  const Vec2 anchor = to_world(screen_px);
  scale_ *= factor;
  const Vec2 moved = to_world(screen_px);
  centre_.x += anchor.x - moved.x;
  centre_.y += anchor.y - moved.y;
}

void Camera::pan(Vec2 delta_px) {
  centre_.x -= delta_px.x / scale_;
  centre_.y += delta_px.y / scale_;
}

}  // namespace fl::render
