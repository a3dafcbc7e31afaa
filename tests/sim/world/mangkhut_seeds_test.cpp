// scenarios/mangkhut_like.json on seeds 1-6 (issue 9, item 4): Mangkhut 2018 (DOMAIN.md §8) had
// more than 70 % of the interrupted customers back within a day of landfall and all within about
// two days; the drill must give 60-80 % at landfall + 24 h and >= 99 % at + 72 h on every seed, with
// trees the largest single cause of faults (DOMAIN.md §7). Prints the figures for the docs.
#include <gtest/gtest.h>

#include <cstdio>

#include "tests/sim/world/world_harness.h"

namespace fl::world {
namespace {

TEST(MangkhutLike, SeedsOneToSixRestoreFullyWithinThreeDaysWithTreesFirst) {
  const Scenario s = testing::shipped_scenario("mangkhut_like");
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    testing::Harness h(s, seed);
    const Time landfall = h.world->landfall();
    ASSERT_NE(landfall, kNever);
    h.run_until(landfall + 24 * kHour);
    const auto day1 = h.world->indices(h.queue.now());
    ASSERT_GT(day1.customers_interrupted, 10000u);
    const double restored_24 = testing::restored_share(*h.world, h.queue.now());
    h.run_until(landfall + 72 * kHour);
    const double restored_72 = testing::restored_share(*h.world, h.queue.now());
    const auto by_cause = testing::faults_by_cause(*h.world);
    const std::uint32_t total = static_cast<std::uint32_t>(h.world->faults().size());
    std::printf("seed %llu: %llu interrupted by +24 h, restored %.1f %% at +24 h, %.2f %% at +72 h; faults %u: "
                "tree %u, pole %u, conductor %u, transformer %u, fuse %u\n",
                static_cast<unsigned long long>(seed), static_cast<unsigned long long>(day1.customers_interrupted),
                100 * restored_24, 100 * restored_72, total, by_cause[2], by_cause[0], by_cause[1], by_cause[3], by_cause[4]);
    (void)restored_24;  // the 24 h band (60-80 %) is the next test's
    EXPECT_GE(restored_72, 0.99) << "seed " << seed;
    const std::uint32_t trees = by_cause[static_cast<std::size_t>(FaultCause::kTreeOnLine)];
    for (int c = 0; c < 7; ++c)
      if (c != static_cast<int>(FaultCause::kTreeOnLine)) {
        EXPECT_GT(trees, by_cause[c]) << "seed " << seed << " cause " << c;
      }
  }
}

// The day-1 band, with the control-room dispatcher (knowledge only, work stopping in wind) after
// mangkhut_like's crews were recalibrated (scenarios/docs/typhoon.md, "Recalibration"): 63.8-75.2 %.
TEST(MangkhutLike, SeedsOneToSixRestoreSixtyToEightyPercentWithinADay) {
  const Scenario s = testing::shipped_scenario("mangkhut_like");
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    testing::Harness h(s, seed);
    const Time landfall = h.world->landfall();
    ASSERT_NE(landfall, kNever);
    h.run_until(landfall + 24 * kHour);
    const double restored_24 = testing::restored_share(*h.world, h.queue.now());
    EXPECT_GE(restored_24, 0.60) << "seed " << seed;
    EXPECT_LE(restored_24, 0.80) << "seed " << seed;
  }
}

}  // namespace
}  // namespace fl::world
