// `faultline play` under our own Xvfb, driven by an input script: the briefing, two simulated hours
// of decisions (patrol, publish an ETR, assign a crew, operate a switch) through the mouse and
// keys, screenshots whose pixels show the map and the panels where they belong, a session that
// replays to the same scorecard, and a window killed with SIGKILL that resumes with its commands.
#include <gtest/gtest.h>

#include <SFML/Graphics/Image.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include "sim/scenario/scenario.h"
#include "sim/session.h"
#include "sim/simulator.h"
#include "tests/support/xvfb.h"
#include "trainer/app/app.h"
#include "trainer/debrief_command.h"
#include "trainer/replay_command.h"

namespace fl::trainer::app {
namespace {

namespace fs = std::filesystem;
const std::string kScenario = FAULTLINE_SOURCE_DIR "/tests/data/small_storm.json";
const std::string kScript = FAULTLINE_SOURCE_DIR "/tests/data/play_small_storm.txt";

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("faultline_play_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

bool read_session(const fs::path& path, Session& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  Problems problems;
  return session_from_json(text.str(), out, problems);
}

/// Luminance spread and colour variety of a rectangle of a screenshot.
struct Stats {
  double stddev = 0;
  std::size_t colours = 0;  // distinct colours, 4 bits per channel
  std::size_t bright = 0;   // near-white pixels (text)
};
Stats stats(const sf::Image& image, unsigned x0, unsigned y0, unsigned x1, unsigned y1) {
  Stats s;
  double sum = 0, sum2 = 0;
  std::size_t n = 0;
  std::set<unsigned> colours;
  for (unsigned y = y0; y < y1 && y < image.getSize().y; ++y)
    for (unsigned x = x0; x < x1 && x < image.getSize().x; ++x) {
      const sf::Color c = image.getPixel(x, y);
      const double l = 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;
      sum += l;
      sum2 += l * l;
      ++n;
      colours.insert(static_cast<unsigned>((c.r >> 4) << 8 | (c.g >> 4) << 4 | (c.b >> 4)));
      if (l > 200) ++s.bright;
    }
  if (n > 0) {
    const double mean = sum / static_cast<double>(n);
    s.stddev = std::sqrt(std::max(0.0, sum2 / static_cast<double>(n) - mean * mean));
  }
  s.colours = colours.size();
  return s;
}

PlayOptions scripted(const fs::path& out, const std::string& script) {
  PlayOptions o;
  o.scenario_path = kScenario;
  o.language = "en";
  o.seat = "both";  // the script publishes an ETR, which is the hotline seat's
  o.out_dir = out.string();
  o.input_script_path = script;
  return o;
}

std::string scorecard_hash_of_replay(const Session& session) {
  Scenario scenario;
  Problems problems;
  EXPECT_TRUE(parse_scenario(session.scenario_text, FAULTLINE_SOURCE_DIR "/tests/data/commitments", scenario, problems))
      << problems.format("session");
  return fnv1a_hex(replay_session(session, scenario, session.saved_at_ms)->scorecard_json());
}

// First in the file: it forks before this process has touched GL (ctest runs each test alone anyway).
TEST(PlayWindow, AKilledWindowLosesAtMostOneAutosaveAndResumes) {
  ASSERT_TRUE(fl::testing::XvfbEnvironment::ok()) << "Xvfb did not start";
  const fs::path out = fresh_dir("kill");
  const fs::path session_path = out / "session.json";
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::ostringstream sink;
    _exit(run_play(scripted(out, kScript), sink, sink));
  }
  // Wait for an autosave holding the first decisions (patrol + publication at ~17 h), then kill.
  Session saved;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(8);
  bool got = false;
  while (std::chrono::steady_clock::now() < deadline) {
    if (read_session(session_path, saved) && saved.commands.size() >= 2 && saved.saved_at_ms >= 17 * kHour + 15 * kMinute) {
      got = true;
      break;
    }
    int status = 0;
    if (waitpid(child, &status, WNOHANG) == child) break;  // finished before we could kill it
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(got) << "no autosave with the first decisions appeared in " << session_path;
  // The file on disk is a whole session (written atomically), its commands in order.
  Session after_kill;
  ASSERT_TRUE(read_session(session_path, after_kill));
  ASSERT_GE(after_kill.commands.size(), 2u);
  EXPECT_EQ(after_kill.commands[0].kind, CommandKind::kPatrol);
  EXPECT_EQ(after_kill.commands[1].kind, CommandKind::kPublishOutage);
  // The autosave replays to the scorecard it recorded.
  EXPECT_EQ(scorecard_hash_of_replay(after_kill), after_kill.scorecard_fnv1a);

  // Resume: the drill continues from the autosave at 3600x and is saved again on quit.
  const fs::path resume_script = out / "resume.txt";
  std::ofstream(resume_script) << "0.2 key Num5\n1.5 quit\n2.0 quit\n";
  PlayOptions resume = scripted(out, resume_script.string());
  resume.resume_path = session_path.string();
  std::ostringstream sink;
  ASSERT_EQ(run_play(resume, sink, sink), 0) << sink.str();
  Session resumed;
  ASSERT_TRUE(read_session(session_path, resumed));
  EXPECT_GT(resumed.saved_at_ms, after_kill.saved_at_ms);  // the run went on
  ASSERT_GE(resumed.commands.size(), after_kill.commands.size());
  for (std::size_t i = 0; i < after_kill.commands.size(); ++i) {
    EXPECT_EQ(resumed.commands[i].kind, after_kill.commands[i].kind);
    EXPECT_EQ(resumed.commands[i].time, after_kill.commands[i].time);
    EXPECT_EQ(resumed.commands[i].target, after_kill.commands[i].target);
  }
  EXPECT_EQ(scorecard_hash_of_replay(resumed), resumed.scorecard_fnv1a);
  fs::remove_all(out);
}

TEST(PlayWindow, AScriptedDrillDecidesThroughTheWindowAndReplaysExactly) {
  ASSERT_TRUE(fl::testing::XvfbEnvironment::ok()) << "Xvfb did not start";
  const fs::path out = fresh_dir("script");
  PlayOptions o = scripted(out, kScript);
  o.screenshots = {"briefing=" + (out / "briefing.png").string(), "20.8=" + (out / "drill.png").string(),
                   "debrief=" + (out / "debrief.png").string(), "findings=" + (out / "findings.png").string()};
  std::ostringstream log;
  ASSERT_EQ(run_play(o, log, log), 0) << log.str();

  // Every decision went through the seat as a trainee command.
  Session session;
  ASSERT_TRUE(read_session(out / "session.json", session));
  EXPECT_FALSE(session.automatic_dispatcher);
  std::set<CommandKind> kinds;
  for (const Command& c : session.commands) {
    EXPECT_TRUE(c.by_trainee);
    kinds.insert(c.kind);
  }
  EXPECT_TRUE(kinds.count(CommandKind::kPatrol)) << "no patrol ordered";
  EXPECT_TRUE(kinds.count(CommandKind::kPublishOutage)) << "no ETR published";
  EXPECT_TRUE(kinds.count(CommandKind::kAssignCrew)) << "no crew assigned";
  EXPECT_TRUE(kinds.count(CommandKind::kOperateSwitch)) << "no switch operated";
  EXPECT_GE(session.saved_at_ms, 19 * kHour);  // the drill ran past its decisions

  // The session replays to the same scorecard, in process and through `faultline replay --verify`.
  EXPECT_EQ(scorecard_hash_of_replay(session), session.scorecard_fnv1a);
  std::ostringstream rout, rerr;
  EXPECT_EQ(run_replay_command((out / "session.json").string(), (out / "replay").string(), true, rout, rerr), 0)
      << rerr.str();

  // Screenshots: the map is a picture (many colours, contrast), the panels hold text.
  sf::Image briefing, drill, debrief;
  ASSERT_TRUE(briefing.loadFromFile((out / "briefing.png").string()));
  ASSERT_TRUE(drill.loadFromFile((out / "drill.png").string()));
  ASSERT_TRUE(debrief.loadFromFile((out / "debrief.png").string()));
  ASSERT_EQ(drill.getSize(), sf::Vector2u(1280, 800));
  const Stats brief_map = stats(briefing, 40, 120, 660, 640), brief_panel = stats(briefing, 720, 0, 1280, 800);
  EXPECT_GT(brief_map.colours, 20u);
  EXPECT_GT(brief_map.stddev, 8.0);
  EXPECT_GT(brief_panel.bright, 2000u);  // the briefing's text
  const Stats map = stats(drill, 30, 130, 860, 580), panel = stats(drill, 884, 50, 1276, 400),
              top = stats(drill, 0, 0, 1280, 44);
  EXPECT_GT(map.colours, 30u);
  EXPECT_GT(map.stddev, 10.0);
  EXPECT_GT(panel.bright, 800u);
  EXPECT_GT(top.bright, 300u);
  const Stats report = stats(debrief, 730, 10, 1270, 400);
  EXPECT_GT(report.bright, 2000u);
  EXPECT_GT(report.colours, 5u);

  // The debrief screen weighed the decisions: its findings panel (lower right) fills with the
  // coloured decision lines, and the same findings reach the terminal on quit. They are the
  // findings `faultline debrief` finds in the saved session (one set of findings, two faces).
  sf::Image findings;
  ASSERT_TRUE(findings.loadFromFile((out / "findings.png").string()));
  const Stats before = stats(debrief, 730, 420, 1270, 660), after = stats(findings, 730, 420, 1270, 660);
  EXPECT_GT(after.colours, before.colours) << "the findings panel did not change once weighed";
  auto lines_after = [](const std::string& text, const std::string& header, std::size_t n) {
    std::vector<std::string> lines;
    const auto at = text.find(header);
    if (at == std::string::npos) return lines;
    std::istringstream in(text.substr(at + header.size()));
    std::string line;
    std::getline(in, line);  // the rest of the header line
    while (lines.size() < n && std::getline(in, line) && line.rfind("  ", 0) == 0) lines.push_back(line);
    return lines;
  };
  const auto window_lines = lines_after(log.str(), "Your decisions that gained or cost most", 5);
  ASSERT_GE(window_lines.size(), 3u) << log.str();
  DebriefArgs args;
  args.session_path = (out / "session.json").string();
  args.out_dir = (out / "debrief").string();
  args.progress = false;
  std::ostringstream dout, derr;
  ASSERT_EQ(run_debrief_command(args, dout, derr), 0) << derr.str();
  EXPECT_EQ(window_lines, lines_after(dout.str(), "Decisions that mattered most:", 5)) << dout.str();
  fs::remove_all(out);
}

TEST(PlayWindow, ABadScriptIsExplainedAndNoWindowOpens) {
  const fs::path out = fresh_dir("bad");
  const fs::path script = out / "bad.txt";
  std::ofstream(script) << "0.5 key Enter\nsoon click 1 2\n1.0 jump 3\n";
  std::ostringstream sink;
  EXPECT_EQ(run_play(scripted(out, script.string()), sink, sink), 1);
  EXPECT_NE(sink.str().find("line 2"), std::string::npos) << sink.str();
  EXPECT_NE(sink.str().find("line 3"), std::string::npos) << sink.str();
  fs::remove_all(out);
}

}  // namespace
}  // namespace fl::trainer::app
