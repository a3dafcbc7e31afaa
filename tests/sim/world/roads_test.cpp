// Crews' routes: the A* search must give exactly the routes of plain Dijkstra from the start
// junction (same links, same drive time, the same choice among equally fast routes), with known
// blockages avoided and unknown ones ignored. The oracle below is textbook Dijkstra over the
// public links, settling junctions in (time, id) order and keeping the first predecessor found.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>
#include <string>
#include <vector>

#include "sim/core/random.h"
#include "sim/scenario/scenario.h"
#include "sim/world/area.h"
#include "sim/world/roads.h"

namespace fl::world {
namespace {

Route dijkstra(const Roads& roads, std::uint32_t from, std::uint32_t to, Time now, double factor) {
  const auto& links = roads.links();
  const std::size_t n = roads.junctions().size();
  std::vector<std::vector<std::uint32_t>> adj(n);
  for (std::uint32_t i = 0; i < links.size(); ++i) {
    adj[links[i].a].push_back(i);
    adj[links[i].b].push_back(i);
  }
  std::vector<double> dist(n, 1e300);
  std::vector<std::uint32_t> via(n, UINT32_MAX);
  using Item = std::pair<double, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> heap;
  dist[from] = 0;
  heap.push({0, from});
  while (!heap.empty()) {
    const auto [d, u] = heap.top();
    heap.pop();
    if (d > dist[u]) continue;
    if (u == to) break;
    for (std::uint32_t li : adj[u]) {
      const RoadLink& l = links[li];
      if (l.known && l.blocked_until > now) continue;
      const std::uint32_t v = l.a == u ? l.b : l.a;
      const double nd = d + static_cast<double>(l.length_m) / (l.speed_kmph / 3.6 * factor);
      if (nd < dist[v]) {
        dist[v] = nd;
        via[v] = li;
        heap.push({nd, v});
      }
    }
  }
  Route r;
  if (from == to) r.found = true;
  if (from == to || dist[to] >= 1e299) return r;
  r.found = true;
  r.drive = static_cast<Time>(dist[to] * 1000.0);
  for (std::uint32_t v = to; v != from;) {
    const RoadLink& l = links[via[v]];
    const std::uint32_t u = l.a == v ? l.b : l.a;
    r.links.insert(r.links.begin(), via[v]);
    r.junctions.insert(r.junctions.begin(), u);
    v = u;
  }
  return r;
}

class RoadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Scenario s;
    Problems problems;
    const std::string path = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/coastal_city.json";
    ASSERT_TRUE(load_scenario(path, s, problems)) << problems.format(path);
    area_ = generate_area(s.world.area);
    roads_.build(area_, s.world.crews, s.world.area.road_spacing_cells);
  }
  // A junction of the main network near a random point of the area.
  std::uint32_t random_junction(RandomStream& rng) {
    return roads_.nearest(uniform(rng, 0, area_.nx * area_.cell_m), uniform(rng, 0, area_.ny * area_.cell_m));
  }
  Area area_;
  Roads roads_;
};

TEST_F(RoadsTest, RoutesEqualDijkstrasIncludingTheChoiceAmongEquallyFastRoutes) {
  ASSERT_GT(roads_.junctions().size(), 500u);
  RandomStream rng(StreamKey{7, 0, Purpose::kTest, 0xA57A5});
  // The urban grid has one speed, so equally fast routes are everywhere: a search that broke
  // ties differently would show up here.
  int compared = 0, long_trips = 0;
  for (int i = 0; i < 400; ++i) {
    const std::uint32_t from = random_junction(rng), to = random_junction(rng);
    const double factor = i % 3 == 0 ? 1.0 : uniform(rng, 0.5, 1.0);
    const Route fast = roads_.route(from, to, 0, factor);
    const Route oracle = dijkstra(roads_, from, to, 0, factor);
    ASSERT_EQ(fast.found, oracle.found) << from << " -> " << to;
    ASSERT_EQ(fast.drive, oracle.drive) << from << " -> " << to;
    ASSERT_EQ(fast.links, oracle.links) << from << " -> " << to;
    ASSERT_EQ(fast.junctions, oracle.junctions) << from << " -> " << to;
    ++compared;
    long_trips += fast.links.size() > 20;
  }
  EXPECT_EQ(compared, 400);
  EXPECT_GT(long_trips, 50);  // the trips cross the area, not just the next block
}

TEST_F(RoadsTest, KnownBlockagesAreAvoidedUnknownOnesAreNot) {
  RandomStream rng(StreamKey{7, 0, Purpose::kTest, 0xB10C});
  auto& links = roads_.links();
  // Block one link in twenty; half of the blockages reported to the control room.
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (!bernoulli(rng, 0.05)) continue;
    links[i].blocked_until = 10 * kHour;
    links[i].known = bernoulli(rng, 0.5);
  }
  int avoided = 0;
  for (int i = 0; i < 300; ++i) {
    const std::uint32_t from = random_junction(rng), to = random_junction(rng);
    const Time now = i % 2 == 0 ? kHour : 11 * kHour;  // before and after the blockages clear
    const Route fast = roads_.route(from, to, now, 0.8);
    const Route oracle = dijkstra(roads_, from, to, now, 0.8);
    ASSERT_EQ(fast.found, oracle.found);
    ASSERT_EQ(fast.drive, oracle.drive);
    ASSERT_EQ(fast.links, oracle.links);
    if (now < 10 * kHour) {
      for (std::uint32_t li : fast.links) ASSERT_FALSE(links[li].known) << "drove through a known blockage";
      const Route open = roads_.route(from, to, 11 * kHour, 0.8);
      avoided += open.drive < fast.drive;
    }
  }
  EXPECT_GT(avoided, 10);  // the detours are real: the open network is faster for many trips
}

}  // namespace
}  // namespace fl::world
