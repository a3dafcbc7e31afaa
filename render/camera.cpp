#include "render/camera.h"

#include <algorithm>

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
  scale_ = std::clamp(scale_ * factor, min_scale_, max_scale_);
  const Vec2 moved = to_world(screen_px);
  centre_.x += anchor.x - moved.x;
  centre_.y += anchor.y - moved.y;
}

void Camera::pan(Vec2 delta_px) {
  centre_.x -= delta_px.x / scale_;
  centre_.y += delta_px.y / scale_;
}

void Camera::fit(Vec2 min_m, Vec2 max_m) {
  const double w = std::max(max_m.x - min_m.x, 1.0), h = std::max(max_m.y - min_m.y, 1.0);
  centre_ = {(min_m.x + max_m.x) / 2, (min_m.y + max_m.y) / 2};
  scale_ = std::clamp(std::min(viewport_.x / w, viewport_.y / h), min_scale_, max_scale_);
}

void Camera::set_scale_limits(double min_scale, double max_scale) {
  if (min_scale <= 0 || max_scale < min_scale) return;
  min_scale_ = min_scale;
  max_scale_ = max_scale;
  scale_ = std::clamp(scale_, min_scale_, max_scale_);
}

}  // namespace fl::render
