// Behaviour of the hotline a trainee or manager would notice: who calls, what the IVR and the
// dispatcher's publishing do, trouble-call analysis on a hand-made feeder, work-order clocks,
// complaints and the scorecard.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/hotline/config.h"
#include "sim/hotline/tca.h"
#include "sim/simulator.h"
#include "tests/sim/hotline/fake_grid.h"

namespace fl::hotline {
namespace {

using testing::FakeGrid;
using testing::Harness;
using testing::quiet_scenario;

std::vector<std::uint32_t> ids(std::uint32_t first, std::uint32_t n) {
  std::vector<std::uint32_t> v(n);
  for (std::uint32_t i = 0; i < n; ++i) v[i] = first + i;
  return v;
}

// ---- trouble-call analysis on the hand-made feeder (fake_grid.h) --------------------------

class Tca : public ::testing::Test {
 protected:
  void SetUp() override {
    for (std::uint32_t t : {11u, 12u, 21u, 31u, 41u}) grid.add(t, 1);
  }
  FakeGrid grid;
};

TEST_F(Tca, BranchCountsComeFromTheFeeder) {
  TroubleCallAnalyser a(grid, 2, 0.5);
  EXPECT_EQ(a.branches(1), 2u);    // transformers 11 and 12
  EXPECT_EQ(a.branches(10), 3u);   // fuses 1, 2, 3
  EXPECT_EQ(a.branches(100), 2u);  // recloser 10 and fuse 4
}

TEST_F(Tca, TwoTransformersUnderOneFuseImplyTheFuse) {
  TroubleCallAnalyser a(grid, 2, 0.5);
  const std::vector<std::uint32_t> calls = {11, 12, 12};
  const auto p = a.analyse(calls);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].device, 1u);
  EXPECT_EQ(p[0].calls, 3u);
  EXPECT_EQ(p[0].transformers, 2u);
}

TEST_F(Tca, CallsUnderTwoOfThreeFusesImplyTheRecloser) {
  TroubleCallAnalyser a(grid, 2, 0.5);
  const std::vector<std::uint32_t> calls = {11, 21};
  const auto p = a.analyse(calls);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].device, 10u);
  EXPECT_EQ(p[0].transformers, 2u);
}

TEST_F(Tca, ALoneTransformerImpliesOnlyItsNearestDevice) {
  TroubleCallAnalyser a(grid, 2, 0.5);
  const std::vector<std::uint32_t> calls = {31, 31};
  const auto p = a.analyse(calls);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].device, 3u);
  // Two separate areas stay two predictions.
  const std::vector<std::uint32_t> apart = {31, 41};
  const auto q = a.analyse(apart);
  ASSERT_EQ(q.size(), 1u) << "fuse 3 (under the recloser) and fuse 4 are both branches of the breaker";
  EXPECT_EQ(q[0].device, 100u);
  TroubleCallAnalyser strict(grid, 3, 0.5);
  const auto r = strict.analyse(apart);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].device, 3u);
  EXPECT_EQ(r[1].device, 4u);
}

TEST_F(Tca, CallsFromBothSidesOfTheBreakerImplyTheBreaker) {
  TroubleCallAnalyser a(grid, 2, 0.5);
  const std::vector<std::uint32_t> calls = {11, 21, 41};
  const auto p = a.analyse(calls);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].device, 100u);
  EXPECT_EQ(p[0].transformers, 3u);
}

// ---- calls from interrupted customers ----------------------------------------------------

std::uint64_t outage_calls_after(const Scenario& s, const FakeGrid& grid, std::uint32_t n, Time restore_at,
                                 bool automatic = false, Time publish_etr = kNever, Time horizon = 12 * kHour) {
  Harness h(s, grid, 99, automatic);
  const auto all = ids(0, n);
  h.hotline().on_customers_interrupted(0, all, 1, FaultCause::kTreeOnLine);
  if (publish_etr != kNever) {
    Command c;
    c.kind = CommandKind::kPublishOutage;
    c.target = 1;
    c.value = publish_etr;
    EXPECT_TRUE(h.submit(c).accepted);
  }
  if (restore_at != kNever) {
    h.run_until(restore_at);
    h.hotline().on_customers_restored(restore_at, all);
  }
  h.run_until(horizon);
  std::uint64_t calls = 0;
  for (const CallStats& iv : h.hotline().intervals()) calls += iv.offered;
  return calls;
}

