// The hotline seat in the window (`faultline play --seat hotline`) under our own Xvfb: a scripted
// trainee answers the first call at their seat on the first ring, replies by number keys and by
// typing into the reply box, and finishes the call. The call is scored like the terminal
// practice's, the session carries the desk's scripts and replays to the same scorecard, and a
// resumed window gets its desk back.
#include <gtest/gtest.h>

#include <SFML/Graphics/Image.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <unistd.h>

#include "sim/calls/practice.h"
#include "sim/scenario/scenario.h"
#include "sim/session.h"
#include "tests/sim/calls/ideal_answers.h"
#include "tests/support/xvfb.h"
#include "trainer/app/app.h"
#include "trainer/debrief_command.h"
#include "trainer/replay_command.h"

namespace fl::trainer::app {
namespace {

namespace fs = std::filesystem;
const std::string kScenario = FAULTLINE_SOURCE_DIR "/scenarios/calm_day.json";
const std::string kTypedReply = "非常抱歉，给您添麻烦了，我完全理解您的心情。";

/// The input script: hotline-only practice on the calm day. The drill runs at 3600x until the
/// first call rings at the trainee's seat (the clock then holds at 1x); the trainee answers on
/// the first ring, replies by number keys, types an apology into the reply box, then types the
/// numbers of the replies there (a number picks that reply), and ends the drill once the call is
/// over. The options are offered shuffled, so the numbers of the ideal replies come from a dry
/// run of the same call (ideal_answers.h); times after wait_call count from the ring.
std::string hotline_script() {
  Scenario scenario;
  Problems problems;
  EXPECT_TRUE(load_scenario(kScenario, scenario, problems)) << problems.format(kScenario);
  // The window answers 1-2 s after the ring starts (the ring is seen within a 1 s slice).
  const auto ideal = calls::testing::ideal_answer_lines(scenario, scenario.seed, 1, 1500, {{2, kTypedReply}});
  EXPECT_EQ(ideal.size(), 1u);
  const std::vector<std::string> lines = ideal.empty() ? std::vector<std::string>{} : ideal[0];
  std::ostringstream s;
  s << "0.5 key Enter\n0.6 key Num5\n1.0 wait_call\n2.0 key Enter\n";
  double at = 12.0;
  for (std::size_t k = 0; k < lines.size(); ++k, at += 22.0) {
    if (k < 2) {
      s << at << " key Num" << lines[k] << "\n";
    } else if (k == 2) {
      s << at << " click 600 158\n" << at + 0.5 << " text " << lines[k] << "\n" << at + 1.0 << " key Enter\n";
    } else {
      s << at << " text " << lines[k] << "\n" << at + 0.5 << " key Enter\n";
    }
  }
  s << at << " quit\n" << at + 1.0 << " quit\n";
  return s.str();
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Pixels brighter than text grey, and distinct colours, in a rectangle of a screenshot.
std::pair<std::size_t, std::size_t> text_and_colours(const sf::Image& image, unsigned x0, unsigned y0, unsigned x1,
                                                     unsigned y1) {
  std::size_t bright = 0;
  std::set<unsigned> colours;
  for (unsigned y = y0; y < y1 && y < image.getSize().y; ++y)
    for (unsigned x = x0; x < x1 && x < image.getSize().x; ++x) {
      const sf::Color c = image.getPixel(x, y);
      if (0.299 * c.r + 0.587 * c.g + 0.114 * c.b > 170) ++bright;
      colours.insert(static_cast<unsigned>((c.r >> 4) << 8 | (c.g >> 4) << 4 | (c.b >> 4)));
    }
  return {bright, colours.size()};
}

TEST(CallPanel, ACallAnsweredInTheWindowIsScoredAndTheSessionReplaysWithItsDesk) {
  ASSERT_TRUE(fl::testing::XvfbEnvironment::ok()) << "Xvfb did not start";
  const fs::path out = fs::temp_directory_path() / ("faultline_call_panel_" + std::to_string(getpid()));
  fs::remove_all(out);
  fs::create_directories(out);
  std::ofstream(out / "hotline.txt") << hotline_script();
  PlayOptions o;
  o.scenario_path = kScenario;
  o.seat = "hotline";
  o.language = "zh";
  o.out_dir = out.string();
  o.input_script_path = (out / "hotline.txt").string();
  // Two minutes into the call (it rings at about 09:26): the panel with the card and transcript.
  o.screenshots = {"sim:568m=" + (out / "call.png").string()};
  std::ostringstream log;
  ASSERT_EQ(run_play(o, log, log), 0) << log.str();

  // The trainee's call commands went through the hotline seat, the typed reply among them.
  Session session;
  Problems problems;
  ASSERT_TRUE(session_from_json(read_text(out / "session.json"), session, problems)) << problems.format("session");
  EXPECT_TRUE(session.hotline_trainee);
  EXPECT_FALSE(session.dispatch_trainee);
  EXPECT_FALSE(session.practice);  // a drill in the window, with a desk
  EXPECT_TRUE(session.has_call_desk());
  EXPECT_GE(session.call_scripts.size(), 14u);
  std::size_t answers = 0, chosen = 0, typed = 0;
  for (const Command& c : session.commands) {
    answers += c.kind == CommandKind::kAnswerCall;
    chosen += c.kind == CommandKind::kChooseReply && c.value >= 0;
    typed += c.kind == CommandKind::kChooseReply && c.value == -1 && c.text == kTypedReply;
  }
  EXPECT_EQ(answers, 1u);
  EXPECT_GE(chosen, 4u);  // number keys and numbers typed into the box
  EXPECT_EQ(typed, 1u);

  // The call was scored: answered on the first ring, the typed apology recognised, the call over.
  const std::string scorecard = read_text(out / "scorecard.json");
  EXPECT_NE(scorecard.find("\"handled\": 1"), std::string::npos) << scorecard.substr(0, 2000);
  EXPECT_NE(scorecard.find("\"picked_up_within_5_rings\": 1"), std::string::npos);
  EXPECT_NE(scorecard.find(kTypedReply + "（输入）"), std::string::npos) << "the typed reply is not in the transcript";
  EXPECT_NE(scorecard.find("\"acknowledge\""), std::string::npos);

  // The debrief reviews the call, in the window (printed on quit) and in `faultline debrief` alike.
  const std::string reviewed = "电网施工投诉：施工扰民与道路开挖：振铃 1 声接起，得分 100.0%";
  EXPECT_NE(log.str().find(reviewed), std::string::npos) << log.str();
  DebriefArgs debrief;
  debrief.session_path = (out / "session.json").string();
  debrief.out_dir = (out / "debrief").string();
  debrief.language = "zh";
  debrief.progress = false;
  std::ostringstream dout, derr;
  ASSERT_EQ(run_debrief_command(debrief, dout, derr), 0) << derr.str();
  EXPECT_NE(dout.str().find(reviewed), std::string::npos) << dout.str();
  // The report carries the call's marked transcript, the typed reply in it.
  const std::string report = read_text(out / "debrief" / "report.html");
  EXPECT_NE(report.find("<pre class=\"transcript\">"), std::string::npos);
  EXPECT_NE(report.find(kTypedReply), std::string::npos);

  // The session replays with its desk to the same scorecard (no assets folder needed).
  std::ostringstream rout, rerr;
  EXPECT_EQ(run_replay_command((out / "session.json").string(), (out / "replay").string(), true, rout, rerr), 0)
      << rerr.str();

  // The screenshot shows the call panel's text (card, replies, transcript) left of the side panel.
  sf::Image call;
  ASSERT_TRUE(call.loadFromFile((out / "call.png").string()));
  const auto [panel_text, panel_colours] = text_and_colours(call, 404, 60, 870, 790);
  EXPECT_GT(panel_text, 3000u);
  EXPECT_GT(panel_colours, 8u);  // caller, agent, checkpoint and violation colours

  // Resuming the saved drill attaches the desk again: the resumed session keeps the scripts and
  // the call, and still replays exactly.
  const fs::path quit = out / "quit.txt";
  std::ofstream(quit) << "0.5 quit\n1.0 quit\n";
  PlayOptions resume = o;
  resume.resume_path = (out / "session.json").string();
  resume.input_script_path = quit.string();
  resume.screenshots.clear();
  std::ostringstream resume_log;
  ASSERT_EQ(run_play(resume, resume_log, resume_log), 0) << resume_log.str();
  Session resumed;
  ASSERT_TRUE(session_from_json(read_text(out / "session.json"), resumed, problems)) << problems.format("session");
  EXPECT_TRUE(resumed.has_call_desk());
  EXPECT_EQ(resumed.commands.size(), session.commands.size());
  EXPECT_NE(read_text(out / "scorecard.json").find(kTypedReply), std::string::npos);
  std::ostringstream rout2, rerr2;
  EXPECT_EQ(run_replay_command((out / "session.json").string(), (out / "replay2").string(), true, rout2, rerr2), 0)
      << rerr2.str();
  fs::remove_all(out);
}

}  // namespace
}  // namespace fl::trainer::app
