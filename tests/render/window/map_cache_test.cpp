// The map's backdrop cache under our own Xvfb: a frame whose content did not change redraws no
// picture; a section turning dead is built over the next frames while the old picture stays on
// screen, then shows; a camera change is drawn at once.
#include <gtest/gtest.h>

#include <SFML/Graphics/RenderTexture.hpp>


#include "render/layers/map_layers.h"
#include "sim/world/world.h"
#include "tests/render/site_fixture.h"
#include "tests/sim/control/fake_control_room.h"
#include "tests/support/xvfb.h"

namespace fl::render {
namespace {

using control::testing::FakeControlRoom;

/// Pixels in the dead feeders' red (kFeederDead at full or lateral alpha over the ground).
int dead_red_pixels(const sf::Image& image) {
  int n = 0;
  for (unsigned y = 0; y < image.getSize().y; ++y)
    for (unsigned x = 0; x < image.getSize().x; ++x) {
      const sf::Color c = image.getPixel(x, y);
      n += c.r > 140 && c.r > c.g + 50 && c.r > c.b + 50;
    }
  return n;
}

TEST(MapCache, RedrawsOnlyWhatChangedAndSpreadsContentChangesOverFrames) {
  ASSERT_TRUE(fl::testing::XvfbEnvironment::ok()) << "Xvfb did not start; is the xvfb package installed?";
  const world::World& w = testing::small_storm().world();
  const world::Grid& grid = w.grid();
  MapLayers layers;
  layers.build_static(w, testing::small_storm().scenario().world.area);
  sf::RenderTexture target;
  ASSERT_TRUE(target.create(640, 480));
  // Zoomed out enough that no device markers cover the lines.
  Camera camera({layers.width_m() / 2, layers.height_m() / 2}, 0.04, {640, 480});
  LayerSet shown;
  FakeControlRoom view;
  view.touch();
  layers.rebuild_dynamic(view, w, false);
  auto frame = [&] {
    target.clear();
    layers.draw(target, camera, shown);
    target.display();
    return target.getTexture().copyToImage();
  };

  frame();  // the first frame builds the whole backdrop at once (nothing to show before it)
  const std::uint64_t built = layers.backdrop_redraws();
  EXPECT_GT(built, 0u);
  EXPECT_FALSE(layers.backdrop_stale(camera, shown));
  frame();
  EXPECT_EQ(layers.backdrop_redraws(), built);  // nothing changed: one copy, no redraw

  // A recloser opens: the sections below it turn red, after a few frames.
  std::uint32_t recloser = control::kNoneId;
  for (std::uint32_t d = 0; d < grid.devices().size() && recloser == control::kNoneId; ++d)
    if (grid.devices()[d].type == world::DeviceType::kRecloser) recloser = d;
  ASSERT_NE(recloser, control::kNoneId);
  const int red_before = dead_red_pixels(frame());
  control::KnownOpenDevice open;
  open.device = recloser;
  open.x_m = static_cast<float>(layers.width_m() / 2);  // its marker at the centre, whatever its place
  open.y_m = static_cast<float>(layers.height_m() / 2);
  view.devices.push_back(open);
  view.touch();
  layers.rebuild_dynamic(view, w, false);
  EXPECT_TRUE(layers.backdrop_stale(camera, shown));
  int frames = 0, red = red_before;
  while (layers.backdrop_stale(camera, shown) && frames < 10) {
    const std::uint64_t before = layers.backdrop_redraws();
    const sf::Image image = frame();
    EXPECT_EQ(layers.backdrop_redraws(), before + 1) << "one step per frame";
    red = dead_red_pixels(image);
    if (layers.backdrop_stale(camera, shown)) {
      // The marker of the open device is drawn at once (markers follow the items), the picture under it later.
      EXPECT_LT(red, red_before + 100) << "the old picture stays until the new one is whole";
    }
    ++frames;
  }
  EXPECT_GT(red, red_before + 200) << "the dead sections show once built";
  EXPECT_GE(frames, 2);
  EXPECT_LE(frames, 4);

  // The trainee pans: the picture follows in the same frame.
  camera.pan({25, 0});
  frame();
  EXPECT_FALSE(layers.backdrop_stale(camera, shown));
}

}  // namespace
}  // namespace fl::render
