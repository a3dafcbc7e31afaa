// scenarios/mangkhut_like.json holds the model against Mangkhut (2018, DOMAIN.md section 8):
// 60-80 % of interrupted customers restored within 24 h of landfall, >= 99 % within 72 h.
#include <gtest/gtest.h>

#include "tests/sim/world/world_harness.h"

namespace fl::world {
namespace {

TEST(MangkhutLike, RestorationMatchesTheRealStorm) {
  Scenario s;
  Problems problems;
  ASSERT_TRUE(load_scenario(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/mangkhut_like.json", s, problems))
      << problems.format("mangkhut_like.json");
  ASSERT_FALSE(s.world.notes.empty());  // the file states how its parameters were chosen
  testing::Harness h(s, s.seed);
  const Time landfall = h.world->landfall();
  ASSERT_NE(landfall, kNever);
  ASSERT_GE(h.end, landfall + 72 * kHour);
  h.run_until(landfall + 24 * kHour);
  const auto day1 = h.world->indices(h.queue.now());
  ASSERT_GT(day1.customers_interrupted, 10000u);
  const double restored_24 = 1.0 - static_cast<double>(h.world->customers_out()) / static_cast<double>(day1.customers_interrupted);
  EXPECT_GE(restored_24, 0.60);
  EXPECT_LE(restored_24, 0.80);
  h.run_until(landfall + 72 * kHour);
  const auto day3 = h.world->indices(h.queue.now());
  const double restored_72 = 1.0 - static_cast<double>(h.world->customers_out()) / static_cast<double>(day3.customers_interrupted);
  EXPECT_GE(restored_72, 0.99);
}

}  // namespace
}  // namespace fl::world
