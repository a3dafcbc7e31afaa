// End-to-end: every shipped scenario runs to its end and leaves a well-formed scorecard.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <rapidjson/document.h>

#include "sim/scenario/scenario.h"
#include "sim/simulator.h"

namespace fl {
namespace {

TEST(ShippedScenarios, EachRunsToItsEndWithAParsableScorecard) {
  int ran = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().string());
    Scenario scenario;
    Problems problems;
    ASSERT_TRUE(load_scenario(entry.path().string(), scenario, problems)) << problems.format(entry.path().string());
    // The province (1.5 M customers) is run to its end by bench/world_scale, which measures it;
    // here its first six hours show that it builds, runs and writes a scorecard.
    if (scenario.id == "province") scenario.duration_hours = 6;
    Simulator sim(scenario, RunOptions{scenario.seed, 0, true});
    sim.run_to_end();
    EXPECT_TRUE(sim.finished());
    EXPECT_GT(sim.events_fired(), 0u);
    rapidjson::Document card;
    const std::string json = sim.scorecard_json();
    card.Parse(json.c_str());
    ASSERT_FALSE(card.HasParseError());
    EXPECT_EQ(std::string(card["scenario"].GetString()), scenario.id);
    EXPECT_GE(card["sim_hours"].GetDouble(), to_hours(sim.end_time()) - 1e-9) << "complaint follow-up may extend a run";
    ++ran;
  }
  EXPECT_GE(ran, 1);
}

}  // namespace
}  // namespace fl
