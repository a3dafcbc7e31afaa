// `faultline practise` end to end from a file of replies, as a trainer checks it: the ring count,
// the caller card, the options, each call's scored transcript and the session scores, in both
// languages; the record it writes replays to the same scores; a tmux session types into it.
#include "trainer/practise_command.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "sim/calls/practice.h"
#include "sim/core/json_writer.h"
#include "sim/scenario/scenario.h"
#include "tests/sim/calls/ideal_answers.h"
#include "trainer/cli.h"

namespace fl::trainer {
namespace {

std::string temp_dir(const char* name) {
  const auto dir = std::filesystem::temp_directory_path() / (std::string("faultline_practise_") + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir.string();
}

PractiseArgs args(const char* lang, const std::string& out) {
  PractiseArgs a;
  a.scenario = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/calm_day.json";
  a.assets = std::string(FAULTLINE_SOURCE_DIR) + "/assets";
  a.language = lang;
  a.answers = "from a string";
  a.routing = "all";
  a.share_pct = 100;
  a.calls = 2;
  a.seed = 5;
  a.out_dir = out;
  return a;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Option 1 every time: whatever it is, since the options are offered in a shuffled order.
std::string first_options(int n) {
  std::string s = "answer 2\n";
  for (int i = 0; i < n; ++i) s += "1\n";
  return s;
}

/// The practice of args(): calm_day, every call routed to the trainee seat.
Scenario practice_scenario() {
  Scenario s;
  Problems p;
  EXPECT_TRUE(load_scenario(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/calm_day.json", s, p)) << p.format("calm_day");
  s.hotline.trainee.seats = std::max(1, s.hotline.trainee.seats);
  s.hotline.trainee.routing = "all";
  s.hotline.trainee.share_pct = 100;
  return s;
}

/// An answers file on the ideal path for the first `calls` calls of args() (seed 5), each picked
/// up at ring 2 (6 s after it starts ringing); the numbers come from a dry run (ideal_answers.h).
std::string ideal_answers(int calls, const std::map<int, std::string>& typed = {}) {
  std::string s;
  for (const auto& call : calls::testing::ideal_answer_lines(practice_scenario(), 5, calls, 6000, typed)) {
    s += "answer 2\n";
    for (const std::string& line : call) s += line + "\n";
  }
  return s;
}

TEST(Practise, AnEnglishSessionShowsRingsCardOptionsAndScores) {
  const std::string out_dir = temp_dir("en");
  std::istringstream in(ideal_answers(2));
  std::ostringstream out, err;
  ASSERT_EQ(run_practise_command(args("en", out_dir), in, out, err), 0) << err.str();
  const std::string text = out.str();
  EXPECT_NE(text.find("☎ Incoming call:"), std::string::npos);
  EXPECT_NE(text.find("  ring 2\n"), std::string::npos);
  EXPECT_NE(text.find("Answered (ring 2)."), std::string::npos);
  EXPECT_NE(text.find("Caller card:\n  Account: 31"), std::string::npos);
  EXPECT_NE(text.find(". Hello, State Grid 95598, agent number 1024 speaking."), std::string::npos);
  EXPECT_NE(text.find("Score 100 % (adherence 100 %, 0 violation(s))"), std::string::npos) << text;
  EXPECT_NE(text.find("Practice scores\n"), std::string::npos);
  EXPECT_NE(text.find("Total: 2 handled, mean score 100 %"), std::string::npos) << text;
  EXPECT_EQ(err.str(), "");
}

TEST(Practise, AChineseSessionCatchesATypedTabooPhrase) {
  const std::string out_dir = temp_dir("zh");
  // Greet in words, then brush the caller off in words.
  std::istringstream in("answer 1\n您好，国家电网95598，1024号为您服务，请问有什么可以帮您？\n这个不归我们管，你找别人问吧。\n" +
                        first_options(30).substr(9));
  std::ostringstream out, err;
  PractiseArgs a = args("zh", out_dir);
  a.calls = 1;
  ASSERT_EQ(run_practise_command(a, in, out, err), 0) << err.str();
  const std::string text = out.str();
  EXPECT_NE(text.find("☎ 来电振铃："), std::string::npos);
  EXPECT_NE(text.find("客户信息卡：\n  户号：31"), std::string::npos);
  EXPECT_NE(text.find("✓ 规范问候并报工号"), std::string::npos) << text;
  EXPECT_NE(text.find("✗ 推诿客户、违反首问负责制"), std::string::npos) << text;
  EXPECT_NE(text.find("忌语：“不归我们管”"), std::string::npos);
  EXPECT_NE(text.find("本次练习成绩"), std::string::npos);
  EXPECT_EQ(text.find("Score"), std::string::npos) << "no English in a Chinese session";
}

TEST(Practise, TheRecordReplaysToTheSameScores) {
  const std::string out_dir = temp_dir("replay");
  std::string answers = "answer 4\n1\n2\n1\n1\nI'm sorry, I understand how worrying this is.\n";
  answers += first_options(30).substr(9);
  std::istringstream in(answers);
  std::ostringstream out, err;
  ASSERT_EQ(run_practise_command(args("en", out_dir), in, out, err), 0) << err.str();
  const std::string record = read(out_dir + "/practise.json");
  rapidjson::Document doc;
  doc.Parse(record.c_str());
  ASSERT_TRUE(doc.IsObject());
  std::vector<Command> commands;
  for (const auto& c : doc["commands"].GetArray()) {
    Command cmd;
    cmd.time = c["time_ms"].GetInt64();
    cmd.kind = static_cast<CommandKind>(c["kind"].GetInt());
    cmd.target = c["target"].GetUint();
    cmd.value = c["value"].GetInt64();
    cmd.text = c["text"].GetString();
    cmd.by_trainee = true;
    commands.push_back(cmd);
  }
  ASSERT_GT(commands.size(), 5u);
  Scenario scenario;
  Problems p;
  ASSERT_TRUE(load_scenario(doc["scenario"].GetString(), scenario, p));
  scenario.hotline.trainee.routing = doc["routing"].GetString();
  scenario.hotline.trainee.share_pct = doc["share_pct"].GetDouble();
  calls::CallAssets assets;
  std::string problems;
  ASSERT_TRUE(calls::load_call_assets(std::string(FAULTLINE_SOURCE_DIR) + "/assets", assets, problems));
  const auto again = calls::replay_practice(scenario, doc["seed"].GetUint64(), std::move(assets), commands);
  JsonWriter w(true);
  again->desk().write_calls(w);
  rapidjson::Document replayed;
  replayed.Parse(w.str().c_str());
  EXPECT_TRUE(replayed == doc["trainee_calls"]) << w.str();
  EXPECT_GE(replayed["handled"].GetUint64(), 1u);
}

TEST(Practise, AMissingAnswersFileIsExplained) {
  std::vector<std::string> argv_s = {"faultline", "practise", std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/calm_day.json",
                                     "--answers", "/nonexistent/answers.txt"};
  std::vector<char*> argv;
  for (auto& s : argv_s) argv.push_back(s.data());
  ::testing::internal::CaptureStderr();
  ::testing::internal::CaptureStdout();
  const int code = run_cli(static_cast<int>(argv.size()), argv.data());
  const std::string err = ::testing::internal::GetCapturedStderr();
  ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(code, 1);
  EXPECT_NE(err.find("/nonexistent/answers.txt: cannot open the file, expected a file of replies"), std::string::npos);
}

TEST(Validate, AcceptsShippedScriptsAndExplainsABrokenOne) {
  auto cli = [](std::vector<std::string> argv_s, std::string& err) {
    argv_s.insert(argv_s.begin(), "faultline");
    std::vector<char*> argv;
    for (auto& s : argv_s) argv.push_back(s.data());
    ::testing::internal::CaptureStderr();
    ::testing::internal::CaptureStdout();
    const int code = run_cli(static_cast<int>(argv.size()), argv.data());
    err = ::testing::internal::GetCapturedStderr();
    ::testing::internal::GetCapturedStdout();
    return code;
  };
  std::string err;
  EXPECT_EQ(cli({"validate", std::string(FAULTLINE_SOURCE_DIR) + "/assets/scripts/downed_line.json"}, err), 0) << err;
  EXPECT_EQ(cli({"validate", std::string(FAULTLINE_SOURCE_DIR) + "/assets/phrases/civil_language.json"}, err), 0) << err;
  const auto dir = std::filesystem::path(temp_dir("validate")) / "scripts";
  std::filesystem::create_directories(dir);
  std::string text = read(std::string(FAULTLINE_SOURCE_DIR) + "/assets/scripts/downed_line.json");
  text.replace(text.find("\"safety_advice\","), 16, "\"safety_talk\",");
  std::ofstream(dir / "downed_line.json") << text;
  EXPECT_EQ(cli({"validate", (dir / "downed_line.json").string()}, err), 1);
  EXPECT_NE(err.find("downed_line.json: checkpoints[3]: \"safety_talk\", expected one of greeting, listen"), std::string::npos) << err;
}

// ---- a person at the keyboard, through tmux -----------------------------------------------

std::string shell(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  ::pclose(p);
  return out;
}

TEST(PractiseInTmux, APersonAnswersTheRingAndTypesReplies) {
  // The faultline binary sits beside this test's folder: build/<preset>/trainer/faultline.
  char self[4096] = {};
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  ASSERT_GT(n, 0);
  const auto binary = std::filesystem::path(self).parent_path().parent_path() / "trainer" / "faultline";
  if (!std::filesystem::exists(binary)) GTEST_SKIP() << "build the faultline target first: " << binary;
  if (shell("command -v tmux").empty()) GTEST_SKIP() << "tmux is not installed";
  const std::string socket = "faultline_practise_" + std::to_string(::getpid());
  const std::string out_dir = temp_dir("tmux");
  const std::string tmux = "tmux -L " + socket + " ";
  const std::string cmd = binary.string() + " practise " + FAULTLINE_SOURCE_DIR + "/scenarios/calm_day.json --lang en --calls 1" +
                          " --routing all --share 100 --seed 5 --assets " + FAULTLINE_SOURCE_DIR + "/assets --out " + out_dir;
  shell(tmux + "new-session -d -s practise -x 220 -y 50 '" + cmd + "; sleep 30'");
  auto screen = [&] { return shell(tmux + "capture-pane -p -J -S - -t practise"); };
  auto wait_for = [&](const std::string& text, int seconds) {
    for (int i = 0; i < seconds * 10; ++i) {
      if (screen().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  };
  const bool rang = wait_for("ring 1", 20);
  EXPECT_TRUE(rang) << screen();
  if (rang) {
    shell(tmux + "send-keys -t practise Enter");  // pick up
    EXPECT_TRUE(wait_for("agent> ", 10)) << screen();
    // Type the greeting as a person would, then pick the reply a trainer would at every turn
    // (its number found by a dry run: the options come in a shuffled order).
    const std::string greeting = "Good morning, State Grid 95598, agent number 1024 speaking.";
    const auto ideal = calls::testing::ideal_answer_lines(practice_scenario(), 5, 1, 500, {{0, greeting}});
    ASSERT_EQ(ideal.size(), 1u);
    shell(tmux + "send-keys -t practise -l '" + greeting + "'");
    shell(tmux + "send-keys -t practise Enter");
    for (std::size_t turn = 1; turn < ideal[0].size() && screen().find("Practice scores") == std::string::npos; ++turn) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      shell(tmux + "send-keys -t practise -l " + ideal[0][turn]);
      shell(tmux + "send-keys -t practise Enter");
    }
    EXPECT_TRUE(wait_for("Practice scores", 10)) << screen();
    const std::string text = screen();
    EXPECT_NE(text.find("Answered (ring 1)."), std::string::npos) << text;
    EXPECT_NE(text.find("(typed)"), std::string::npos) << text;
    EXPECT_NE(text.find("✓ greeting with the agent number"), std::string::npos) << text;
    EXPECT_TRUE(wait_for("Practice record saved", 10)) << screen();
    rapidjson::Document doc;
    const std::string record = read(out_dir + "/practise.json");
    doc.Parse(record.c_str());
    ASSERT_TRUE(doc.IsObject()) << record;
    EXPECT_EQ(doc["trainee_calls"]["handled"].GetUint64(), 1u);
    EXPECT_EQ(doc["trainee_calls"]["score_pct"].GetDouble(), 100.0) << record;
  }
  shell(tmux + "kill-server");
}

}  // namespace
}  // namespace fl::trainer
