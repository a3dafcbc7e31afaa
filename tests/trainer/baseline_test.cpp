// The baseline: a trainee's run is compared with the same scenario and seed played by the
// automatic dispatcher, computed by an independent second simulator.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <string>

#include "sim/simulator.h"
#include "trainer/baseline.h"

namespace fl::trainer {
namespace {

// A small town hit by a typhoon within the first hours, so the two dispatchers differ quickly.
constexpr const char* kSmallStorm = R"({
  "version": 1, "id": "small_storm", "start": {"local": "2024-09-13T06:00"}, "duration_hours": 6,
  "commitment_set": "sgcc_2023",
  "area": {"width_km": 8, "height_km": 6, "cell_size_m": 250, "layout_seed": 3, "coast_y_km": 1,
           "coast_amplitude_km": 0.3, "coast_wavelength_km": 6, "hills_from_y_km": 5,
           "cities": [{"name": "Town", "x_km": 4, "y_km": 3, "radius_km": 1.5, "customers_per_cell": 20}],
           "rural_customers_per_cell": 2, "remote_customers_per_cell": 1, "hospitals": 1, "water_works": 1,
           "government": 0, "life_support": 2},
  "grid": {"substations": [{"name": "Town", "x_km": 4, "y_km": 3.5, "feeders": 3}]},
  "typhoon": {"name": "Test", "ambient_pressure_hpa": 1008, "latitude_deg": 22, "track": [
      {"time_h": 0, "x_km": 4, "y_km": -40, "central_pressure_hpa": 945, "rmax_km": 15, "holland_b": 1.6},
      {"time_h": 2, "x_km": 4, "y_km": 2, "central_pressure_hpa": 945, "rmax_km": 15, "holland_b": 1.6},
      {"time_h": 6, "x_km": 4, "y_km": 80, "central_pressure_hpa": 990, "rmax_km": 30, "holland_b": 1.3}]},
  "crews": {"depots": [{"name": "Depot", "x_km": 4, "y_km": 3, "line_crews": 3, "tree_crews": 2, "assessment_crews": 1}]}
})";

Scenario short_scenario() {
  Scenario s;
  Problems problems;
  const bool ok = parse_scenario(kSmallStorm, std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/commitments", s, problems);
  EXPECT_TRUE(ok) << problems.format("small_storm");
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
  trainee.seats = Seats::trainee();
  Simulator run(scenario, trainee);
  // Stop at 4 h, past the eye's passage: an idle trainee run extended for complaint follow-up
  // would be long, and the baseline is compared at the same simulated time anyway.
  run.run_until(4 * kHour);
  ASSERT_TRUE(attach_baseline(run));

  RunOptions automatic = trainee;
  automatic.seats = Seats::agents();
  Simulator reference(scenario, automatic);  // independent oracle: the same seed, auto-dispatched
  reference.run_until(4 * kHour);
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
  // The trainee issued no commands here, so nobody restored anything: never better than the
  // automatic dispatcher.
  EXPECT_GE(card["headline"]["customer_hours"].GetDouble(), expected.customer_hours);
}

TEST(Baseline, AutomaticRunIsItsOwnBaseline) {
  const Scenario scenario = short_scenario();
  RunOptions automatic;
  automatic.seed = 11;
  Simulator run(scenario, automatic);
  run.run_until(4 * kHour);
  EXPECT_FALSE(attach_baseline(run));
  const auto card = parse(run.scorecard_json());
  EXPECT_FALSE(card.HasMember("baseline"));
  // The scoring sections are present in every scorecard, in the documented order.
  for (const char* key : {"run", "commitments", "grade", "headline", "important_summary", "important_customers", "decisions_summary", "details"})
    EXPECT_TRUE(card.HasMember(key)) << key;
  EXPECT_EQ(card["commitments"].Size(), scenario.commitments.commitments.size());
}

}  // namespace
}  // namespace fl::trainer
