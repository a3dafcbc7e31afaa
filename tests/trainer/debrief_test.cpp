// The debrief: outage delay splits that add up, breach splits that add up, decision costs by
// counterfactual replay checked against hand-made replays, and the credibility of the baseline.
#include <gtest/gtest.h>

#include <atomic>

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <unistd.h>

#include "sim/scoring/scorecard.h"
#include "tests/trainer/trainee_fixture.h"
#include "trainer/debrief/aar.h"
#include "trainer/debrief/counterfactual.h"
#include "trainer/debrief/debrief.h"

namespace fl::trainer {
namespace {

using namespace debrief;
using testing::small_storm;
using testing::trainee_session;

const Session& session12() {
  static const Session s = trainee_session(small_storm(), 10, 12 * kHour);
  return s;
}

/// Independent of replay_session: a fresh simulator, each command submitted at its time.
std::unique_ptr<Simulator> run_by_hand(const Scenario& scenario, const Session& session, const std::vector<Command>& commands) {
  RunOptions options;
  options.seed = session.seed;
  options.seats = Seats::trainee();
  auto sim = std::make_unique<Simulator>(scenario, options);
  for (const Command& c : commands) {
    sim->run_until(c.time);
    sim->submit(c);
  }
  sim->run_until(session.saved_at_ms);
  return sim;
}

Outcome by_hand(const Scenario& scenario, const Session& session, const std::vector<Command>& commands) {
  return measure(*run_by_hand(scenario, session, commands));
}

TEST(Counterfactual, WithoutAndDelayedChangeOnlyTheOneCommand) {
  std::vector<Command> commands(4);
  for (int i = 0; i < 4; ++i) {
    commands[i].time = i * kHour;
    commands[i].target = static_cast<std::uint32_t>(i);
  }
  const auto w = without(commands, 1);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].target, 0u);
  EXPECT_EQ(w[1].target, 2u);
  // Command 1 (at 1 h) moved 90 min later lands between the 2 h and 3 h commands.
  const auto d = delayed(commands, 1, 90 * kMinute);
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[1].target, 2u);
  EXPECT_EQ(d[2].target, 1u);
  EXPECT_EQ(d[2].time, kHour + 90 * kMinute);
  for (std::size_t i = 1; i < d.size(); ++i) EXPECT_LE(d[i - 1].time, d[i].time);
}

TEST(Counterfactual, EachDecisionsCostIsTheDifferenceOfTwoReplays) {
  const Scenario scenario = small_storm();
  const Session& session = session12();
  ASSERT_GE(session.commands.size(), 4u) << "the fixture trainee should give several commands";
  const auto costs = weigh_decisions(session, scenario, 2);
  ASSERT_EQ(costs.size(), session.commands.size());
  const Outcome as_run = by_hand(scenario, session, session.commands);
  for (std::size_t k : {std::size_t{0}, session.commands.size() - 1}) {
    const Outcome without_k = by_hand(scenario, session, without(session.commands, k));
    EXPECT_DOUBLE_EQ(costs[k].saved.customer_minutes, without_k.customer_minutes - as_run.customer_minutes) << k;
    EXPECT_DOUBLE_EQ(costs[k].saved.breaches, without_k.breaches - as_run.breaches) << k;
    EXPECT_DOUBLE_EQ(costs[k].saved.complaints, without_k.complaints - as_run.complaints) << k;
    EXPECT_DOUBLE_EQ(costs[k].saved.important_minutes, without_k.important_minutes - as_run.important_minutes) << k;
    const Outcome late = by_hand(scenario, session, delayed(session.commands, k, kDecisionDelay));
    EXPECT_DOUBLE_EQ(costs[k].delay_cost.customer_minutes, late.customer_minutes - as_run.customer_minutes) << k;
  }
  // This session stops at 12 h, in the storm: its patrols locate faults but no repair finishes
  // by then, so every saving here is 0 customer-minutes. The next test weighs repairs that do.
}

