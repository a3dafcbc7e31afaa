// The camera's mapping between service-area metres and window pixels.
#include "render/camera.h"

#include <gtest/gtest.h>

namespace fl::render {
namespace {

TEST(Camera, NorthIsUpAndTheCentreIsMidScreen) {
  const Camera c({1000, 2000}, 0.5, {800, 600});
  const Vec2 mid = c.to_screen({1000, 2000});
  EXPECT_DOUBLE_EQ(mid.x, 400);
  EXPECT_DOUBLE_EQ(mid.y, 300);
  EXPECT_LT(c.to_screen({1000, 2100}).y, 300);  // 100 m further north is higher on the screen
  EXPECT_DOUBLE_EQ(c.to_screen({1100, 2000}).x, 450);
}

TEST(Camera, ScreenAndWorldRoundTrip) {
  const Camera c({12345, 678}, 0.037, {1280, 720});
  for (const Vec2 p : {Vec2{0, 0}, Vec2{40000, 30000}, Vec2{-5, 17.5}}) {
    const Vec2 back = c.to_world(c.to_screen(p));
    EXPECT_NEAR(back.x, p.x, 1e-6);
    EXPECT_NEAR(back.y, p.y, 1e-6);
  }
}

TEST(Camera, ZoomKeepsThePointUnderTheMouse) {
  Camera c({20000, 15000}, 0.03, {1280, 720});
  const Vec2 mouse{200, 650};
  const Vec2 before = c.to_world(mouse);
  c.zoom_at(mouse, 2.5);
  const Vec2 after = c.to_world(mouse);
  EXPECT_NEAR(after.x, before.x, 1e-6);
  EXPECT_NEAR(after.y, before.y, 1e-6);
  EXPECT_NEAR(c.pixels_per_m(), 0.075, 1e-12);
}

TEST(Camera, ZoomStaysWithinItsLimits) {
  Camera c({0, 0}, 0.03, {1280, 720});
  c.set_scale_limits(0.01, 1.0);
  for (int i = 0; i < 50; ++i) c.zoom_at({640, 360}, 2);
  EXPECT_DOUBLE_EQ(c.pixels_per_m(), 1.0);
  for (int i = 0; i < 50; ++i) c.zoom_at({640, 360}, 0.5);
  EXPECT_DOUBLE_EQ(c.pixels_per_m(), 0.01);
}

TEST(Camera, DraggingRightMovesTheMapRight) {
  Camera c({1000, 1000}, 0.1, {800, 600});
  const Vec2 landmark{1000, 1000};
  const Vec2 before = c.to_screen(landmark);
  c.pan({50, -20});
  const Vec2 after = c.to_screen(landmark);
  EXPECT_NEAR(after.x - before.x, 50, 1e-9);
  EXPECT_NEAR(after.y - before.y, -20, 1e-9);
}

TEST(Camera, FitShowsTheWholeAreaInTheViewport) {
  Camera c({0, 0}, 1, {1280, 720});
  c.fit({0, 0}, {40000, 30000});
  for (const Vec2 corner : {Vec2{0, 0}, Vec2{40000, 30000}, Vec2{0, 30000}, Vec2{40000, 0}}) {
    const Vec2 s = c.to_screen(corner);
    EXPECT_GE(s.x, -1e-6);
    EXPECT_LE(s.x, 1280 + 1e-6);
    EXPECT_GE(s.y, -1e-6);
    EXPECT_LE(s.y, 720 + 1e-6);
  }
  EXPECT_NEAR(c.pixels_per_m(), 720.0 / 30000, 1e-12);  // height is the tighter side
}

}  // namespace
}  // namespace fl::render
