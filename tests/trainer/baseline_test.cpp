// The baseline: a trainee's run is compared with the same scenario and seed played by the
// automatic dispatcher, computed by an independent second simulator.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <string>

#include "sim/simulator.h"
#include "trainer/baseline.h"

namespace fl::trainer {
namespace {

Scenario short_scenario() {
  Scenario s;
  Problems problems;
  const bool ok = load_scenario(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/coastal_city.json", s, problems);
  EXPECT_TRUE(ok) << problems.format("coastal_city.json");
  s.duration_hours = 2;  // the mechanism, not the storm: keep it quick under sanitizers
  return s;
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  EXPECT_TRUE(d.IsObject());
  return d;
}

TEST(Baseline, TraineeRunGetsTheAutomaticDispatchersFiguresSideBySide) {
  const Scenario scenario = short_scenario();
  RunOptions trainee;
  trainee.seed = 11;
  trainee.automatic_dispatcher = false;
  Simulator run(scenario, trainee);
  run.run_to_end();
  ASSERT_TRUE(attach_baseline(run));

  RunOptions automatic = trainee;
  automatic.automatic_dispatcher = true;
  Simulator reference(scenario, automatic);  // independent oracle: the same seed, auto-dispatched
  reference.run_to_end();
  const scoring::RunTotals expected = scoring::run_totals(reference);

  const auto card = parse(run.scorecard_json());
  ASSERT_TRUE(card.HasMember("baseline"));
  const auto& b = card["baseline"];
  EXPECT_DOUBLE_EQ(b["customer_hours"].GetDouble(), expected.customer_hours);
  EXPECT_EQ(b["commitments_met"].GetUint64(), expected.commitments_met);
  if (expected.complaints) EXPECT_DOUBLE_EQ(b["complaints"].GetDouble(), *expected.complaints);
  else EXPECT_TRUE(b["complaints"].IsNull());
  // The difference is this run minus the baseline, from the headline of the same scorecard.
  EXPECT_DOUBLE_EQ(b["difference"]["customer_hours"].GetDouble(),
                   card["headline"]["customer_hours"].GetDouble() - expected.customer_hours);
  EXPECT_EQ(b["difference"]["commitments_met"].GetInt64(),
            static_cast<std::int64_t>(card["headline"]["commitments_met"].GetUint64()) -
                static_cast<std::int64_t>(expected.commitments_met));
  EXPECT_FALSE(card["run"]["automatic_dispatcher"].GetBool());
}

TEST(Baseline, AutomaticRunIsItsOwnBaseline) {
  const Scenario scenario = short_scenario();
  RunOptions automatic;
  automatic.seed = 11;
  Simulator run(scenario, automatic);
  run.run_to_end();
  EXPECT_FALSE(attach_baseline(run));
  const auto card = parse(run.scorecard_json());
  EXPECT_FALSE(card.HasMember("baseline"));
  // The scoring sections are present in every scorecard, in the documented order.
  for (const char* key : {"run", "commitments", "grade", "headline", "important_customers", "complaint_clocks"})
    EXPECT_TRUE(card.HasMember(key)) << key;
  EXPECT_EQ(card["commitments"].Size(), scenario.commitments.commitments.size());
}

}  // namespace
}  // namespace fl::trainer