TEST(OutageCalls, InterruptedCustomersCallAndStopWhenRestored) {
  FakeGrid grid;
  grid.add(11, 2000);
  Scenario s = quiet_scenario();
  const std::uint64_t out = outage_calls_after(s, grid, 2000, kNever);
  // 5 % call (binomial sd ≈ 10) and repeat with 30 %: between 0.04 and 0.12 calls per customer.
  EXPECT_GT(out, 80u);
  EXPECT_LT(out, 240u);
  const std::uint64_t restored = outage_calls_after(s, grid, 2000, kMinute);
  EXPECT_LE(restored, 3u) << "restored after one minute: hardly anyone has called yet";
}

TEST(OutageCalls, ImportantCustomersCallMore) {
  FakeGrid normal, important;
  normal.add(11, 1000);
  important.add(11, 1000, CustomerClass::kImportant, ImportantKind::kHospital);
  Scenario s = quiet_scenario();
  const std::uint64_t n = outage_calls_after(s, normal, 1000, kNever);
  const std::uint64_t i = outage_calls_after(s, important, 1000, kNever);
  EXPECT_GT(i, 5 * n);
}

TEST(OutageCalls, PublishedOutageCutsCallsAndTheIvrAnswersSome) {
  FakeGrid grid;
  grid.add(11, 4000);
  Scenario s = quiet_scenario();
  const std::uint64_t silent = outage_calls_after(s, grid, 4000, kNever);
  const std::uint64_t announced = outage_calls_after(s, grid, 4000, kNever, false, 24 * kHour);
  EXPECT_LT(static_cast<double>(announced), 0.7 * static_cast<double>(silent));
  Harness h(s, grid, 99, false);
  h.hotline().on_customers_interrupted(0, ids(0, 4000), 1, FaultCause::kTreeOnLine);
  Command c;
  c.kind = CommandKind::kPublishOutage;
  c.target = 1;
  c.value = 24 * kHour;
  h.submit(c);
  h.run_until(12 * kHour);
  EXPECT_GT(h.hotline().totals().answered_by_ivr, 0u);
  EXPECT_LT(h.hotline().totals().answered_by_ivr, h.hotline().totals().offered);
}

TEST(OutageCalls, APassedEtrBringsMoreRepeatCalls) {
  FakeGrid grid;
  grid.add(11, 4000);
  Scenario s = quiet_scenario();
  const std::uint64_t kept = outage_calls_after(s, grid, 4000, kNever, false, 48 * kHour, 24 * kHour);
  const std::uint64_t missed = outage_calls_after(s, grid, 4000, kNever, false, 1 * kHour, 24 * kHour);
  EXPECT_GT(missed, kept);
}

TEST(OutageCalls, RefusesAnEtrInThePast) {
  FakeGrid grid;
  Harness h(quiet_scenario(), grid, 1);
  h.run_until(kHour);
  Command c;
  c.kind = CommandKind::kPublishOutage;
  c.target = 1;
  c.value = kMinute;
  const CommandResult r = h.submit(c);
  EXPECT_FALSE(r.accepted);
  EXPECT_NE(r.reason.find("ETR"), std::string::npos);
}

