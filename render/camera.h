#pragma once
/// \file Camera: maps service-area metres to window pixels (pan and zoom). Pure arithmetic, so
/// the same mapping serves drawing, picking and tests.
namespace fl::render {

/// A 2D point in metres (world) or pixels (screen).
struct Vec2 {
  double x = 0, y = 0;
};

/// World-to-screen mapping with y pointing north in the world and down on the screen.
class Camera {
 public:
  /// Centre of the view in metres, scale in pixels per metre (> 0), viewport size in pixels.
  Camera(Vec2 centre_m, double pixels_per_m, Vec2 viewport_px);
  Vec2 to_screen(Vec2 world_m) const;
  Vec2 to_world(Vec2 screen_px) const;
  /// Zooms by `factor` (> 1 zooms in) keeping the world point under `screen_px` fixed; the scale
  /// stays within [min_scale, max_scale] pixels per metre.
  void zoom_at(Vec2 screen_px, double factor);
  /// Moves the view by a screen-space drag of `delta_px`.
  void pan(Vec2 delta_px);
  /// Centres a world rectangle [x0, x1] × [y0, y1] (metres) and scales it to fit the viewport.
  void fit(Vec2 min_m, Vec2 max_m);
  /// A new viewport size in pixels (window resized); the centre and scale are kept.
  void set_viewport(Vec2 viewport_px) { viewport_ = viewport_px; }
  /// Limits on the scale (pixels per metre) for zooming.
  void set_scale_limits(double min_scale, double max_scale);
  double pixels_per_m() const { return scale_; }
  Vec2 centre() const { return centre_; }
  Vec2 viewport() const { return viewport_; }

 private:
  Vec2 centre_;
  double scale_;
  Vec2 viewport_;
  double min_scale_ = 1e-6, max_scale_ = 1e3;
};

}  // namespace fl::render
