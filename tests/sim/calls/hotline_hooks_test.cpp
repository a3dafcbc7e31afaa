// What a trainee's call leaves in the hotline, on the hand-made feeder of the hotline tests: the
// chosen work order with its priority, an ETR promise that breaks brings the customer back and
// adds grievance, and a caller who ends the call furious files a complaint.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/calls/desk.h"
#include "sim/calls/transcript.h"
#include "tests/sim/calls/calls_harness.h"
#include "tests/sim/hotline/fake_grid.h"

namespace fl::calls {
namespace {

using hotline::testing::FakeGrid;
using hotline::testing::Harness;

struct Fixture {
  explicit Fixture(ImportantKind kind = ImportantKind::kNone) {
    scenario = hotline::testing::quiet_scenario();
    scenario.hotline.trainee.seats = 1;
    scenario.hotline.trainee.routing = "outage";
    scenario.hotline.trainee.share_pct = 100;
    scenario.hotline.customers.residential.call_pct = 100;
    scenario.hotline.customers.residential.repeat_pct = 0;
    scenario.hotline.customers.important.call_pct = 100;
    scenario.hotline.customers.important.repeat_pct = 0;
    scenario.hotline.hotline.patience_distribution = "none";
    scenario.hotline.hotline.ivr_informed_hangup_pct = 0;  // every caller reaches the seat
    grid.add(11, 1, kind == ImportantKind::kNone ? CustomerClass::kResidential : CustomerClass::kImportant, kind);
    harness = std::make_unique<Harness>(scenario, grid, 4);
    desk = std::make_unique<CallDesk>(scenario, harness->calendar(), grid, testing::shipped_scripts(),
                                      testing::shipped_rules(), 4, 0);
    harness->hotline().set_trainee_desk(desk.get());
  }
  ~Fixture() { harness->hotline().set_trainee_desk(nullptr); }
  /// Interrupts customer 0 at t and runs until its call rings at the trainee seat.
  void outage_and_ring(Time t, FaultCause cause) {
    const std::uint32_t id = 0;
    harness->run_until(t);
    harness->hotline().on_customers_interrupted(t, std::span(&id, 1), 1, cause);
    for (Time at = t; desk->ringing().empty() && at < t + 24 * kHour; at += kMinute) harness->run_until(at);
    ASSERT_FALSE(desk->ringing().empty());
  }
  void answer() {
    Command c;
    c.kind = CommandKind::kAnswerCall;
    c.target = static_cast<std::uint32_t>(desk->ringing().front().call_id);
    ASSERT_TRUE(harness->submit(c).accepted);
  }
  /// Plays the call: the option `pick` returns at each node (the ideal one by default).
  template <class Pick>
  void play(Pick pick) {
    for (int guard = 0; guard < 40 && desk->current(); ++guard) {
      const CallSession& s = *desk->current();
      harness->run_until(s.caller_done_at() + 2000);
      Command c;
      c.kind = CommandKind::kChooseReply;
      c.target = static_cast<std::uint32_t>(desk->current_call_id());
      c.value = static_cast<std::int64_t>(pick(s));
      ASSERT_TRUE(harness->submit(c).accepted);
    }
  }
  Scenario scenario;
  FakeGrid grid;
  std::unique_ptr<Harness> harness;
  std::unique_ptr<CallDesk> desk;
};

TEST(TraineeCalls, TheIdealOutageCallLeavesTheChosenRepairOrder) {
  Fixture f;
  f.outage_and_ring(kHour, FaultCause::kTreeOnLine);
  f.answer();
  f.play([](const CallSession& s) { return testing::ideal_option(s); });
  ASSERT_EQ(f.desk->records().size(), 1u);
  const CallRecord& r = f.desk->records()[0];
  EXPECT_EQ(r.score.score_pct, 100.0) << render_transcript(r, "en");
  const auto& orders = f.harness->hotline().work_orders();
  if (r.effects.order_type == "repair") {
    ASSERT_FALSE(orders.empty());
    EXPECT_EQ(orders.back().type, hotline::OrderType::kRepair);
    EXPECT_EQ(orders.back().customer, 0u);
  } else {
    EXPECT_TRUE(r.effects.link_order) << r.script_id;
  }
  EXPECT_EQ(f.harness->hotline().complaint_records().size(), 0u);
  EXPECT_NEAR(f.harness->hotline().customer_satisfaction(0), 100.0, 1e-9) << "a content caller adds no grievance";
}

TEST(TraineeCalls, TheCallPanelOpensARepairOrderAndLaterCallsUrgeIt) {
  // The window's work-order buttons: "link" is refused while the caller has no open repair
  // order; after "open repair" it links, each link counting one urging (催办).
  Fixture f;
  f.outage_and_ring(kHour, FaultCause::kTreeOnLine);
  f.answer();
  Command link;
  link.kind = CommandKind::kOpenWorkOrder;
  link.target = static_cast<std::uint32_t>(f.desk->current_call_id());
  link.flags = kLinkToOpenOrder;
  const CommandResult refused = f.harness->submit(link);
  EXPECT_FALSE(refused.accepted);
  EXPECT_EQ(refused.message.key, "order.no_open_repair");
  Command open = link;
  open.flags = 0;
  open.value = static_cast<std::int64_t>(hotline::OrderType::kRepair);
  ASSERT_TRUE(f.harness->submit(open).accepted);
  const auto& orders = f.harness->hotline().work_orders();
  ASSERT_FALSE(orders.empty());
  const std::size_t repair = orders.size() - 1;
  EXPECT_EQ(orders[repair].type, hotline::OrderType::kRepair);
  EXPECT_EQ(orders[repair].urgings, 0u);
  ASSERT_TRUE(f.harness->submit(link).accepted);
  EXPECT_EQ(f.harness->hotline().work_orders()[repair].urgings, 1u);
}

TEST(TraineeCalls, AHospitalCallOpensAnUrgentEscalatedRepair) {
  Fixture f(ImportantKind::kHospital);
  f.outage_and_ring(kHour, FaultCause::kTreeOnLine);
  f.answer();
  f.play([](const CallSession& s) { return testing::ideal_option(s); });
  ASSERT_EQ(f.desk->records().size(), 1u);
  EXPECT_EQ(f.desk->records()[0].script_id, "hospital_outage");
  const auto& orders = f.harness->hotline().work_orders();
  ASSERT_FALSE(orders.empty());
  EXPECT_EQ(orders.back().type, hotline::OrderType::kRepair);
  EXPECT_EQ(orders.back().priority, 1);
  EXPECT_TRUE(orders.back().escalated);
}

TEST(TraineeCalls, ABrokenPromiseBringsTheCustomerBackAndRaisesTheHazard) {
  Fixture f;
  f.outage_and_ring(kHour, FaultCause::kTreeOnLine);
  f.answer();
  f.play([](const CallSession& s) {
    for (std::size_t i = 0; i < s.node()->replies.size(); ++i)
      if (s.node()->replies[i].promise == "invented") return s.shown_at(i);
    return testing::ideal_option(s);
  });
  ASSERT_EQ(f.desk->records().size(), 1u);
  const CallRecord first = f.desk->records()[0];
  ASSERT_GE(first.effects.promised_etr, 0) << render_transcript(first, "en");
  const double satisfaction_before = f.harness->hotline().customer_satisfaction(0);
  const auto calls_before = f.harness->hotline().outage_calls();
  f.harness->run_until(first.effects.promised_etr + kMinute);  // never restored: the promise breaks
  EXPECT_TRUE(f.desk->records()[0].promise_broken);
  EXPECT_EQ(f.harness->hotline().outage_calls(), calls_before + 1) << "the customer calls back";
  EXPECT_FALSE(f.desk->ringing().empty()) << "… and the call rings at the trainee seat again";
  EXPECT_LT(f.harness->hotline().customer_satisfaction(0), satisfaction_before);
  EXPECT_NE(render_transcript(f.desk->records()[0], "en").find("broken: the customer called again"), std::string::npos);
  EXPECT_NE(render_transcript(f.desk->records()[0], "zh").find("未兑现"), std::string::npos);
}

TEST(TraineeCalls, AKeptPromiseBringsNoRepeatCall) {
  Fixture f;
  f.outage_and_ring(kHour, FaultCause::kTreeOnLine);
  f.answer();
  f.play([](const CallSession& s) {
    for (std::size_t i = 0; i < s.node()->replies.size(); ++i)
      if (s.node()->replies[i].promise == "invented") return s.shown_at(i);
    return testing::ideal_option(s);
  });
  const CallRecord first = f.desk->records()[0];
  ASSERT_GE(first.effects.promised_etr, 0);
  const std::uint32_t id = 0;
  f.harness->run_until(first.effects.promised_etr - kMinute);
  f.harness->hotline().on_customers_restored(f.harness->now(), std::span(&id, 1));
  const auto calls_before = f.harness->hotline().outage_calls();
  f.harness->run_until(first.effects.promised_etr + kHour);
  EXPECT_FALSE(f.desk->records()[0].promise_broken);
  EXPECT_EQ(f.harness->hotline().outage_calls(), calls_before);
}

TEST(TraineeCalls, AFuriousCallerFilesAComplaint) {
  Fixture f;
  f.outage_and_ring(kHour, FaultCause::kTreeOnLine);
  f.answer();
  f.play([](const CallSession& s) {  // every violation on offer
    for (std::size_t i = 0; i < s.node()->replies.size(); ++i)
      if (!s.node()->replies[i].violation.empty()) return s.shown_at(i);
    return testing::ideal_option(s);
  });
  ASSERT_EQ(f.desk->records().size(), 1u);
  const CallRecord& r = f.desk->records()[0];
  EXPECT_TRUE(r.effects.hung_up);
  EXPECT_TRUE(r.effects.complaint) << "mood " << r.effects.mood_end;
  const auto& complaints = f.harness->hotline().complaint_records();
  EXPECT_TRUE(std::any_of(complaints.begin(), complaints.end(),
                          [](const ComplaintRecord& c) { return c.customer == 0 && c.reason == "trainee_call"; }));
  EXPECT_LT(f.harness->hotline().customer_satisfaction(0), 100.0);
}

TEST(TraineeCalls, ADownedLineCallFollowsTheSafetyScript) {
  Fixture f;
  f.outage_and_ring(kHour, FaultCause::kConductorDown);
  f.answer();
  ASSERT_NE(f.desk->current(), nullptr);
  EXPECT_EQ(f.desk->current()->script().id, "downed_line");
}

TEST(TraineeCalls, RingingCallsAbandonedBeforePickUpAreRecorded) {
  Fixture f;
  f.scenario.hotline.hotline.patience_distribution = "lognormal";
  f.scenario.hotline.hotline.mean_patience_s = 600;
  f.scenario.hotline.hotline.patience_beta = 0.1;
  f.harness = std::make_unique<Harness>(f.scenario, f.grid, 4);
  f.desk = std::make_unique<CallDesk>(f.scenario, f.harness->calendar(), f.grid, testing::shipped_scripts(),
                                      testing::shipped_rules(), 4, 0);
  f.harness->hotline().set_trainee_desk(f.desk.get());
  f.outage_and_ring(kHour, FaultCause::kTreeOnLine);
  const Time since = f.desk->ringing().front().since;
  f.harness->run_until(since + kHour);  // nobody answers
  ASSERT_FALSE(f.desk->records().empty());
  EXPECT_TRUE(f.desk->records()[0].abandoned);
  EXPECT_GE(f.desk->records()[0].rings, 1);
}

}  // namespace
}  // namespace fl::calls
