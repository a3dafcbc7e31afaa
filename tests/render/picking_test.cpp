// Picking under the mouse: view items first, then spans through the site's Box2D geometry, then cells.
#include "render/picking.h"

#include <gtest/gtest.h>

#include "sim/control/control_room.h"
#include "sim/world/world.h"
#include "tests/render/site_fixture.h"
#include "tests/sim/control/fake_control_room.h"

namespace fl::render {
namespace {

using control::testing::FakeControlRoom;

Camera whole_area(const world::World& w) {
  Camera c({0, 0}, 1, {1280, 720});
  c.fit({0, 0}, {w.area().nx * w.area().cell_m, w.area().ny * w.area().cell_m});
  return c;
}

TEST(Picking, ACrewUnderTheMouseWinsOverTheLineBelowIt) {
  const world::World& w = testing::small_storm().world();
  const world::Grid& grid = w.grid();
  const world::Node& n = grid.nodes()[grid.edges()[0].child];
  FakeControlRoom view;
  view.add_crew(control::CrewKind::kLine, 100, 100);
  view.add_crew(control::CrewKind::kTree, n.x_m, n.y_m);
  const Camera cam = whole_area(w);
  const Pick p = pick(view, w, cam, cam.to_screen({n.x_m + 20, n.y_m}));
  EXPECT_EQ(p.kind, PickKind::kCrew);
  EXPECT_EQ(p.id, 1u);
}

TEST(Picking, ARightClickLooksThroughCrewsAtTheTargetBelow) {
  const world::World& w = testing::small_storm().world();
  FakeControlRoom view;
  view.add_crew(control::CrewKind::kLine, 3000, 3000);
  control::KnownFault fault;
  fault.fault = 9;
  fault.x_m = 3000;
  fault.y_m = 3000;
  view.fault_list.push_back(fault);
  const Camera cam = whole_area(w);
  EXPECT_EQ(pick(view, w, cam, cam.to_screen({3000, 3000})).kind, PickKind::kCrew);
  const Pick target = pick(view, w, cam, cam.to_screen({3000, 3000}), 8, false);
  EXPECT_EQ(target.kind, PickKind::kFault);
  EXPECT_EQ(target.id, 9u);
}

TEST(Picking, AmongCrewsAtOneDepotAFreeOneIsPicked) {
  const world::World& w = testing::small_storm().world();
  FakeControlRoom view;
  view.add_crew(control::CrewKind::kLine, 3000, 3000).job = control::CrewJob::kRepair;  // busy
  view.add_crew(control::CrewKind::kLine, 3000, 3000);                                  // free
  view.add_crew(control::CrewKind::kLine, 3000, 3000);                                  // free
  const Camera cam = whole_area(w);
  const Pick p = pick(view, w, cam, cam.to_screen({3000, 3000}));
  EXPECT_EQ(p.kind, PickKind::kCrew);
  EXPECT_EQ(p.id, 1u);
}

TEST(Picking, ASpanIsFoundThroughTheGeometryAndNamesItsSection) {
  const world::World& w = testing::small_storm().world();
  const world::Grid& grid = w.grid();
  // Zoom in so only one span lies within the radius.
  Camera cam({0, 0}, 2.0, {1280, 720});
  int checked = 0;
  for (std::uint32_t e = 0; e < grid.edges().size() && checked < 20; e += 7) {
    const world::Edge& edge = grid.edges()[e];
    if (edge.conductor != world::Conductor::kBare && edge.conductor != world::Conductor::kCovered) continue;
    const world::Node& a = grid.nodes()[edge.child];
    const world::Node& b = grid.nodes()[edge.parent];
    const Vec2 mid{(a.x_m + b.x_m) / 2.0, (a.y_m + b.y_m) / 2.0};
    cam.fit({mid.x - 300, mid.y - 200}, {mid.x + 300, mid.y + 200});
    FakeControlRoom view;
    const Pick p = pick(view, w, cam, cam.to_screen(mid), 4);
    ASSERT_EQ(p.kind, PickKind::kSection) << "edge " << e;
    EXPECT_EQ(p.edge, e);
    // Oracle: the section's device is on the span itself or statically above its child node.
    ASSERT_NE(p.id, control::kNoneId);
    EXPECT_TRUE(grid.devices()[p.id].edge == e || grid.statically_below(p.id, edge.child));
    ++checked;
  }
  EXPECT_GT(checked, 5);
}

TEST(Picking, EmptyGroundIsItsCellAndOutsideTheAreaIsNothing) {
  const world::World& w = testing::small_storm().world();
  const Camera cam = whole_area(w);
  FakeControlRoom view;
  // South-west corner is at sea, far from any line.
  const Pick sea = pick(view, w, cam, cam.to_screen({60, 60}), 2);
  EXPECT_EQ(sea.kind, PickKind::kCell);
  EXPECT_EQ(sea.id, w.area().cell_at(60, 60));
  const Pick outside = pick(view, w, cam, cam.to_screen({-500, -500}));
  EXPECT_EQ(outside.kind, PickKind::kNone);
}

}  // namespace
}  // namespace fl::render
