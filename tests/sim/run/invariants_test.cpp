// Accounting invariants of the scorecard over many seeds of the small storm: what a user adding up
// the numbers would check. Every run's scorecard must be strict JSON (no NaN), every time >= 0,
// calls offered = answered + IVR + abandoned (+ waiting), interval sums = totals, the restoration
// curve within [0, customers served] ending at the run's end at customers_out_at_end, work-order
// stages monotone, complaint counts agreeing wherever they are reported.
#include <gtest/gtest.h>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/scenario/scenario.h"
#include "sim/run/details.h"
#include "sim/simulator.h"
#include "sim/hotline/hotline.h"

namespace fl {
namespace {

// Seeds per run of this test: 200, as the issue asks, under every preset (CI's dev preset too).
// The fixture is a six-hour copy of the small storm (landfall at 3 h); 200 seeds take about 11 s
// of CPU under the dev preset's sanitizers (`ctest --preset dev -R InvariantsQuarter`), in four
// quarters, each its own CTest test, so CI's two cores share them. FAULTLINE_INVARIANT_SEEDS
// overrides the count for a longer soak (e.g. 1000).
constexpr std::uint64_t kDefaultSeeds = 200;

std::uint64_t seeds_to_run() {
  const char* env = std::getenv("FAULTLINE_INVARIANT_SEEDS");
  if (!env || !*env) return kDefaultSeeds;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(env, &end, 10);
  if (*end != '\0' || n == 0 || n > 100000) {
    ADD_FAILURE() << "FAULTLINE_INVARIANT_SEEDS=" << env << ": expected a whole number from 1 to 100000";
    return kDefaultSeeds;
  }
  return n;
}

Scenario small_storm() {
  Scenario s;
  Problems p;
  const std::string path = std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/small_storm_short.json";
  EXPECT_TRUE(load_scenario(path, s, p)) << p.format(path);
  return s;
}

double num(const rapidjson::Value& v, const char* key) {
  const auto it = v.FindMember(key);
  if (it == v.MemberEnd() || !it->value.IsNumber()) {
    ADD_FAILURE() << "no number " << key;
    return 0;
  }
  return it->value.GetDouble();
}

/// Every number under a key naming a time or duration is >= 0; returns the first offender's path.
std::string negative_time(const rapidjson::Value& v, const std::string& path, bool timed) {
  if (v.IsNumber()) return timed && v.GetDouble() < 0 ? path : "";
  if (v.IsArray()) {
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
      const std::string found = negative_time(v[i], path + "[" + std::to_string(i) + "]", timed);
      if (!found.empty()) return found;
    }
  }
  if (v.IsObject()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
      const std::string key = it->name.GetString();
      const bool is_time = key.find("hours") != std::string::npos || key.find("minutes") != std::string::npos ||
                           (key.size() > 2 && key.compare(key.size() - 2, 2, "_s") == 0) || key == "segments" ||
                           key == "restoration_curve";
      const std::string found = negative_time(it->value, path + "." + key, timed || is_time);
      if (!found.empty()) return found;
    }
  }
  return "";
}

