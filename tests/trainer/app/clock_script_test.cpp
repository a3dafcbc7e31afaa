// The drill clock and input scripts, without a window.
#include <gtest/gtest.h>

#include <SFML/Window/Keyboard.hpp>

#include "trainer/app/clock.h"
#include "trainer/app/input_script.h"

namespace fl::trainer::app {
namespace {

TEST(DrillClock, AdvancesByWallTimeTimesSpeed) {
  DrillClock clock;
  clock.set_speed(4);  // 600×
  EXPECT_EQ(clock.speed(), 600);
  EXPECT_EQ(clock.target(1000, 0.05), 1000 + 30 * kSecond);  // 50 ms wall = 30 s simulated
}

TEST(DrillClock, PausedStandsStillButStepsOnRequest) {
  DrillClock clock;
  EXPECT_TRUE(clock.paused());
  EXPECT_EQ(clock.target(5000, 1.0), 5000);
  clock.request_step(15 * kMinute);
  EXPECT_EQ(clock.target(5000, 1.0), 5000 + 15 * kMinute);
  EXPECT_EQ(clock.target(5000, 1.0), 5000);  // one step, once
}

TEST(DrillClock, AStalledFrameDoesNotBecomeAJump) {
  DrillClock clock;
  clock.set_speed(5);  // 3600×
  // A 3 s stall (window dragged) counts as at most 0.1 s of wall time: 6 simulated minutes.
  EXPECT_EQ(clock.target(0, 3.0), 6 * kMinute);
}

TEST(DrillClock, SlowSpeedsKeepTheirFractionsOfAMillisecond) {
  DrillClock clock;
  clock.set_speed(1);  // 1×
  Time t = 0;
  for (int i = 0; i < 600; ++i) t = clock.target(t, 1.0 / 60.0);  // ten wall seconds at 60 fps
  EXPECT_NEAR(static_cast<double>(t), 10000.0, 1.0);
}

TEST(DrillClock, SpaceResumesAtTheLastSpeed) {
  DrillClock clock;
  clock.set_speed(4);
  clock.toggle_pause();
  EXPECT_TRUE(clock.paused());
  clock.toggle_pause();
  EXPECT_EQ(clock.speed(), 600);
}

TEST(InputScript, ParsesEveryActionAndSortsByTime) {
  const std::string text =
      "# comment\n"
      "2.0 click_map 20000 9500\n"
      "0.5 key Enter   # trailing comment\n"
      "1 click 640 700\n"
      "3 right_click_fault first\n"
      "3 click_crew 4\n"
      "4 drag 1 2 3 4\n"
      "5 wheel 640 400 -2\n"
      "6 text hello world\n"
      "7 quit\n";
  std::vector<ScriptStep> steps;
  Problems problems;
  ASSERT_TRUE(parse_input_script(text, steps, problems)) << problems.format("s.txt");
  ASSERT_EQ(steps.size(), 9u);
  EXPECT_EQ(steps[0].action, ScriptAction::kKey);
  EXPECT_EQ(steps[0].text, "Enter");
  EXPECT_EQ(steps[1].action, ScriptAction::kClick);
  EXPECT_DOUBLE_EQ(steps[2].x, 20000);
  EXPECT_EQ(steps[3].id, UINT32_MAX);  // "first"
  EXPECT_EQ(steps[4].id, 4u);
  EXPECT_DOUBLE_EQ(steps[5].y2, 4);
  EXPECT_DOUBLE_EQ(steps[6].x2, -2);
  EXPECT_EQ(steps[7].text, "hello world");
  EXPECT_EQ(steps[8].action, ScriptAction::kQuit);
}

TEST(InputScript, ExplainsEachBadLine) {
  std::vector<ScriptStep> steps;
  Problems problems;
  EXPECT_FALSE(parse_input_script("1 key Hyperspace\nx click 1 2\n2 click 5\n3 fly\n", steps, problems));
  const std::string text = problems.format("s.txt");
  for (const char* line : {"line 1", "line 2", "line 3", "line 4"}) EXPECT_NE(text.find(line), std::string::npos) << text;
  EXPECT_NE(text.find("Hyperspace"), std::string::npos);
}

TEST(InputScript, KnowsTheKeysTheWindowUses) {
  EXPECT_EQ(key_code("Space"), sf::Keyboard::Space);
  EXPECT_EQ(key_code("Num5"), sf::Keyboard::Num5);
  EXPECT_EQ(key_code("A"), sf::Keyboard::A);
  EXPECT_EQ(key_code("F12"), sf::Keyboard::F12);
  EXPECT_EQ(key_code("nope"), -1);
}

}  // namespace
}  // namespace fl::trainer::app
