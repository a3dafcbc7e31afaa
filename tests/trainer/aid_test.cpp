// Why a mutual-aid request gained or cost what it did: the aid crews' hours add up, the debrief's
// finding carries this run's figures in both languages, and on the default drill the crews of an
// early request lose their first shift to the storm.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "sim/scenario/scenario.h"
#include "sim/session.h"
#include "sim/simulator.h"
#include "trainer/debrief/aar.h"
#include "trainer/debrief/aid.h"
#include "trainer/debrief/counterfactual.h"
#include "trainer/debrief/debrief.h"

namespace fl::trainer {
namespace {

using namespace debrief;

std::string coastal_path() { return std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/coastal_city.json"; }

Scenario coastal() {
  Scenario s;
  Problems problems;
  EXPECT_TRUE(load_scenario(coastal_path(), s, problems)) << problems.format(coastal_path());
  return s;
}

/// The default drill with the automatic dispatcher in both seats and one trainee command: the
/// mutual-aid request at `at` (before the dispatcher's own at 09-15 22:55), recorded to the end.
Session early_aid_session(const Scenario& scenario, Time at) {
  RunOptions options;
  options.seed = scenario.seed;
  options.seats = Seats::agents();
  Simulator sim(scenario, options);
  sim.run_until(at);
  Command c;
  c.kind = CommandKind::kRequestMutualAid;
  c.target = 0;
  c.by_trainee = true;
  EXPECT_TRUE(sim.submit(c).accepted);
  sim.run_until(sim.end_time());
  std::ifstream in(coastal_path());
  std::ostringstream text;
  text << in.rdbuf();
  return capture_session(sim, coastal_path(), text.str());
}

TEST(AidUse, EveryAidCrewHourIsInOneState) {
  const Scenario scenario = coastal();
  RunOptions options;
  options.seed = scenario.seed;
  Simulator sim(scenario, options);
  sim.run_until(sim.end_time());
  const AidUse u = aid_use(sim, 0);
  ASSERT_EQ(u.crews, 20u);
  ASSERT_NE(u.arrived_h, kNotYet);
  EXPECT_NEAR(u.arrived_h - u.requested_h, scenario.world.crews.mutual_aid[0].lead_time_h, 1e-9);
  ASSERT_EQ(u.hours.size(), 72u);
  for (std::size_t h = 0; h < u.hours.size(); ++h) {
    const AidHour& x = u.hours[h];
    EXPECT_NEAR(x.working + x.waiting + x.idle + x.resting + x.not_arrived, 20.0, 1e-6) << h;
    if (static_cast<double>(h + 1) <= u.arrived_h) {
      EXPECT_DOUBLE_EQ(x.not_arrived, 20.0) << h;
    }
  }
  EXPECT_GT(u.first_shift_working, 0.0);
  EXPECT_GE(u.most_resting, 1u);
  EXPECT_GE(u.most_resting_h, u.arrived_h);
}

// Measured on the default drill (72 h, seed 20240915; the damage calibration of 2026-12-04): the
// automatic dispatcher asks for aid at 09-15 22:55 and its 20 crews arrive at 09-16 16:55, after
// the wind at staging fell below the 15.6 m/s elevated-work limit (09-16 14:45). Asked at
// 09-15 09:00 (14 h earlier) they arrive at 09-16 03:00, before landfall (06:15): 168 of their
// first shift's crew-hours go to waiting (wind, blocked roads, tree crews) against 27 for the
// dispatcher's, while ~100 located faults wait at their first rest. Early aid still gains here
// (4.4 k customer-hours), so the test asks for the mechanism, not for a loss.
TEST(AidExplanation, AnEarlyRequestSaysWhyWithTheRunsFigures) {
  const Scenario scenario = coastal();
  const Session session = early_aid_session(scenario, 3 * kHour);
  ASSERT_EQ(session.commands.size(), 1u);
  auto costs = weigh_decisions(session, scenario, 2);
  ASSERT_EQ(costs.size(), 1u);
  ASSERT_TRUE(costs[0].aid_without.has_value());
  const AidUse& without = *costs[0].aid_without;
  const auto run = replay_session(session, scenario, session.saved_at_ms);
  describe_costs(*run, costs);
  const AidUse as_run = aid_use(*run, 0);
  // The request brought the crews earlier, into the storm: more of the first shift lost to waiting.
  EXPECT_NEAR(as_run.requested_h, 3.0, 1e-9);
  EXPECT_LT(as_run.arrived_h, without.arrived_h);
  EXPECT_GT(as_run.calm_at_staging_h, as_run.arrived_h);
  EXPECT_EQ(without.calm_at_staging_h, kNotYet);
  EXPECT_GT(as_run.first_shift_waiting, 4 * without.first_shift_waiting);
  EXPECT_GT(as_run.first_shift_waiting, 100.0);
  EXPECT_GT(as_run.faults_waiting_then, 50u);

  ASSERT_FALSE(costs[0].why.key.empty());
  const Finding sentence = cost_sentence(costs[0]);
  EXPECT_EQ(sentence.key, "cost_with_why");
  const Clock clock = Clock::from_start_local(scenario.start.local);
  const std::string en = render(sentence, "en", clock), zh = render(sentence, "zh", clock);
  // Its own figures: arrival times of both runs, the calm, the waiting crew-hours.
  for (const std::string& figure : {clock.at(as_run.arrived_h), clock.at(without.arrived_h), clock.at(as_run.calm_at_staging_h),
                                    format_number(std::round(as_run.first_shift_waiting), 0)}) {
    EXPECT_NE(en.find(figure), std::string::npos) << figure << " in " << en;
    EXPECT_NE(zh.find(figure), std::string::npos) << figure << " in " << zh;
  }
  EXPECT_NE(en.find("15.6 m/s"), std::string::npos) << en;
  EXPECT_NE(zh.find("支援队伍"), std::string::npos) << zh;
  for (char ch : zh) {  // no English words in the zh sentence: only digits, punctuation and Chinese
    EXPECT_FALSE((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) << zh;
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) break;
  }
}

TEST(AidExplanation, SaysEarlierDidNotPayOnlyWhenTheRequestBroughtThemEarlierAndCost) {
  AidUse early, late, never;
  early.crews = late.crews = 20;
  early.arrived_h = 21;
  late.arrived_h = 35;
  early.calm_at_staging_h = 32.75;
  early.wind_limit_mps = late.wind_limit_mps = 15.6;
  early.shift_h = late.shift_h = 16;
  EXPECT_EQ(explain_aid(early, late, -5000).key, "aid_why_cost");
  EXPECT_EQ(explain_aid(early, late, +5000).key, "aid_why");
  EXPECT_EQ(explain_aid(late, early, -5000).key, "aid_why");  // later than without it: not "earlier"
  EXPECT_EQ(explain_aid(early, never, +5000).args[1].nested.front().key, "aid_never_arrived");
  EXPECT_EQ(explain_aid(never, never, 0).key, "");  // nothing arrived: nothing to explain
  // The calm is the first arrival's: the early run saw the wind, the late one did not.
  EXPECT_EQ(explain_aid(late, early, -5000).args[2].nested.front().key, "aid_calm");
  EXPECT_EQ(explain_aid(late, AidUse{}, 0).args[2].nested.front().key, "aid_calm_none");
  for (const char* language : {"en", "zh"}) {
    const std::string text = render(explain_aid(early, late, -5000), language, Clock{});
    EXPECT_EQ(text.find("aid_"), std::string::npos) << text;  // every key has its text
  }
}

}  // namespace
}  // namespace fl::trainer