void check_scorecard(const std::string& json) {
  rapidjson::Document card;
  card.Parse(json.c_str());
  ASSERT_FALSE(card.HasParseError()) << "not strict JSON (NaN or Infinity?): " << rapidjson::GetParseError_En(card.GetParseError());
  EXPECT_EQ(negative_time(card, "", false), "");
  const double sim_hours = num(card, "sim_hours");

  // Calls: every offered call ended one way, or is still waiting at the end.
  const rapidjson::Value& h = card["hotline"];
  const double waiting = h.HasMember("waiting_at_end") ? num(h, "waiting_at_end") : 0;
  EXPECT_EQ(num(h, "offered"), num(h, "answered") + num(h, "answered_by_ivr") + num(h, "abandoned") + waiting);
  double offered = 0, answered = 0, abandoned = 0, ivr = 0;
  for (const auto& iv : h["intervals"].GetArray()) {
    offered += num(iv, "offered");
    answered += num(iv, "answered");
    abandoned += num(iv, "abandoned");
    ivr += num(iv, "answered_by_ivr");
    EXPECT_GE(num(iv, "service_level_20s"), 0);
    EXPECT_LE(num(iv, "service_level_20s"), 1);
  }
  EXPECT_EQ(offered, num(h, "offered"));
  EXPECT_EQ(answered, num(h, "answered"));
  EXPECT_EQ(abandoned, num(h, "abandoned"));
  EXPECT_EQ(ivr, num(h, "answered_by_ivr"));
  EXPECT_EQ(num(card["headline"], "calls_offered"), num(h, "offered"));

  // Restoration curve: within [0, customers served], in time order, ending at the run's end.
  const double served = num(card["run"], "customers_served");
  const auto& curve = card["restoration_curve"].GetArray();
  ASSERT_GT(curve.Size(), 0u);
  double last_hours = -1;
  for (const auto& point : curve) {
    EXPECT_GE(point[0].GetDouble(), last_hours);
    last_hours = point[0].GetDouble();
    EXPECT_GE(point[1].GetDouble(), 0);
    EXPECT_LE(point[1].GetDouble(), served);
    EXPECT_LE(point[1].GetDouble(), num(card["storm"], "peak_customers_out"));
  }
  EXPECT_DOUBLE_EQ(curve[curve.Size() - 1][0].GetDouble(), sim_hours);
  EXPECT_EQ(curve[curve.Size() - 1][1].GetDouble(), num(card["storm"], "customers_out_at_end"));

  // Work orders move through their stages in order.
  for (const auto& type : card["work_orders"]["by_type"].GetObject()) {
    SCOPED_TRACE(type.name.GetString());
    const rapidjson::Value& o = type.value;
    EXPECT_GE(num(o, "opened"), num(o, "dispatched"));
    EXPECT_GE(num(o, "dispatched"), num(o, "resolved"));
    EXPECT_GE(num(o, "dispatched"), num(o, "on_site"));
    EXPECT_GE(num(o, "resolved"), num(o, "confirmed"));
    EXPECT_GE(num(o, "opened"), num(o, "overdue"));
    EXPECT_GE(num(o, "opened"), num(o, "escalated"));
  }

  // Complaints: one count wherever it appears.
  const rapidjson::Value& c = card["complaints"];
  double by_category = 0;
  for (const auto& cat : c["by_category"].GetObject()) by_category += cat.value.GetDouble();
  EXPECT_EQ(by_category, num(c, "total"));
  // Each complaint's row (and clocks) is in the run's details, which the scorecard counts.
  EXPECT_FALSE(c.HasMember("events"));
  EXPECT_FALSE(card.HasMember("complaint_clocks"));
  EXPECT_EQ(num(card["details"], "complaints"), num(c, "total"));
  EXPECT_EQ(num(card["headline"], "complaints"), num(c, "total"));
  EXPECT_EQ(num(card["work_orders"]["by_type"]["complaint"], "opened"), num(c, "total"));
}

/// One quarter of the seeds 1..N, so the four quarters run side by side under CTest.
class InvariantsQuarter : public ::testing::TestWithParam<int> {};

TEST_P(InvariantsQuarter, HoldForEverySeedOfTheSmallStorm) {
  const Scenario scenario = small_storm();
  const std::uint64_t seeds = seeds_to_run();
  const auto quarter = static_cast<std::uint64_t>(GetParam());
  const std::uint64_t first = quarter * seeds / 4 + 1, last = (quarter + 1) * seeds / 4;
  std::printf("invariants over seeds %llu to %llu of %llu\n", static_cast<unsigned long long>(first),
              static_cast<unsigned long long>(last), static_cast<unsigned long long>(seeds));
  for (std::uint64_t seed = first; seed <= last; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Simulator sim(scenario, RunOptions{seed, 0, true});
    sim.run_to_end();
    check_scorecard(sim.scorecard_json());
    EXPECT_EQ(run::collect_details(sim).complaints.size(), sim.hotline().complaint_records().size());
    if (HasFailure()) break;  // one seed's report is enough to debug
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, InvariantsQuarter, ::testing::Range(0, 4));

TEST(Invariants, CurveEndsAtTheRunsEndBetweenTicks) {
  // Before: a run ending between 15-min samples had no curve point at its end, so
  // customers_out_at_end could disagree with the last point (4 of 1 000 seeds).
  Scenario scenario = small_storm();
  scenario.duration_hours = 3.1;  // mid-storm, between ticks (3.0 and 3.25 h)
  Simulator sim(scenario, RunOptions{5, 0, true});
  sim.run_until(sim.end_time());
  rapidjson::Document card;
  card.Parse(sim.scorecard_json().c_str());
  const auto& curve = card["restoration_curve"].GetArray();
  EXPECT_DOUBLE_EQ(curve[curve.Size() - 1][0].GetDouble(), 3.1);
  EXPECT_EQ(curve[curve.Size() - 1][1].GetDouble(), card["storm"]["customers_out_at_end"].GetDouble());
  EXPECT_GT(card["storm"]["customers_out_at_end"].GetDouble(), 0) << "the storm is still out there at 3.1 h";
}

}  // namespace
}  // namespace fl
