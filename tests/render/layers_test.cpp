// Map layers built from the site and a control-room view, inspected without a window.
#include "render/layers/map_layers.h"

#include <gtest/gtest.h>

#include "sim/control/control_room.h"
#include "sim/world/world.h"
#include "tests/render/site_fixture.h"
#include "tests/sim/control/fake_control_room.h"

namespace fl::render {
namespace {

using control::testing::FakeControlRoom;

bool is_dead(sf::Color c) {
  return c.r == palette::kFeederDead.r && c.g == palette::kFeederDead.g && c.b == palette::kFeederDead.b;
}

TEST(MapLayers, TerrainHasOnePixelPerCellColouredByClassNorthUp) {
  const world::World& w = testing::small_storm().world();
  MapLayers layers;
  layers.build_static(w, testing::small_storm().scenario().world.area);
  const world::Area& area = w.area();
  ASSERT_EQ(layers.terrain_image().getSize(), sf::Vector2u(area.nx, area.ny));
  int water = 0, urban = 0;
  for (int y = 0; y < area.ny; ++y)
    for (int x = 0; x < area.nx; ++x) {
      const Terrain t = area.cells[static_cast<std::size_t>(y) * area.nx + x].terrain;
      const sf::Color c = layers.terrain_image().getPixel(x, area.ny - 1 - y);
      if (t == Terrain::kWater) {
        EXPECT_EQ(c, palette::kWater);
        ++water;
      }
      if (t == Terrain::kUrban) {
        EXPECT_EQ(c, palette::kUrban);
        ++urban;
      }
    }
  EXPECT_GT(water, 0);  // the small storm's town is on the coast
  EXPECT_GT(urban, 0);
  // The sea is in the south: the bottom image row is water, the top row is not.
  EXPECT_EQ(layers.terrain_image().getPixel(0, area.ny - 1), palette::kWater);
  EXPECT_NE(layers.terrain_image().getPixel(0, 0), palette::kWater);
}

TEST(MapLayers, EveryRoadLinkAndSpanIsALine) {
  const world::World& w = testing::small_storm().world();
  MapLayers layers;
  layers.build_static(w, testing::small_storm().scenario().world.area);
  EXPECT_EQ(layers.roads().getVertexCount(), 2 * w.roads().links().size());
  EXPECT_EQ(layers.feeders().getVertexCount(), 2 * w.grid().edges().size());
}

TEST(MapLayers, SectionsBelowAKnownOpenDeviceTurnDeadAndOnlyThose) {
  const world::World& w = testing::small_storm().world();
  const world::Grid& grid = w.grid();
  MapLayers layers;
  layers.build_static(w, testing::small_storm().scenario().world.area);
  // A recloser the control room knows to be open.
  std::uint32_t recloser = control::kNoneId;
  for (std::uint32_t d = 0; d < grid.devices().size(); ++d)
    if (grid.devices()[d].type == world::DeviceType::kRecloser) {
      recloser = d;
      break;
    }
  ASSERT_NE(recloser, control::kNoneId);
  FakeControlRoom view;
  control::KnownOpenDevice open;
  open.device = recloser;
  view.devices.push_back(open);
  view.touch();
  EXPECT_TRUE(layers.rebuild_dynamic(view, w, false));
  int dead = 0;
  for (std::uint32_t e = 0; e < grid.edges().size(); ++e) {
    const world::Edge& edge = grid.edges()[e];
    if (edge.device != world::kNoId && grid.devices()[edge.device].type == world::DeviceType::kTie) continue;
    // Oracle: the grid's own static subtree query, not the layer's walk.
    const bool below = e == grid.devices()[recloser].edge || grid.statically_below(recloser, edge.child);
    EXPECT_EQ(is_dead(layers.edge_colour(e)), below) << "edge " << e;
    dead += below;
  }
  EXPECT_GT(dead, 0);
  // The device closes again (the view no longer lists it): everything is live.
  view.devices.clear();
  view.touch();
  EXPECT_TRUE(layers.rebuild_dynamic(view, w, false));
  for (std::uint32_t e = 0; e < grid.edges().size(); ++e) EXPECT_FALSE(is_dead(layers.edge_colour(e)));
}

TEST(MapLayers, DynamicLayersAreRebuiltOnlyWhenTheRevisionChanges) {
  const world::World& w = testing::small_storm().world();
  MapLayers layers;
  layers.build_static(w, testing::small_storm().scenario().world.area);
  FakeControlRoom view;
  view.add_crew(control::CrewKind::kLine, 1000, 2000);
  view.touch();
  EXPECT_TRUE(layers.rebuild_dynamic(view, w, false));
  EXPECT_EQ(layers.drawn_revision(), view.revision());
  EXPECT_FALSE(layers.rebuild_dynamic(view, w, false));  // same revision, same minute: nothing to do
  view.touch();
  EXPECT_TRUE(layers.rebuild_dynamic(view, w, false));
}

std::uint32_t first_recloser(const world::Grid& grid) {
  for (std::uint32_t d = 0; d < grid.devices().size(); ++d)
    if (grid.devices()[d].type == world::DeviceType::kRecloser) return d;
  return control::kNoneId;
}

TEST(MapLayers, TheCachedBackdropIsRedrawnOnlyWhenWhatItShowsChanges) {
  const world::World& w = testing::small_storm().world();
  MapLayers layers;
  layers.build_static(w, testing::small_storm().scenario().world.area);
  const Camera camera({layers.width_m() / 2, layers.height_m() / 2}, 0.05, {1280, 720});
  const LayerSet all;
  EXPECT_TRUE(layers.backdrop_stale(camera, all));  // never drawn
  FakeControlRoom view;
  view.touch();
  layers.rebuild_dynamic(view, w, false);
  const std::uint64_t ground = layers.ground_revision(), feeders = layers.feeder_revision();

  // A crew moves: a new revision for the markers, nothing under them changes.
  view.add_crew(control::CrewKind::kLine, 1000, 2000);
  view.touch();
  EXPECT_TRUE(layers.rebuild_dynamic(view, w, false));
  EXPECT_EQ(layers.ground_revision(), ground);
  EXPECT_EQ(layers.feeder_revision(), feeders);

  // A recloser opens: its section turns dead, so the feeder picture must be redrawn.
  const std::uint32_t recloser = first_recloser(w.grid());
  ASSERT_NE(recloser, control::kNoneId);
  control::KnownOpenDevice open;
  open.device = recloser;
  view.devices.push_back(open);
  view.touch();
  EXPECT_TRUE(layers.rebuild_dynamic(view, w, false));
  EXPECT_GT(layers.feeder_revision(), feeders);
  EXPECT_EQ(layers.ground_revision(), ground);
  const std::uint64_t dead_feeders = layers.feeder_revision();
  // The same section stays open through the next revision: no redraw.
  view.touch();
  EXPECT_TRUE(layers.rebuild_dynamic(view, w, false));
  EXPECT_EQ(layers.feeder_revision(), dead_feeders);

  // A blockage found on a road is on the ground picture.
  control::KnownBlockage blockage;
  blockage.x0_m = 100;
  blockage.y0_m = 100;
  blockage.x1_m = 400;
  blockage.y1_m = 100;
  view.blocked.push_back(blockage);
  view.touch();
  EXPECT_TRUE(layers.rebuild_dynamic(view, w, false));
  EXPECT_GT(layers.ground_revision(), ground);
}

TEST(MapLayers, TheCachedMarkersFollowTheItemsTheCameraAndTheToggles) {
  const world::World& w = testing::small_storm().world();
  MapLayers layers;
  layers.build_static(w, testing::small_storm().scenario().world.area);
  Camera camera({layers.width_m() / 2, layers.height_m() / 2}, 0.05, {1280, 720});
  LayerSet all;
  FakeControlRoom view;
  view.touch();
  layers.rebuild_dynamic(view, w, false);
  EXPECT_TRUE(layers.markers_stale(camera, all));
  EXPECT_TRUE(layers.backdrop_stale(camera, all));
  // Drawing needs a GL target, so the window tests draw; here the staleness rules alone.
  Camera panned = camera;
  panned.pan({10, 0});
  LayerSet fewer = all;
  fewer[Layer::kRoads] = false;
  EXPECT_TRUE(layers.backdrop_stale(panned, all));
  EXPECT_TRUE(layers.backdrop_stale(camera, fewer));
}

TEST(MapLayers, CrewColourSaysWhetherItCanTakeAJob) {
  control::CrewStatus c;
  EXPECT_EQ(crew_colour(c), palette::kCrewIdle);
  c.job = control::CrewJob::kRepair;
  c.activity = control::CrewActivity::kTravel;
  EXPECT_EQ(crew_colour(c), palette::kCrewTravel);
  c.activity = control::CrewActivity::kRepair;
  EXPECT_EQ(crew_colour(c), palette::kCrewBusy);
  c.on_shift = false;
  EXPECT_EQ(crew_colour(c), palette::kCrewRest);
}

TEST(MapLayers, GustColourIsClearInCalmAndStrongerInStorm) {
  EXPECT_EQ(gust_colour(5).a, 0);
  EXPECT_GT(gust_colour(20).a, 0);
  EXPECT_GT(gust_colour(45).a, gust_colour(20).a);
}

}  // namespace
}  // namespace fl::render