/// The outage records' own account of what leaving a decision out cost: for every fault,
/// customers × (restored without it − restored with it) in minutes, each restoration cut at the
/// drill's end (never restored counts as the end). Reads only the repair records, not the
/// 15-minute restoration curve Outcome::customer_minutes comes from.
struct RecordsOracle {
  double customer_minutes = 0;
  double moved_customers = 0;  ///< customers of faults restored at a different time in the two runs
  double restored_customers = 0;  ///< customers of faults restored with the decision and never without it
};
RecordsOracle records_oracle(const Simulator& with, const Simulator& without_it) {
  const Time end = with.end_time();
  auto restored = [&](const RepairRecord& r) { return std::min(r.restored == kNever ? end : r.restored, end); };
  std::map<std::uint32_t, const RepairRecord*> other;
  for (const RepairRecord& r : without_it.world().repair_records()) other[r.fault_id] = &r;
  RecordsOracle o;
  for (const RepairRecord& r : with.world().repair_records()) {
    const auto it = other.find(r.fault_id);
    // The storm is the same in both runs (common random numbers), so a fault keeps its id.
    EXPECT_TRUE(it == other.end() || it->second->occurred == r.occurred) << r.fault_id;
    const Time a = restored(r), b = it == other.end() ? end : restored(*it->second);
    o.customer_minutes += r.customers * to_minutes(b - a);
    if (a != b) o.moved_customers += r.customers;
    if (a < end && b == end) o.restored_customers += r.customers;
  }
  return o;
}

// A trainee who sends idle line crews to located faults (and patrols below tripped devices) to the
// drill's end (24 h) restores customers no one else would: nobody else dispatches. Measured: 9 of
// the 13 crew assignments save 1,320-38,160 customer-minutes each (the other four finish after the
// drill's end, or repair a fault inside a section another fault had already cut off); the
// records oracle agrees with each within the restoration curve's 15-minute steps (e.g. 69
// customers restored at 09-13 23:49 instead of never: 24,840 measured, 25,608 from the records).
TEST(Counterfactual, SendingACrewToALocatedFaultSavesTheMinutesItsCustomersGetBackSooner) {
  const Scenario scenario = small_storm();
  const Session session = trainee_session(scenario, 40, 24 * kHour);
  const auto costs = weigh_decisions(session, scenario, 2);
  const auto as_run = run_by_hand(scenario, session, session.commands);
  std::size_t saving = 0;
  for (const DecisionCost& cost : costs) {
    const std::size_t k = cost.command;
    if (session.commands[k].kind != CommandKind::kAssignCrew) continue;
    const auto without_k = run_by_hand(scenario, session, without(session.commands, k));
    const RecordsOracle oracle = records_oracle(*as_run, *without_k);
    const double saved = cost.saved.customer_minutes;
    // Each run's curve counts a restored customer out until the next 15-minute sample, so the two
    // figures may differ by up to 15 minutes for each customer whose restoration moved.
    EXPECT_NEAR(saved, oracle.customer_minutes, 15.0 * oracle.moved_customers + 1e-6) << "decision " << k;
    if (oracle.restored_customers == 0) continue;
    // A repair that gave customers supply before the end, which leaving it out would not have.
    EXPECT_GT(saved, 0.0) << "decision " << k;
    EXPECT_GT(oracle.customer_minutes, 0.0) << "decision " << k;
    ++saving;
  }
  EXPECT_GE(saving, 5u) << "the trainee's repairs should restore customers before the drill ends";
}