TEST(Publishing, AutomaticDispatcherPublishesThePredictedFuse) {
  FakeGrid grid;
  grid.add(11, 400);
  grid.add(12, 400);
  grid.add(21, 400);
  Scenario s = quiet_scenario();
  Harness h(s, grid, 5, true);
  h.hotline().on_customers_interrupted(0, ids(0, 800), 1, FaultCause::kBlownFuse);
  h.run_until(6 * kHour);
  const auto& pred = h.hotline().predictions();
  ASSERT_FALSE(pred.empty());
  EXPECT_EQ(pred.front().device, 1u) << "calls from transformers 11 and 12 imply fuse 1, not the recloser";
  auto publish = std::find_if(h.log.begin(), h.log.end(), [](const Harness::Logged& l) {
    return l.command.kind == CommandKind::kPublishOutage && l.command.target == 1;
  });
  ASSERT_NE(publish, h.log.end());
  EXPECT_TRUE(publish->result.accepted);
  EXPECT_NE(publish->result.context.find("predicted"), std::string::npos);
  // Within 1 min of analysis + 5 min publish delay after the first call (lognormal delay ≥ 0).
  EXPECT_LE(publish->command.time, 3 * kHour);
  const bool any_other = std::any_of(h.log.begin(), h.log.end(), [](const Harness::Logged& l) {
    return l.command.kind == CommandKind::kPublishOutage && l.command.target != 1;
  });
  EXPECT_FALSE(any_other) << "customers under fuse 2 were never out";
}

// ---- work orders --------------------------------------------------------------------------

TEST(WorkOrders, RepairOrdersResolveOnRestorationAndAreConfirmedLater) {
  FakeGrid grid;
  grid.add(11, 2000);
  Scenario s = quiet_scenario();
  Harness h(s, grid, 3, false);
  h.hotline().on_customers_interrupted(0, ids(0, 2000), 1, FaultCause::kTreeOnLine);
  h.run_until(3 * kHour);
  h.hotline().on_customers_restored(3 * kHour, ids(0, 2000));
  h.run_until(6 * kHour);
  int repairs = 0;
  for (const WorkOrder& o : h.hotline().work_orders()) {
    if (o.type != OrderType::kRepair) continue;
    ++repairs;
    EXPECT_EQ(o.resolved, 3 * kHour);
    EXPECT_EQ(o.confirmed, 5 * kHour);  // confirm_delay_h = 2
    EXPECT_NE(o.dispatched, kNever);
    EXPECT_LE(o.opened, o.dispatched);
  }
  EXPECT_GT(repairs, 20);
}

TEST(WorkOrders, RepeatCallsUrgeAndEscalateTheOpenOrder) {
  FakeGrid grid;
  grid.add(11, 300, CustomerClass::kImportant, ImportantKind::kWaterWorks);
  Scenario s = quiet_scenario();
  s.hotline.customers.important.repeat_pct = 100;
  s.hotline.customers.important.repeat_mean_h = 0.5;
  Harness h(s, grid, 4, false);
  h.hotline().on_customers_interrupted(0, ids(0, 300), 1, FaultCause::kTreeOnLine);
  h.run_until(8 * kHour);
  int urged = 0, escalated = 0;
  for (const WorkOrder& o : h.hotline().work_orders()) {
    if (o.type != OrderType::kRepair) continue;
    urged += o.urgings > 0;
    escalated += o.escalated;
  }
  EXPECT_GT(urged, 10);
  EXPECT_GT(escalated, 5);
  EXPECT_LE(escalated, urged);
}

