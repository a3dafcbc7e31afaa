#pragma once
// A hand-made trainee session on tests/data/small_storm.json: a simple, deterministic trainee
// who every 30 minutes sends an idle crew to patrol the biggest known dead section and an idle
// line crew to the biggest located fault, up to `max_commands` commands. Used by the debrief,
// counterfactual and report tests (no window needed).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "sim/scenario/scenario.h"
#include "sim/session.h"
#include "sim/simulator.h"
#include "sim/world/world.h"
#include "trainer/debrief_command.h"

namespace fl::trainer::testing {

inline std::string small_storm_path() { return std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/small_storm.json"; }

inline Scenario small_storm() {
  Scenario s;
  Problems problems;
  EXPECT_TRUE(load_scenario(small_storm_path(), s, problems)) << problems.format(small_storm_path());
  return s;
}

/// Drives a trainee run to `until` and returns its session (commands by_trainee).
inline Session trainee_session(const Scenario& scenario, std::size_t max_commands, Time until) {
  RunOptions options;
  options.seed = scenario.seed;
  options.seats = Seats::trainee();
  Simulator sim(scenario, options);
  std::size_t given = 0;
  for (Time t = 30 * kMinute; t <= until && given < max_commands; t += 30 * kMinute) {
    sim.run_until(t);
    const world::World& w = sim.world();
    auto idle = [&](world::CrewType type) {
      for (const world::Crew& c : w.crews())
        if (c.type == type && c.present && c.on_shift && !c.rest_pending && c.job == world::JobKind::kNone) return c.id;
      return world::kNoId;
    };
    // The biggest located, unrepaired fault without a line crew.
    std::uint32_t fault = world::kNoId;
    for (const world::Fault& f : w.faults())
      if (f.found != kNever && f.repaired == kNever && f.line_crew == world::kNoId && !f.needs_tree &&
          (fault == world::kNoId || f.customers_hint > w.faults()[fault].customers_hint))
        fault = f.id;
    const std::uint32_t line = idle(world::CrewType::kLine);
    if (fault != world::kNoId && line != world::kNoId && given < max_commands) {
      Command c;
      c.kind = CommandKind::kAssignCrew;
      c.actor = line;
      c.target = fault;
      c.by_trainee = true;
      sim.submit(c);
      ++given;
    }
    // The biggest open device nobody patrols yet.
    std::uint32_t device = world::kNoId;
    std::uint32_t best = 0;
    for (std::uint32_t d : w.open_devices()) {
      const std::uint32_t customers = w.repair_records().empty() ? 0 : 1;
      (void)customers;
      bool faulted_below = false;
      for (const world::Fault& f : w.faults())
        if ((f.tripped == d || f.device == d) && f.found == kNever) faulted_below = true;
      if (!faulted_below) continue;
      std::uint32_t n = 0;
      for (const RepairRecord& r : w.repair_records())
        if (r.fault_id < w.faults().size() && (w.faults()[r.fault_id].tripped == d || w.faults()[r.fault_id].device == d)) n += r.customers;
      if (device == world::kNoId || n > best) {
        device = d;
        best = n;
      }
    }
    std::uint32_t patroller = idle(world::CrewType::kAssessment);
    if (patroller == world::kNoId) patroller = idle(world::CrewType::kLine);
    if (device != world::kNoId && patroller != world::kNoId && given < max_commands) {
      Command c;
      c.kind = CommandKind::kPatrol;
      c.actor = patroller;
      c.target = device;
      c.by_trainee = true;
      sim.submit(c);
      ++given;
    }
  }
  sim.run_until(until);
  std::string text;
  {
    std::ifstream in(small_storm_path());
    std::ostringstream s;
    s << in.rdbuf();
    text = s.str();
  }
  return capture_session(sim, small_storm_path(), text);
}

}  // namespace fl::trainer::testing