TEST(Counterfactual, ACancelledWeighingStopsAndReturnsNothing) {
  // The window cancels when it closes: runs not yet started are skipped, the wait still ends
  // (the bar reaches its total) and no half-weighed costs come back.
  const Scenario scenario = small_storm();
  std::atomic<bool> cancel{false};
  std::size_t last_done = 0, total_seen = 0;
  const auto costs = weigh_decisions(
      session12(), scenario, 1,
      [&](std::size_t done, std::size_t total) {
        last_done = done;
        total_seen = total;
        if (done >= 1) cancel = true;  // after the first replay
      },
      &cancel);
  EXPECT_TRUE(costs.empty());
  EXPECT_EQ(last_done, total_seen);
  EXPECT_EQ(total_seen, 1 + 2 * session12().commands.size());
  // Not cancelled: every decision comes back.
  std::atomic<bool> keep{false};
  EXPECT_EQ(weigh_decisions(session12(), scenario, 2, {}, &keep).size(), session12().commands.size());
}

TEST(Counterfactual, ResultsDoNotDependOnTheThreadCount) {
  const Scenario scenario = small_storm();
  std::size_t last_done = 0, calls = 0;
  const auto one = weigh_decisions(session12(), scenario, 1, [&](std::size_t done, std::size_t total) {
    EXPECT_LE(done, total);
    EXPECT_GE(done, last_done);
    last_done = done;
    ++calls;
  });
  EXPECT_EQ(last_done, 1 + 2 * session12().commands.size());  // the bar reaches the end
  EXPECT_GE(calls, 2u);
  const auto two = weigh_decisions(session12(), scenario, 2);
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].saved.customer_minutes, two[i].saved.customer_minutes);
    EXPECT_EQ(one[i].delay_cost.complaints, two[i].delay_cost.complaints);
  }
}

TEST(Debrief, EveryOutagesDelaySplitAddsUpToItsLength) {
  const Scenario scenario = small_storm();
  RunOptions options;
  options.seed = scenario.seed;
  Simulator sim(scenario, options);
  sim.run_until(sim.end_time());
  const Debrief d = build_debrief(sim);
  ASSERT_GE(d.outages.size(), 20u);
  std::size_t restored = 0;
  for (const OutageRow& r : d.outages) {
    for (double part : {r.detection_h, r.locating_h, r.crew_wait_h, r.travel_h, r.wind_h, r.repair_h}) EXPECT_GE(part, 0.0);
    const double end = r.restored ? r.restored_h : to_hours(sim.now());
    EXPECT_NEAR(r.total_h(), end - r.occurred_h, 1e-6) << r.fault;
    // Moments happen in order.
    if (r.detected_h >= 0) {
      EXPECT_GE(r.detected_h, r.occurred_h);
    }
    if (r.arrived_h >= 0 && r.assigned_h >= 0) {
      EXPECT_GE(r.arrived_h, r.assigned_h);
    }
    restored += r.restored ? 1 : 0;
  }
  EXPECT_GT(restored, 0u);
  // Worst by customer-minutes first.
  for (std::size_t i = 1; i < d.outages.size(); ++i)
    EXPECT_GE(d.outages[i - 1].customer_minutes(), d.outages[i].customer_minutes());
  // The automatic dispatcher's crews stood down for wind at some point of a typhoon.
  double wind = 0;
  for (const OutageRow& r : d.outages) wind += r.wind_h;
  EXPECT_GT(wind, 0.0);
}

