// The live control room tells only what SCADA, calls, patrols and crews have revealed.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "sim/control/live_control_room.h"
#include "sim/hotline/hotline.h"
#include "sim/scenario/scenario.h"
#include "sim/simulator.h"
#include "tests/sim/control/fake_control_room.h"
#include "tests/sim/world/world_harness.h"

namespace fl::control {
namespace {

Scenario small_storm() {
  Scenario s;
  Problems p;
  const std::string path = std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/small_storm.json";
  EXPECT_TRUE(load_scenario(path, s, p)) << p.format(path);
  return s;
}

const KnownOpenDevice* find(std::span<const KnownOpenDevice> ds, std::uint32_t device) {
  for (const KnownOpenDevice& d : ds)
    if (d.device == device) return &d;
  return nullptr;
}

TEST(LiveControlRoom, ScadaSeesBreakersAndReclosersAtOnceFusesOnlyOnceRevealed) {
  world::testing::Harness h(small_storm(), 20240915);
  LiveControlRoom view(*h.ctx, h.world.get(), nullptr);
  int scada = 0, hidden = 0, revealed = 0;
  for (Time t = 0; t <= 24 * kHour; t += 5 * kMinute) {
    h.run_until(t);
    view.invalidate();
    for (std::uint32_t d : h.world->open_devices()) {
      const world::OpenDevice& o = h.world->open_record(d);
      if (o.opened == kNever) continue;
      const world::DeviceType type = h.world->grid().devices()[d].type;
      const KnownOpenDevice* k = find(view.open_devices(), d);
      if (o.tripped && (type == world::DeviceType::kBreaker || type == world::DeviceType::kRecloser)) {
        ASSERT_NE(k, nullptr) << "device " << d << " at " << to_hours(t) << " h";
        EXPECT_EQ(k->how, Detection::kScada);
        EXPECT_EQ(k->detected_ms, o.opened);
        ++scada;
      } else if (o.tripped && o.detected > t) {
        EXPECT_EQ(k, nullptr) << "a fuse nobody has reported is on the board";  // no hotline here
        ++hidden;
      } else if (o.tripped) {
        ASSERT_NE(k, nullptr);
        EXPECT_EQ(k->how, Detection::kCalls);
        ++revealed;
      }
    }
  }
  EXPECT_GT(scada, 0);
  EXPECT_GT(hidden, 0);
  EXPECT_GT(revealed, 0);
}

TEST(LiveControlRoom, FoundFaultsCarryTheMedianNotTheDraw) {
  const Scenario s = small_storm();
  world::testing::Harness h(s, 20240915);
  LiveControlRoom view(*h.ctx, h.world.get(), nullptr);
  int seen = 0, differs = 0;
  for (Time t = 0; t <= 24 * kHour; t += 30 * kMinute) {
    h.run_until(t);
    view.invalidate();
    for (const KnownFault& f : view.faults()) {
      const world::Fault& truth = h.world->faults()[f.fault];
      EXPECT_NE(truth.found, kNever);
      EXPECT_EQ(truth.repaired, kNever);
      EXPECT_EQ(f.estimated_repair_ms, median_repair_ms(s, repair_class_of(truth.cause)));
      ++seen;
      differs += f.estimated_repair_ms != truth.repair_ms;
    }
  }
  EXPECT_GT(seen, 0);
  EXPECT_GT(differs, 0);
  // The documented medians (scenario crews.repair_*), e.g. a pole 6 h, a fuse 45 min by default.
  EXPECT_EQ(median_repair_ms(Scenario{}, RepairClass::kPole), 6 * kHour);
  EXPECT_EQ(median_repair_ms(Scenario{}, RepairClass::kFuse), 45 * kMinute);
}

TEST(LiveControlRoom, RevisionChangesWithContentOnly) {
  world::testing::Harness h(small_storm(), 20240915);
  LiveControlRoom view(*h.ctx, h.world.get(), nullptr);
  h.run_until(6 * kHour);
  view.invalidate();
  const std::uint64_t r1 = view.revision();
  EXPECT_EQ(view.revision(), r1);
  view.invalidate();  // nothing happened
  EXPECT_EQ(view.revision(), r1);
  const std::size_t open_before = view.open_devices().size();
  const auto crews_before = std::vector<CrewStatus>(view.crews().begin(), view.crews().end());
  h.run_until(12 * kHour);  // the storm passes: devices trip, crews move
  view.invalidate();
  EXPECT_NE(view.revision(), r1);
  EXPECT_TRUE(open_before != view.open_devices().size() || crews_before.front().x_m != view.crews().front().x_m ||
              crews_before.front().activity != view.crews().front().activity);
}

// The view keeps the publications by catching up with the hotline's log of changes; the oracle
// is the hotline's own table, read whole, at points through a storm.
TEST(LiveControlRoom, PublishedOutagesFollowTheHotlinesTable) {
  const Scenario scenario = small_storm();
  Simulator sim(scenario, RunOptions{scenario.seed, 0, true});
  std::size_t checked = 0;
  for (Time t = 3 * kHour; t <= 48 * kHour; t += 3 * kHour) {
    sim.run_until(t);
    const auto view = sim.control_room().published();
    const auto& table = sim.hotline().publications();
    ASSERT_EQ(view.size(), table.size()) << "at " << to_hours(t) << " h";
    std::size_t i = 0;
    for (const auto& [device, p] : table) {
      EXPECT_EQ(view[i].device, device);
      EXPECT_EQ(view[i].first_published_ms, p.first_at);
      EXPECT_EQ(view[i].etr_ms, p.etr);
      EXPECT_EQ(view[i].revisions, p.revisions);
      EXPECT_EQ(view[i].etr_passed, p.etr_passed);
      ++i;
    }
    checked += table.size();
  }
  EXPECT_GT(checked, 10u);  // the storm publishes outages and revises them
}

TEST(LiveControlRoom, TruthOnlyThroughTheDebriefName) {
  world::testing::Harness h(small_storm(), 20240915);
  LiveControlRoom view(*h.ctx, h.world.get(), nullptr);
  h.run_until(10 * kHour);
  view.invalidate();
  const TruthForDebrief truth = view.truth_for_debrief();
  EXPECT_EQ(truth.customers_out, h.world->customers_out());
  std::uint32_t unfound = 0;
  for (const world::Fault& f : h.world->faults()) unfound += f.found == kNever && f.repaired == kNever;
  EXPECT_EQ(truth.unfound_faults, unfound);
  // What the control room knows never exceeds what happened.
  EXPECT_LE(view.faults().size(), h.world->faults().size());
  std::uint64_t known = 0;
  for (const KnownOpenDevice& d : view.open_devices()) known += d.customers_below;
  EXPECT_EQ(view.known_customers_out(), known);
}

TEST(LiveControlRoom, ForecastIsNotTheTrueTrackAndItsConeGrows) {
  const Scenario s = small_storm();
  world::testing::Harness h(s, 20240915);
  LiveControlRoom view(*h.ctx, h.world.get(), nullptr);
  h.run_until(2 * kHour);
  view.invalidate();
  const auto fc = view.forecast();
  ASSERT_GE(fc.size(), 2u);
  EXPECT_EQ(view.storm().forecast_issued_ms, 0);
  bool off_truth = false;
  for (std::size_t i = 0; i < fc.size(); ++i) {
    const world::EyeState eye = h.world->typhoon()->eye_at(fc[i].at_ms);
    const double err = std::hypot(eye.x_m - fc[i].x_m, eye.y_m - fc[i].y_m);
    if (i == 0) {
      EXPECT_LT(err, 1.0);  // the analysis position is observed
    } else {
      EXPECT_GT(fc[i].cone_radius_m, fc[i - 1].cone_radius_m);
      off_truth |= err > 1000;
    }
  }
  EXPECT_TRUE(off_truth);
  EXPECT_NEAR(forecast_cone_radius_m(24 * kHour), 90000, 1);
}

TEST(FakeControlRoom, KnownCustomersOutIsTheSumOverOpenDevices) {
  testing::FakeControlRoom fake;
  KnownOpenDevice a, b;
  a.customers_below = 3;
  b.customers_below = 4;
  fake.devices = {a, b};
  EXPECT_EQ(fake.known_customers_out(), 7u);
  const std::uint64_t r = fake.revision();
  fake.touch();
  EXPECT_NE(fake.revision(), r);
}

}  // namespace
}  // namespace fl::control
