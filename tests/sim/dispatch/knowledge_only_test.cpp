// The dispatcher decides from knowledge only: drawing different repair durations (same medians,
// so the same estimates) leaves its commands identical until a difference becomes observable.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "sim/scenario/scenario.h"
#include "tests/sim/world/world_harness.h"

namespace fl::dispatch {
namespace {

Scenario small_storm() {
  Scenario s;
  Problems p;
  const std::string path = std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/small_storm.json";
  EXPECT_TRUE(load_scenario(path, s, p)) << p.format(path);
  return s;
}

// The first time at which the two worlds differ in anything the control room can see: a repair
// or a tree clearing finishing at a different time (kNever counts as "not yet").
Time first_observable_difference(const world::World& a, const world::World& b) {
  Time first = kNever;
  auto consider = [&](Time x, Time y) {
    if (x == y) return;
    const Time when = x == kNever ? y : y == kNever ? x : std::min(x, y);
    if (first == kNever || when < first) first = when;
  };
  const std::size_t n = std::min(a.faults().size(), b.faults().size());
  for (std::size_t i = 0; i < n; ++i) {
    consider(a.faults()[i].repaired, b.faults()[i].repaired);
    consider(a.faults()[i].tree_cleared, b.faults()[i].tree_cleared);
  }
  return first;
}

TEST(KnowledgeOnly, PerturbedRepairDrawsLeaveCommandsIdenticalUntilObservable) {
  Scenario base = small_storm();
  Scenario perturbed = base;
  // Same medians, wider spread: every drawn duration moves, no estimate does.
  for (world::DurationConfig* d : {&perturbed.world.crews.repair_pole, &perturbed.world.crews.repair_conductor,
                                   &perturbed.world.crews.repair_tree_line, &perturbed.world.crews.repair_transformer,
                                   &perturbed.world.crews.repair_fuse, &perturbed.world.crews.repair_tree_clearing})
    d->beta *= 2;
  world::testing::Harness a(base, 20240915), b(perturbed, 20240915);
  a.run_until(24 * kHour);
  b.run_until(24 * kHour);

  const Time observable = first_observable_difference(*a.world, *b.world);
  ASSERT_NE(observable, kNever) << "the perturbation must change some repair";
  std::size_t compared = 0, repairs_before = 0;
  for (std::size_t i = 0; i < std::min(a.log.size(), b.log.size()); ++i) {
    const Command& x = a.log[i].first;
    const Command& y = b.log[i].first;
    if (x.time >= observable || y.time >= observable) break;
    ASSERT_EQ(x.time, y.time) << "command " << i;
    ASSERT_EQ(x.kind, y.kind) << "command " << i << " at " << to_hours(x.time) << " h";
    ASSERT_EQ(x.actor, y.actor) << "command " << i << " at " << to_hours(x.time) << " h";
    ASSERT_EQ(x.target, y.target) << "command " << i << " at " << to_hours(x.time) << " h";
    ASSERT_EQ(x.value, y.value) << "command " << i;
    ++compared;
    repairs_before += x.kind == CommandKind::kAssignCrew;
  }
  // Enough decisions were made before the first difference for the check to mean something ...
  EXPECT_GE(repairs_before, 3u) << "first observable difference at " << to_hours(observable) << " h";
  EXPECT_GE(compared, 10u);
  // ... and ranking by the drawn durations would have told the runs apart: among the faults
  // known before then, some pair is ordered differently by the two runs' draws.
  std::size_t flipped = 0;
  const auto& fa = a.world->faults();
  const auto& fb = b.world->faults();
  for (std::size_t i = 0; i < fa.size(); ++i)
    for (std::size_t j = i + 1; j < fa.size(); ++j) {
      if (fa[i].found == kNever || fa[j].found == kNever || fa[i].found >= observable || fa[j].found >= observable) continue;
      if ((fa[i].repair_ms < fa[j].repair_ms) != (fb[i].repair_ms < fb[j].repair_ms)) ++flipped;
    }
  EXPECT_GE(flipped, 1u);
}

}  // namespace
}  // namespace fl::dispatch
