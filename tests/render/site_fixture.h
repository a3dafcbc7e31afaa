#pragma once
// The small storm's site (tests/data/small_storm.json) built once per test program, for layer and
// picking tests that need a real area, grid and Box2D geometry but no window.
#include <gtest/gtest.h>

#include <memory>

#include "sim/scenario/scenario.h"
#include "sim/simulator.h"
#include "sim/world/world.h"

namespace fl::render::testing {

inline const Simulator& small_storm() {
  static std::unique_ptr<Simulator> sim = [] {
    Scenario scenario;
    Problems problems;
    const bool ok = load_scenario(FAULTLINE_SOURCE_DIR "/tests/data/small_storm.json", scenario, problems);
    EXPECT_TRUE(ok) << problems.format("small_storm.json");
    RunOptions options;
    options.seats = Seats::trainee();
    return std::make_unique<Simulator>(scenario, options);
  }();
  return *sim;
}

}  // namespace fl::render::testing
