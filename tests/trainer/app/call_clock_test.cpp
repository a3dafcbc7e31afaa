// The drill clock around the hotline seat's calls (no window needed: the app without run()):
// "next call" runs at 3600x to the next ring, a ringing or live call holds 1x whatever the
// trainee asks for, and the speed from before "next call" comes back when the call is over.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "tests/sim/calls/calls_harness.h"
#include "trainer/app/app_internal.h"

namespace fl::trainer::app {
namespace {

TEST(CallClock, NextCallRunsFastToTheRingHoldsOneTimesDuringTheCallAndGivesTheSpeedBack) {
  PlayOptions o;
  o.scenario_path = FAULTLINE_SOURCE_DIR "/scenarios/calm_day.json";
  o.seat = "hotline";
  o.language = "en";
  o.out_dir = (std::filesystem::temp_directory_path() / "faultline_call_clock_test").string();
  std::ostringstream out, err;
  App app(o, out, err);
  ASSERT_TRUE(app.load(o)) << err.str();
  ASSERT_NE(app.desk_, nullptr);

  app.clock_.set_speed(3);  // the trainee's 60x
  app.skip_to_ring_ = true;  // "Next call"
  app.hold_clock_for_calls();
  EXPECT_EQ(app.clock_.speed_index(), kFastestSpeed);

  while (app.desk_->ringing().empty()) ASSERT_TRUE(app.sim_->step());
  app.hold_clock_for_calls();
  EXPECT_EQ(app.clock_.speed_index(), 1) << "a ring holds 1x";
  EXPECT_FALSE(app.skip_to_ring_);

  app.answer_call();
  ASSERT_NE(app.desk_->current(), nullptr);
  app.clock_.set_speed(4);  // the trainee asks for 600x during the call
  app.hold_clock_for_calls();
  EXPECT_EQ(app.clock_.speed_index(), 1) << "a call in progress keeps 1x";

  for (int guard = 0; guard < 40 && app.desk_->current(); ++guard) {
    app.sim_->run_until(app.desk_->current()->caller_done_at() + 2000);
    app.choose_reply(calls::testing::ideal_option(*app.desk_->current()));
  }
  ASSERT_EQ(app.desk_->current(), nullptr);
  ASSERT_TRUE(app.desk_->ringing().empty());
  app.hold_clock_for_calls();
  EXPECT_EQ(app.clock_.speed_index(), 3) << "the speed from before 'Next call' comes back";
  EXPECT_EQ(app.desk_->records().back().score.score_pct, 100.0);
}

}  // namespace
}  // namespace fl::trainer::app