Scenario complaint_scenario(int reply_days) {
  Scenario s = quiet_scenario();
  s.hotline.customers.background_calls_per_hour = 30;
  s.hotline.customers.hourly_profile.clear();
  BackgroundMix only_service{};
  only_service = BackgroundMix{0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  s.hotline.customers.background_mix = only_service;
  s.hotline.hotline.orders.complaint_reply_working_days = reply_days;
  return s;
}

TEST(WorkOrders, ComplaintClocksUseTheWorkingDayCalendar) {
  FakeGrid grid;
  for (int days : {7, 10}) {
    SCOPED_TRACE(days);
    Scenario s = complaint_scenario(days);
    Harness h(s, grid, 8, true);
    h.run_until(48 * kHour);
    const Time follow = h.hotline().follow_up_until();
    ASSERT_NE(follow, kNever);
    h.run_until(follow);
    EXPECT_EQ(h.hotline().follow_up_until(), kNever) << "every complaint order closed or is overdue";
    const auto& records = h.hotline().complaint_records();
    ASSERT_GT(records.size(), 10u);
    for (const WorkOrder& o : h.hotline().work_orders()) {
      if (o.type != OrderType::kComplaint) continue;
      EXPECT_EQ(o.first_due, h.calendar().add_working_days(o.opened, 1));
      EXPECT_EQ(o.final_due, h.calendar().add_working_days(o.opened, days));
      const ComplaintRecord& r = records[o.complaint];
      EXPECT_EQ(r.contacted, o.on_site);
      EXPECT_EQ(r.replied, o.resolved);
      if (o.resolved != kNever)
        EXPECT_EQ(o.overdue, o.on_site > o.first_due || o.resolved > o.final_due);
      else
        EXPECT_TRUE(o.overdue || h.now() >= o.final_due);
    }
    // Opened on Friday 13 Sept 2024 08:00+: one working day later is Monday.
    EXPECT_EQ(h.calendar().weekday(records.front().opened), 4);
  }
}

TEST(WorkOrders, RefusalsExplainThemselves) {
  FakeGrid grid;
  Harness h(quiet_scenario(), grid, 1);
  Command c;
  c.kind = CommandKind::kCloseWorkOrder;
  c.target = 5;
  const CommandResult r = h.submit(c);
  EXPECT_FALSE(r.accepted);
  EXPECT_NE(r.reason.find("no work order 5"), std::string::npos);
  c.kind = CommandKind::kAnswerCall;
  EXPECT_NE(h.submit(c).reason.find("no trainee seat"), std::string::npos);
}

// ---- background calls, trainee seat -------------------------------------------------------

TEST(Background, HourlyProfileShapesTheDay) {
  FakeGrid grid;
  Scenario s = quiet_scenario();
  s.start.local = "2024-09-13T00:00";
  s.hotline.customers.background_calls_per_hour = 200;
  s.hotline.hotline.redial_pct = 0;  // offered counts attempts; keep it to first attempts here
  Harness h(s, grid, 2, true);
  h.run_until(48 * kHour);
  const auto& iv = h.hotline().intervals();
  // Local 10:00–11:00 (weight 2.0) against 03:00–04:00 (weight 0.1), both days.
  double day = 0, night = 0;
  for (int d = 0; d < 2; ++d) {
    day += static_cast<double>(iv[static_cast<std::size_t>(d * 48 + 20)].offered + iv[static_cast<std::size_t>(d * 48 + 21)].offered);
    night += static_cast<double>(iv[static_cast<std::size_t>(d * 48 + 6)].offered + iv[static_cast<std::size_t>(d * 48 + 7)].offered);
  }
  EXPECT_GT(day, 8 * std::max(night, 1.0));
  // Mean rate is the configured one (200/h over 48 h = 9600, Poisson sd ≈ 100).
  EXPECT_NEAR(static_cast<double>(h.hotline().totals().offered), 9600.0, 400.0);
}

TEST(Trainee, StandInAnswersTheTraineeCallsInHeadlessRuns) {
  FakeGrid grid;
  Scenario s = quiet_scenario();
  s.hotline.customers.background_calls_per_hour = 100;
  s.hotline.trainee.seats = 1;
  s.hotline.trainee.routing = "all";
  s.hotline.trainee.share_pct = 5;
  Harness automatic(s, grid, 6, true);
  automatic.run_until(24 * kHour);
  int answered = 0;
  for (const auto& l : automatic.log)
    if (l.command.kind == CommandKind::kAnswerCall && l.result.accepted && !l.command.by_trainee) ++answered;
  EXPECT_GT(answered, 20);
  // With a real trainee who never answers, those calls wait until the callers give up.
  Harness idle(s, grid, 6, false);
  idle.run_until(24 * kHour);
  EXPECT_GT(idle.hotline().totals().abandoned, automatic.hotline().totals().abandoned);
}

// ---- complaints and satisfaction: direction, same seed ------------------------------------

struct Outcome {
  std::size_t complaints;
  double satisfaction;
};

Outcome run_with_seats(int seats) {
  Scenario s;
  Problems p;
  EXPECT_TRUE(load_scenario(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/hotline_steady.json", s, p));
  s.duration_hours = 48;
  s.hotline.hotline.default_seats = seats;
  s.hotline.hotline.patience_distribution = "exponential";
  s.hotline.hotline.mean_patience_s = 180;
  s.hotline.hotline.redial_pct = 50;
  s.hotline.hotline.complaints.hazard_per_point = 0.02;
  Simulator sim(s, RunOptions{s.seed, 0, true});
  sim.run_to_end();
  return {sim.hotline().complaint_records().size(), sim.hotline().satisfaction()};
}

TEST(Complaints, WorseStaffingBringsMoreComplaintsAndLowerSatisfaction) {
  const Outcome good = run_with_seats(52);
  const Outcome poor = run_with_seats(46);
  EXPECT_GT(poor.complaints, good.complaints + 20);
  EXPECT_LT(poor.satisfaction, good.satisfaction);
}

// ---- scorecard ----------------------------------------------------------------------------

TEST(Scorecard, HotlineComplaintsAndWorkOrdersCarryTheContractKeys) {
  FakeGrid grid;
  grid.add(11, 500);
  Scenario s = complaint_scenario(7);
  Harness h(s, grid, 9, true);
  h.hotline().on_customers_interrupted(0, ids(0, 500), 1, FaultCause::kTreeOnLine);
  h.run_until(12 * kHour);
  JsonWriter w(false);
  w.begin_object();
  w.key("hotline");
  h.hotline().write_hotline(w);
  w.key("complaints");
  h.hotline().write_complaints(w);
  w.key("work_orders");
  h.hotline().write_work_orders(w);
  w.end_object();
  rapidjson::Document d;
  d.Parse(w.str().c_str());
  ASSERT_FALSE(d.HasParseError());
  for (const char* k : {"offered", "answered", "abandoned", "answered_by_ivr", "service_level_20s",
                        "service_level_5_rings", "asa_s", "p_wait", "intervals"})
    EXPECT_TRUE(d["hotline"].HasMember(k)) << k;
  const auto& iv = d["hotline"]["intervals"];
  ASSERT_GE(iv.Size(), 24u);
  for (const char* k : {"start_hours", "offered", "answered", "abandoned", "answered_by_ivr", "service_level_20s", "asa_s"})
    EXPECT_TRUE(iv[1].HasMember(k)) << k;
  EXPECT_DOUBLE_EQ(iv[1]["start_hours"].GetDouble(), 0.5);
  EXPECT_EQ(d["complaints"]["total"].GetUint64(), h.hotline().complaint_records().size());
  for (const char* k : {"voltage_quality", "service", "billing", "outage", "construction"})
    EXPECT_TRUE(d["complaints"]["by_category"].HasMember(k)) << k;
  EXPECT_EQ(d["complaints"]["events"].Size(), h.hotline().complaint_records().size());
  for (const char* t : {"repair", "complaint", "enquiry", "business"})
    for (const char* k : {"opened", "dispatched", "on_site", "resolved", "confirmed"})
      EXPECT_TRUE(d["work_orders"]["by_type"][t].HasMember(k)) << t << "." << k;
  EXPECT_GT(d["work_orders"]["by_type"]["repair"]["opened"].GetUint64(), 0u);
  // The service level counts answered-within-limit over calls offered to agents.
  const CallStats& t = h.hotline().totals();
  EXPECT_DOUBLE_EQ(d["hotline"]["service_level_20s"].GetDouble(),
                   static_cast<double>(t.within_sl) / static_cast<double>(t.to_agents()));
}

TEST(Config, ProblemsNameTheirPaths) {
  HotlineConfig c;
  c.hotline.patience_distribution = "weibull";
  c.customers.hourly_profile = {1, 2, 3};
  c.trainee.routing = "everyone";
  c.customers.residential.call_pct = 150;
  Problems p;
  c.validate(p);
  const std::string text = p.format("x.json");
  for (const char* path : {"hotline.patience_distribution", "customers.hourly_profile", "trainee.routing",
                           "customers.residential.call_pct"})
    EXPECT_NE(text.find(path), std::string::npos) << path << "\n" << text;
  Problems ok;
  HotlineConfig{}.validate(ok);
  EXPECT_FALSE(ok.has_errors()) << ok.format("defaults");
}

}  // namespace
}  // namespace fl::hotline
