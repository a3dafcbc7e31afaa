// scenarios/mangkhut_like.json holds the model against Mangkhut (2018, DOMAIN.md section 8):
// 60-80 % of interrupted customers restored within 24 h of landfall, >= 99 % within 72 h.
#include <gtest/gtest.h>

#include "tests/sim/world/world_harness.h"

namespace fl::world {
namespace {

TEST(MangkhutLike, RestorationMatchesTheRealStorm) {
  const Scenario s = testing::shipped_scenario("mangkhut_like");
  ASSERT_FALSE(s.world.notes.empty());  // the file states how its parameters were chosen
  testing::Harness h(s, s.seed);
  const Time landfall = h.world->landfall();
  ASSERT_NE(landfall, kNever);
  ASSERT_GE(h.end, landfall + 72 * kHour);
  h.run_until(landfall + 24 * kHour);
  ASSERT_GT(h.world->indices(h.queue.now()).customers_interrupted, 10000u);
  const double restored_24 = testing::restored_share(*h.world, h.queue.now());
  EXPECT_GE(restored_24, 0.60);
  EXPECT_LE(restored_24, 0.80);
  h.run_until(landfall + 72 * kHour);
  const double restored_72 = testing::restored_share(*h.world, h.queue.now());
  EXPECT_GE(restored_72, 0.99);
}

}  // namespace
}  // namespace fl::world