TEST(Debrief, BreachSplitsAddUpToEveryCommitmentsTotal) {
  Scenario scenario;
  Problems problems;
  ASSERT_TRUE(load_scenario(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/coastal_city.json", scenario, problems));
  scenario.duration_hours = 30;  // through landfall: hundreds of arrival breaches, more than the 50 the scorecard lists
  RunOptions options;
  options.seed = scenario.seed;
  Simulator sim(scenario, options);
  sim.run_until(sim.end_time());
  const Debrief d = build_debrief(sim);
  std::size_t checked = 0;
  for (const auto& r : d.commitments) {
    if (r.breaches_total() == 0) continue;
    const auto it = std::find_if(d.breaches.begin(), d.breaches.end(), [&](const BreachSplit& b) { return b.id == r.id; });
    ASSERT_NE(it, d.breaches.end()) << r.id;
    EXPECT_EQ(it->total, r.breaches_total()) << r.id;
    EXPECT_EQ(it->urban + it->rural + it->remote + it->other, it->total) << r.id;
    ++checked;
    if (r.measure == "arrival_minutes") {
      EXPECT_GT(it->total, 50u);
    }
  }
  EXPECT_GE(checked, 2u);
}

struct IdleAndAutomatic {
  Outcome nobody, automatic;
};
/// The default drill to its end (72 h, no complaint follow-up) by nobody and by the automatic dispatcher.
IdleAndAutomatic idle_and_automatic() {
  Scenario scenario;
  Problems problems;
  EXPECT_TRUE(load_scenario(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/coastal_city.json", scenario, problems));
  RunOptions idle;
  idle.seed = scenario.seed;
  idle.seats = Seats::trainee();
  Simulator nobody(scenario, idle);
  nobody.run_until(nobody.end_time());
  RunOptions automatic = idle;
  automatic.seats = Seats::agents();
  Simulator reference(scenario, automatic);
  reference.run_until(reference.end_time());
  return {measure(nobody), measure(reference)};
}

// The automatic dispatcher must clearly beat idleness: measured 99.7 M customer-minutes when nobody
// dispatches against 68.7 M (important customers 55.4 k against 30.0 k minutes) on the default drill
// at 72 h. Nobody restores anything after the storm's re-closes, so 30 % more is a wide margin.
TEST(Debrief, NobodyDispatchingLeavesCustomersOutLongerThanTheAutomaticDispatcher) {
  const auto [a, b] = idle_and_automatic();
  EXPECT_GT(a.customer_minutes, 1.3 * b.customer_minutes);
  EXPECT_GT(a.important_minutes, 1.3 * b.important_minutes);
}

// Customers feel a late crew when the arrival deadline passes, not when the crew finally comes (it
// may never come): measured 280 complaints when nobody dispatches against 197 (were 170 / 183 while
// grievances waited for the arrival or the restoration).
TEST(Debrief, NobodyDispatchingDrawsMoreComplaintsThanTheAutomaticDispatcher) {
  const auto [a, b] = idle_and_automatic();
  EXPECT_GT(a.complaints, b.complaints);
}

/// Latin words left once the scenario's proper names are taken out.
std::vector<std::string> english_words(std::string text, const std::set<std::string>& names) {
  for (const std::string& n : names)
    for (std::size_t p; (p = text.find(n)) != std::string::npos;) text.erase(p, n.size());
  // Runs of two or more ASCII letters (std::regex trips GCC 12's maybe-uninitialized under ASan).
  std::vector<std::string> out;
  std::string run;
  for (char ch : text + " ") {
    const bool letter = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
    if (letter) {
      run += ch;
      continue;
    }
    if (run.size() >= 2) out.push_back(run);
    run.clear();
  }
  return out;
}

TEST(Debrief, FindingsSpeakChineseWithNamesOnly) {
  const Scenario scenario = small_storm();
  const Session& session = session12();
  const auto run = replay_session(session, scenario, session.saved_at_ms);
  Session automatic = session;
  automatic.automatic_dispatcher = true;
  automatic.dispatch_trainee = false;
  automatic.hotline_trainee = false;
  automatic.commands.clear();
  const auto base = replay_session(automatic, scenario, session.saved_at_ms);
  const Debrief d = build_debrief(*run, base.get());
  auto costs = weigh_decisions(session, scenario, 2);
  describe_costs(*run, costs);
  const Review review = build_review(d, &costs);
  std::set<std::string> names;
  for (const auto& c : run->world().crews()) names.insert(c.name);
  for (const auto& c : scenario.world.area.cities) names.insert(c.name);
  for (const auto& s : scenario.world.grid.substations) names.insert(s.name);
  for (const auto& dp : scenario.world.crews.depots) names.insert(dp.name);
  names.insert(scenario.world.typhoon.name);
  std::vector<Finding> all = {review.overview};
  for (const auto& l : d.decisions) {
    all.push_back(l.what);
    if (!l.reason.key.empty()) all.push_back(l.reason);
  }
  for (const auto& r : d.outages) {
    all.push_back(r.place);
    all.push_back(r.feeder);
  }
  for (const auto& o : review.objectives) all.push_back(o.evidence);
  for (const auto& f : review.strengths) all.push_back(f);
  for (const auto& a : review.areas)
    for (const Finding& f : {a.observation, a.analysis, a.recommendation, a.action}) all.push_back(f);
  for (const auto& c : costs) all.push_back(cost_sentence(c));
  ASSERT_GT(all.size(), 20u);
  for (const Finding& f : all) {
    const std::string zh = render(f, "zh", d.clock), en = render(f, "en", d.clock);
    EXPECT_TRUE(english_words(zh, names).empty()) << f.key << ": " << zh;
    EXPECT_NE(zh, f.key) << "missing string " << f.key;
    EXPECT_NE(en, f.key) << "missing string " << f.key;
  }
  // The trainee's decisions name crews and places, never internal ids.
  const std::string first = render(d.decisions.front().what, "en", d.clock);
  EXPECT_EQ(first.find("fault "), std::string::npos) << first;
  EXPECT_NE(first.find("Xiaogang"), std::string::npos) << first;
}

}  // namespace
}  // namespace fl::trainer

namespace fl::trainer {
namespace {

TEST(DebriefCommand, WritesTheReportAndAppendixOfARecordedTraineeSession) {
  const auto dir = std::filesystem::temp_directory_path() / ("faultline_debrief_" + std::to_string(::getpid()));
  DebriefArgs args;
  args.session_path = std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/small_storm_session.json";
  args.out_dir = dir.string();
  args.language = "zh";
  args.weigh = false;
  args.progress = false;
  std::ostringstream out, err;
  ASSERT_EQ(run_debrief_command(args, out, err), 0) << err.str();
  for (const char* f : {"report.html", "decisions.html", "scorecard.json"}) EXPECT_TRUE(std::filesystem::exists(dir / f)) << f;
  std::ifstream in(dir / "report.html");
  std::stringstream html;
  html << in.rdbuf();
  // The trainee's commands in plain Chinese, compared with the automatic dispatcher.
  EXPECT_NE(html.str().find("学员下达的指令"), std::string::npos);
  EXPECT_NE(html.str().find("比自动调度（同一种子）复电更晚的停电事件"), std::string::npos);
  EXPECT_EQ(html.str().find("send crew"), std::string::npos);
  EXPECT_EQ(out.str().find("Customers"), std::string::npos) << out.str();  // the zh summary
  std::filesystem::remove_all(dir);
  // A missing file is explained, not a crash.
  args.session_path = "/nonexistent/session.json";
  std::ostringstream err2;
  EXPECT_EQ(run_debrief_command(args, out, err2), 1);
  EXPECT_NE(err2.str().find("/nonexistent/session.json: cannot open"), std::string::npos);
}

}  // namespace
}  // namespace fl::trainer

namespace fl::trainer {
namespace {

TEST(LocaliseName, TheScenariosFacilityWordsReadInChinese) {
  // The important customers' names of the shipped scenarios, as the zh report prints them: the
  // facility words in Chinese, the place names (pinyin) kept.
  EXPECT_EQ(debrief::localise_name("Government office 1", "zh"), "政府机关1");
  EXPECT_EQ(debrief::localise_name("Xiwan Township Government", "zh"), "Xiwan镇政府");
  EXPECT_EQ(debrief::localise_name("Haibin People's Hospital", "zh"), "Haibin人民医院");
  EXPECT_EQ(debrief::localise_name("Haibin No. 2 Water Works", "zh"), "Haibin第2水厂");
  EXPECT_EQ(debrief::localise_name("Haibin No. 2 Water Works", "en"), "Haibin No. 2 Water Works");
}

}  // namespace
}  // namespace fl::trainer
