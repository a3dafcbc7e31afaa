// Calibration against a real storm (issue 4, item 8; DOMAIN.md §7): on Mangkhut's landfall day
// Guangdong took ~214,000 calls for 4.45 M customers out, about 0.05 calls per affected customer.
// Measured here as calls made by interrupted customers about their outage on the local calendar
// day of landfall (as utilities report "that day"; outages start hours before the eye comes
// ashore), over the distinct customers interrupted by the end of that day.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "sim/hotline/hotline.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"
#include "sim/world/world.h"

namespace fl::hotline {
namespace {

TEST(MangkhutCalibration, LandfallDayCallsPerInterruptedCustomer) {
  Scenario s;
  Problems p;
  ASSERT_TRUE(load_scenario(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/mangkhut_like.json", s, p))
      << p.format("mangkhut_like.json");
  Simulator sim(s, RunOptions{s.seed, 0, true});
  const Time landfall = sim.world().landfall();
  ASSERT_NE(landfall, kNever);
  const Time day_start = sim.calendar().midnight_of(sim.calendar().date_at(landfall));
  const Time day_end = day_start + 24 * kHour;
  if (day_start > 0) sim.run_until(day_start);
  const std::uint64_t before = sim.hotline().outage_calls();
  sim.run_until(day_end);
  const std::uint64_t calls = sim.hotline().outage_calls() - before;
  const auto interrupted = sim.world().indices(sim.now()).customers_interrupted;
  ASSERT_GT(interrupted, 10000u);
  const double per_customer = static_cast<double>(calls) / static_cast<double>(interrupted);
  std::printf("landfall day: %llu outage calls, %llu customers interrupted, %.4f calls per customer\n",
              static_cast<unsigned long long>(calls), static_cast<unsigned long long>(interrupted), per_customer);
  EXPECT_GE(per_customer, 0.03) << calls << " calls, " << interrupted << " customers interrupted";
  EXPECT_LE(per_customer, 0.08) << calls << " calls, " << interrupted << " customers interrupted";
}

}  // namespace
}  // namespace fl::hotline
