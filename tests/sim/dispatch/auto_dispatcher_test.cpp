// The automatic dispatcher against a hand-made control room: it acts only on what the view says.
#include <gtest/gtest.h>

#include <vector>

#include "sim/dispatch/auto_dispatcher.h"
#include "sim/dispatch/hotline_supervisor.h"
#include "sim/scenario/scenario.h"
#include "tests/sim/control/fake_control_room.h"

namespace fl::dispatch {
namespace {

using control::CrewKind;
using control::Importance;
using control::KnownFault;
using control::KnownOpenDevice;
using control::testing::FakeControlRoom;

struct RecordingSink : CommandSink {
  std::vector<Command> got;
  CommandResult submit(Command c) override {
    got.push_back(c);
    return CommandResult::ok();
  }
  std::vector<Command> of(CommandKind k) const {
    std::vector<Command> out;
    for (const Command& c : got)
      if (c.kind == k) out.push_back(c);
    return out;
  }
};

Scenario scenario() {
  Scenario s;
  s.world.dispatcher.important_weight = 1000;
  s.world.dispatcher.mutual_aid_trigger_pct = 10;
  return s;
}

KnownFault fault(std::uint32_t id, double customers, Time est_ms, float x = 0) {
  KnownFault f;
  f.fault = id;
  f.customers = customers;
  f.estimated_repair_ms = est_ms;
  f.x_m = x;
  return f;
}

TEST(AutoDispatcher, RanksByTheEstimatedDurationItIsShown) {
  FakeControlRoom view;
  view.add_crew(CrewKind::kLine, 0, 0);
  // Same customers: the shorter estimated job restores them sooner per crew-hour.
  view.fault_list = {fault(1, 100, 6 * kHour), fault(2, 100, 1 * kHour)};
  AutoDispatcher d(scenario());
  RecordingSink sink;
  d.on_wake(view, sink);
  const auto assigns = sink.of(CommandKind::kAssignCrew);
  ASSERT_EQ(assigns.size(), 1u);
  EXPECT_EQ(assigns[0].target, 2u);
  // Shown the other way round, it chooses the other fault: the estimate, nothing else, decides.
  view.fault_list = {fault(1, 100, 1 * kHour), fault(2, 100, 6 * kHour)};
  view.touch();
  RecordingSink sink2;
  AutoDispatcher(scenario()).on_wake(view, sink2);
  ASSERT_EQ(sink2.of(CommandKind::kAssignCrew).size(), 1u);
  EXPECT_EQ(sink2.of(CommandKind::kAssignCrew)[0].target, 1u);
}

TEST(AutoDispatcher, LifeCriticalCustomersComeBeforeALargerOrdinaryOutage) {
  FakeControlRoom view;
  view.add_crew(CrewKind::kLine, 0, 0);
  KnownFault big = fault(1, 2000, 3 * kHour);
  KnownFault hospital = fault(2, 5, 3 * kHour);
  hospital.important = true;
  hospital.importance = Importance::kLifeCritical;
  view.fault_list = {big, hospital};
  RecordingSink sink;
  AutoDispatcher(scenario()).on_wake(view, sink);
  ASSERT_EQ(sink.of(CommandKind::kAssignCrew).size(), 1u);
  EXPECT_EQ(sink.of(CommandKind::kAssignCrew)[0].target, 2u);
  // Tiers are ordered: life-critical > water works > government > ordinary.
  EXPECT_GT(importance_weight(Importance::kLifeCritical, 1000), importance_weight(Importance::kWaterWorks, 1000));
  EXPECT_GT(importance_weight(Importance::kWaterWorks, 1000), importance_weight(Importance::kGovernment, 1000));
  EXPECT_GT(importance_weight(Importance::kGovernment, 1000), importance_weight(Importance::kOrdinary, 1000));
}

TEST(AutoDispatcher, MutualAidFollowsKnownCustomersOutNotTheTruth) {
  FakeControlRoom view;
  view.served = 1000;
  control::MutualAidStatus offer;
  offer.offer = 0;
  view.aid = {offer};
  view.truth.customers_out = 900;  // the truth: most customers out, but nobody has seen it
  KnownOpenDevice fuse;
  fuse.device = 7;
  fuse.customers_below = 50;  // 5 % known
  view.devices = {fuse};
  RecordingSink sink;
  AutoDispatcher d(scenario());
  d.on_wake(view, sink);
  EXPECT_TRUE(sink.of(CommandKind::kRequestMutualAid).empty());
  view.devices[0].customers_below = 150;  // 15 % known: past the 10 % trigger
  view.touch();
  d.on_wake(view, sink);
  ASSERT_EQ(sink.of(CommandKind::kRequestMutualAid).size(), 1u);
  EXPECT_EQ(sink.of(CommandKind::kRequestMutualAid)[0].target, 0u);
}

TEST(AutoDispatcher, OpenDeviceWithSupplyAboveAndNothingKnownBelowGetsAJob) {
  FakeControlRoom view;
  view.add_crew(CrewKind::kAssessment, 0, 0);
  KnownOpenDevice patrolled;
  patrolled.device = 3;
  patrolled.supply_above = true;
  patrolled.patrolled = true;  // patrolled, nothing found: test-close it
  KnownOpenDevice unknown;
  unknown.device = 4;
  unknown.supply_above = true;  // not patrolled yet: patrol it
  unknown.customers_below = 10;
  view.devices = {patrolled, unknown};
  RecordingSink sink;
  AutoDispatcher(scenario()).on_wake(view, sink);
  const auto closes = sink.of(CommandKind::kOperateSwitch);
  ASSERT_EQ(closes.size(), 1u);
  EXPECT_EQ(closes[0].target, 3u);
  EXPECT_EQ(closes[0].value, 1);
  const auto patrols = sink.of(CommandKind::kPatrol);
  ASSERT_EQ(patrols.size(), 1u);
  EXPECT_EQ(patrols[0].target, 4u);
}

TEST(AutoDispatcher, TroubleCallPredictionsChooseWhereToPatrolFirst) {
  FakeControlRoom view;
  view.add_crew(CrewKind::kAssessment, 0, 0);
  KnownOpenDevice a, b;
  a.device = 10;
  a.customers_below = 100;
  b.device = 11;
  b.customers_below = 100;
  view.devices = {a, b};
  control::CallPrediction p;
  p.device = 11;
  p.calls = 12;
  p.known_open = true;
  view.calls = {p};
  RecordingSink sink;
  AutoDispatcher(scenario()).on_wake(view, sink);
  ASSERT_EQ(sink.of(CommandKind::kPatrol).size(), 1u);
  EXPECT_EQ(sink.of(CommandKind::kPatrol)[0].target, 11u);
}

TEST(AutoDispatcher, IsolatesWithTheDeviceTheNetworkModelOffers) {
  FakeControlRoom view;
  KnownFault f = fault(5, 100, kHour);
  f.isolate_with = 42;
  view.fault_list = {f};
  RecordingSink sink;
  const Time next = AutoDispatcher(scenario()).on_wake(view, sink);
  const auto ops = sink.of(CommandKind::kOperateSwitch);
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(ops[0].target, 42u);
  EXPECT_EQ(ops[0].value, 0);
  EXPECT_EQ(next, view.now());  // asks for a second look after switching
}

TEST(EtrPlan, RevisesOnlyPastTheThresholdOrWhenPassed) {
  const Time now = 10 * kHour;
  EXPECT_FALSE(etr_needs_revision(now, now + 4 * kHour, now + 5 * kHour));   // +1 h < 2 h
  EXPECT_TRUE(etr_needs_revision(now, now + 4 * kHour, now + 7 * kHour));    // +3 h > 2 h
  EXPECT_FALSE(etr_needs_revision(now, now + 20 * kHour, now + 24 * kHour)); // +4 h < 25 % of 20 h
  EXPECT_TRUE(etr_needs_revision(now, now + 20 * kHour, now + 26 * kHour));  // +6 h > 5 h
  EXPECT_FALSE(etr_needs_revision(now, now + 8 * kHour, now + 5 * kHour));   // 3 h earlier < 4 h
  EXPECT_TRUE(etr_needs_revision(now, now, now + kHour));                   // passed
  // Published with a 25 % margin, at least 1 h ahead, on the half hour.
  EXPECT_EQ(etr_from_plan(now, now + 4 * kHour), now + 5 * kHour);
  EXPECT_EQ(etr_from_plan(now, now + 10 * kMinute), now + kHour);
  EXPECT_EQ(etr_from_plan(now, now + 3 * kHour + 10 * kMinute) % (30 * kMinute), 0);
  // A revision that moves later is padded by half the time to go again, on the half hour.
  EXPECT_EQ(padded_revision(now, now + 6 * kHour), now + 9 * kHour);
  EXPECT_EQ(padded_revision(now, now + 5 * kHour), now + 7 * kHour + 30 * kMinute);
  EXPECT_EQ(padded_revision(now, now + 5 * kHour + 10 * kMinute) % (30 * kMinute), 0);
}

TEST(EtrPlan, TheCrewQueueDelaysTheLaterJobs) {
  Scenario s = scenario();
  FakeControlRoom view;
  view.add_crew(CrewKind::kLine, 0, 0);
  KnownOpenDevice d1, d2;
  d1.device = 1;
  d1.known_faults_below = 1;
  d2.device = 2;
  d2.known_faults_below = 1;
  view.devices = {d1, d2};
  KnownFault f1 = fault(1, 500, 2 * kHour), f2 = fault(2, 10, 2 * kHour);
  f1.device = 1;
  f2.device = 2;
  view.fault_list = {f1, f2};
  const RestorationPlan plan = plan_restoration(view, s);
  // One crew: the big outage first, the small one after it (2 h + lag and travel each).
  EXPECT_LT(plan.at(1), plan.at(2));
  EXPECT_GE(plan.at(2) - plan.at(1), 2 * kHour);
  EXPECT_EQ(plan.at(99), kNever);
  // A second crew lets both start at once.
  view.add_crew(CrewKind::kLine, 0, 0);
  const RestorationPlan two = plan_restoration(view, s);
  EXPECT_EQ(two.at(1), two.at(2));
}

TEST(HotlineSupervisor, StandInAnswersTheEmptySeatAfterItsDelay) {
  Scenario s = scenario();
  s.hotline.trainee.stand_in_answer_s = 30;
  FakeControlRoom view;
  view.board.trainee_seats = 1;
  control::WaitingCall w;
  w.call = 77;
  w.arrived_ms = 0;
  view.waiting = {w};
  HotlineSupervisor sup(s);
  RecordingSink sink;
  view.t = 10 * kSecond;
  EXPECT_EQ(sup.on_wake(view, sink), 30 * kSecond);  // not yet: wake me when it is due
  EXPECT_TRUE(sink.of(CommandKind::kAnswerCall).empty());
  view.t = 30 * kSecond;
  sup.on_wake(view, sink);
  ASSERT_EQ(sink.of(CommandKind::kAnswerCall).size(), 1u);
  EXPECT_EQ(sink.of(CommandKind::kAnswerCall)[0].target, 77u);
}

}  // namespace
}  // namespace fl::dispatch
