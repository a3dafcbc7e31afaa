// The trainee's desk inside a real run (calm_day): calls come from the hotline's queue, the
// caller card shows only that caller, the ideal path scores 100 %, the call leaves a work order of
// the chosen type in the run, pick-up rings are counted, and a practice session replays exactly.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <set>

#include "sim/calls/practice.h"
#include "sim/calls/transcript.h"
#include "sim/hotline/hotline.h"
#include "sim/scenario/scenario.h"
#include "tests/sim/calls/calls_harness.h"

namespace fl::calls {
namespace {

Scenario calm_day_all_calls() {
  Scenario s;
  Problems p;
  EXPECT_TRUE(load_scenario(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/calm_day.json", s, p)) << p.format("calm_day");
  s.hotline.trainee.seats = 1;
  s.hotline.trainee.routing = "all";
  s.hotline.trainee.share_pct = 100;
  s.duration_hours = 6;
  return s;
}

CallAssets assets() {
  CallAssets a;
  std::string problems;
  EXPECT_TRUE(load_call_assets(std::string(FAULTLINE_SOURCE_DIR) + "/assets", a, problems));
  EXPECT_EQ(problems, "");
  return a;
}

/// Plays `calls` calls on the ideal path, answering at ring `pickup_ring`.
void play_ideal(PracticeRun& run, int calls, int pickup_ring) {
  for (int n = 0; n < calls && run.wait_for_ring(); ++n) {
    const Time since = run.desk().ringing().front().since;
    if (!run.answer(since + (pickup_ring - 1) * run.desk().ring_period_ms() + 500).accepted) continue;
    for (int guard = 0; guard < 40 && run.desk().current(); ++guard) {
      const CallSession& s = *run.desk().current();
      ASSERT_TRUE(run.choose(testing::ideal_option(s), s.caller_done_at() + 3000).accepted);
    }
  }
}

TEST(Desk, IdealCallsScoreFullMarksAndLeaveTheirWorkOrdersInTheRun) {
  const Scenario scenario = calm_day_all_calls();
  PracticeRun run(scenario, 7, assets());
  play_ideal(run, 6, 2);
  const auto& records = run.desk().records();
  ASSERT_GE(records.size(), 6u);
  EXPECT_EQ(records.front().rings, 2) << "the first call rings at an idle seat: answered during its second ring";
  std::size_t orders_expected = 0;
  for (const CallRecord& r : records) {
    if (r.abandoned) continue;
    EXPECT_EQ(r.score.score_pct, 100.0) << r.script_id << "\n" << render_transcript(r, "en");
    EXPECT_GE(r.rings, 2) << "answered during the second ring, or later when it waited for the trainee";
    EXPECT_GT(r.talk_s(), 30.0);
    orders_expected += !r.effects.order_type.empty();
  }
  // Each order the trainee chose exists in the hotline's work orders (the desk's are the last ones
  // opened at the end of each call; count by type).
  std::size_t trainee_orders = 0;
  for (const hotline::WorkOrder& o : run.sim().hotline().work_orders())
    for (const CallRecord& r : records)
      if (!r.abandoned && r.ended_at == o.opened && !r.effects.order_type.empty() &&
          r.effects.order_type == hotline::order_type_name(o.type))
        ++trainee_orders;
  EXPECT_EQ(trainee_orders, orders_expected);
}

TEST(Desk, TheCallerCardShowsOnlyTheCallersOwnAccount) {
  const Scenario scenario = calm_day_all_calls();
  PracticeRun run(scenario, 11, assets());
  ASSERT_TRUE(run.wait_for_ring());
  ASSERT_TRUE(run.answer(run.desk().ringing().front().since + 1000).accepted);
  const auto card = run.desk().current_card();
  ASSERT_FALSE(card.empty());
  const CallFacts& f = run.desk().current()->facts();
  EXPECT_EQ(card[0].value.en, f.values.at("account").en);
  for (const CardLine& l : card) EXPECT_EQ(l.value.en.find(f.values.at("neighbour_address").en), std::string::npos);
}

TEST(Desk, PickUpLaterThanFiveRingsIsCounted) {
  EXPECT_EQ(rings_heard(0, 0, 5000), 1);
  EXPECT_EQ(rings_heard(0, 4999, 5000), 1);
  EXPECT_EQ(rings_heard(0, 5000, 5000), 2);
  EXPECT_EQ(rings_heard(0, 24999, 5000), 5);  // 5 rings ≈ 20–25 s (DOMAIN §2c)
  EXPECT_EQ(rings_heard(0, 25000, 5000), 6);
  const Scenario scenario = calm_day_all_calls();
  PracticeRun run(scenario, 7, assets());
  play_ideal(run, 2, 7);
  ASSERT_FALSE(run.desk().records().empty());
  const CallRecord& r = run.desk().records().front();
  EXPECT_EQ(r.rings, 7) << "abandoned: " << r.abandoned;
  const std::string json = run.sim().scorecard_json();
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  ASSERT_TRUE(doc.HasMember("trainee"));
  const auto& calls = doc["trainee"]["calls"];
  EXPECT_EQ(calls["picked_up_within_5_rings"].GetUint64(), 0u);
  EXPECT_GE(calls["handled"].GetUint64(), 1u);
  EXPECT_EQ(calls["calls"][0]["rings"].GetInt64(), r.rings);
  EXPECT_NE(std::string(calls["calls"][0]["transcript_en"].GetString()).find("Picked up at ring 7 (later than 5 rings)"),
            std::string::npos);
  EXPECT_NE(std::string(calls["calls"][0]["transcript_zh"].GetString()).find("振铃 7 声接起（超过 5 声）"), std::string::npos);
}

TEST(Desk, APracticeSessionReplaysExactly) {
  const Scenario scenario = calm_day_all_calls();
  auto a = assets();
  PracticeRun run(scenario, 5, a);
  // A mixed session: ideal replies, a violation, and a typed reply.
  for (int n = 0; n < 4 && run.wait_for_ring(); ++n) {
    run.answer(run.desk().ringing().front().since + 6000);
    int turn = 0;
    for (int guard = 0; guard < 40 && run.desk().current(); ++guard, ++turn) {
      const CallSession& s = *run.desk().current();
      if (turn == 0) run.type("您好，国家电网95598，1024号为您服务。", s.caller_done_at() + 1500);
      else run.choose(turn == 2 ? 1 : testing::ideal_option(s), s.caller_done_at() + 2500);
    }
  }
  run.sim().run_until(run.sim().now() + kHour);
  const auto commands = run.trainee_commands();
  ASSERT_GT(commands.size(), 10u);
  auto again = replay_practice(scenario, 5, a, commands);
  again->sim().run_until(run.sim().now());
  EXPECT_EQ(again->sim().state_hash(), run.sim().state_hash());
  ASSERT_EQ(again->desk().records().size(), run.desk().records().size());
  for (std::size_t i = 0; i < run.desk().records().size(); ++i) {
    EXPECT_EQ(render_transcript(again->desk().records()[i], "zh"), render_transcript(run.desk().records()[i], "zh"));
    EXPECT_EQ(again->desk().records()[i].effects.mood_end, run.desk().records()[i].effects.mood_end);
  }
  EXPECT_EQ(again->sim().scorecard_json(), run.sim().scorecard_json());
}

TEST(Desk, ADrillSessionWithADeskRecordsItsScriptsAndReplaysWithThem) {
  // The window's hotline seat: a drill (not a practice) whose trainee seat is a desk the
  // simulator owns. Its session must carry the scripts and rules, and a replay must answer the
  // same callers with them.
  const Scenario scenario = calm_day_all_calls();
  RunOptions o;
  o.seed = 9;
  o.seats = Seats(Holder::kAgent, Holder::kTrainee);
  Simulator sim(scenario, o);
  sim.own_trainee_desk(make_desk(sim, assets()));
  const auto* desk = dynamic_cast<const CallDesk*>(sim.trainee_desk());
  ASSERT_NE(desk, nullptr);
  auto answered = [&] {
    return std::count_if(desk->records().begin(), desk->records().end(), [](const CallRecord& r) { return r.answered_at >= 0; });
  };
  for (int tries = 0; answered() < 2 && tries < 20; ++tries) {
    while (desk->ringing().empty()) ASSERT_TRUE(sim.step());
    sim.run_until(desk->ringing().front().since + 1000);
    if (desk->ringing().empty()) continue;  // the caller gave up at once
    Command answer;
    answer.kind = CommandKind::kAnswerCall;
    answer.target = static_cast<std::uint32_t>(desk->ringing().front().call_id);
    const CommandResult picked_up = sim.submit(Seat::kHotline, answer);
    ASSERT_TRUE(picked_up.accepted) << picked_up.reason;
    for (int guard = 0; guard < 40 && desk->current(); ++guard) {
      sim.run_until(desk->current()->caller_done_at() + 2000);
      Command reply;
      reply.kind = CommandKind::kChooseReply;
      reply.target = static_cast<std::uint32_t>(desk->current_call_id());
      reply.value = testing::ideal_option(*desk->current());
      ASSERT_TRUE(sim.submit(Seat::kHotline, reply).accepted);
    }
  }
  sim.run_until(sim.now() + 30 * kMinute);  // more callers ring and give up at the busy seat
  ASSERT_EQ(answered(), 2);

  const Session captured = capture_session(sim, "calm_day.json", scenario.source_text);
  EXPECT_FALSE(captured.practice);
  EXPECT_TRUE(captured.has_call_desk());
  EXPECT_EQ(captured.call_scripts.size(), desk->scripts().size());
  EXPECT_EQ(captured.practice_seat.routing, "all");
  Session loaded;
  Problems problems;
  ASSERT_TRUE(session_from_json(session_to_json(captured), loaded, problems)) << problems.format("session.json");
  const auto replayed = replay_session(loaded, scenario, loaded.saved_at_ms);
  const auto* again = dynamic_cast<const CallDesk*>(replayed->trainee_desk());
  ASSERT_NE(again, nullptr) << "the replay has no desk";
  ASSERT_EQ(again->records().size(), desk->records().size());
  for (std::size_t i = 0; i < desk->records().size(); ++i)
    EXPECT_EQ(render_transcript(again->records()[i], "en"), render_transcript(desk->records()[i], "en"));
  EXPECT_EQ(replayed->scorecard_json(), sim.scorecard_json());

  // An edited script is caught by its hash before anything replays.
  Session edited = loaded;
  edited.call_scripts[0].text += " ";
  Session refused;
  Problems why;
  EXPECT_FALSE(session_from_json(session_to_json(edited), refused, why));
  EXPECT_NE(why.format("session.json").find("faultline_session.call_scripts[0].text"), std::string::npos)
      << why.format("session.json");
}

TEST(Desk, WithoutADeskTheDefaultRunIsUnchanged) {
  // The hooks are inert when no desk is attached: the scripted stand-in still answers.
  const Scenario scenario = calm_day_all_calls();
  RunOptions o;
  o.seed = 5;
  Simulator plain(scenario, o);
  plain.run_until(2 * kHour);
  const std::string json = plain.scorecard_json();
  EXPECT_EQ(json.find("\"trainee\""), std::string::npos);
  EXPECT_GT(plain.hotline().totals().answered, 0u);
}

}  // namespace
}  // namespace fl::calls
